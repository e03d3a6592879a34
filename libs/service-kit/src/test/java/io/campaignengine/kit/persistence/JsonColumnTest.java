package io.campaignengine.kit.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonColumnTest {

    record Hook(String id, String text) {
    }

    static class Hooks extends JsonColumn<List<Hook>> {
        Hooks() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    @Test
    void roundTripsRecordsArraysAndMaps() {
        Hooks hooks = new Hooks();
        String json = hooks.convertToDatabaseColumn(List.of(new Hook("h1", "What if $99 unlocked it?")));
        assertEquals("[{\"id\":\"h1\",\"text\":\"What if $99 unlocked it?\"}]", json);
        assertEquals(List.of(new Hook("h1", "What if $99 unlocked it?")), hooks.convertToEntityAttribute(json));
        UUID id = UUID.randomUUID();
        assertEquals(List.of(id), new JsonColumn.UuidList().convertToEntityAttribute("[\"" + id + "\"]"));
        assertEquals(Map.of("a", List.of("x")), new JsonColumn.StringListMap().convertToEntityAttribute("{\"a\":[\"x\"]}"));
    }

    @Test
    void nullIsStoredAsEmptyAndUnknownFieldsAreIgnored() {
        assertEquals("[]", new Hooks().convertToDatabaseColumn(null));
        assertEquals("{}", new JsonColumn.ObjectMap().convertToDatabaseColumn(null));
        assertEquals(List.of(), new Hooks().convertToEntityAttribute(""));
        assertEquals(List.of(new Hook("h1", "t")), new Hooks().convertToEntityAttribute("[{\"id\":\"h1\",\"text\":\"t\",\"newer\":1}]"));
    }

    @Test
    void aBrokenColumnSaysSo() {
        var e = assertThrows(IllegalStateException.class, () -> new Hooks().convertToEntityAttribute("[{"));
        assertEquals(true, e.getMessage().startsWith("cannot read JSON column"), e.getMessage());
    }
}
