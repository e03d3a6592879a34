package io.campaignengine.gateway.api;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New correlation ids are random UUIDs (version 4, IETF variant), as the services' own ids are, and do not repeat. */
class CorrelationIdTest {

    @Test
    void newIdsAreVersion4UuidsThatDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Correlation.newId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(36, id.length());
            assertTrue(Correlation.VALID.matcher(id).matches(), id);
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }
}
