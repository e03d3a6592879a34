package io.campaignengine.kit.avro;

import io.campaignengine.events.EventCatalog;
import io.campaignengine.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which schemas a service registers at start-up (plain unit test: the registry part is covered by BackboneTest). */
class SchemaWarmUpTest {

    @Test
    void byDefault_theEventsOfTheTopicsTheServiceProduces() {
        var events = new SchemaWarmUp(null, "playbook-service", Optional.empty()).eventsToWarm();
        List<String> expected = EventCatalog.topics().stream().filter(t -> t.producer().equals("playbook-service"))
                .flatMap(t -> t.events().stream()).toList();
        assertEquals(expected.size(), events.size());
        assertEquals(Topics.CAMPAIGN, events.get(EventCatalog.eventClassOf("CampaignApproved")));
        assertTrue(events.values().stream().allMatch(t -> t.equals(Topics.BUSINESS) || t.equals(Topics.PLAYBOOK) || t.equals(Topics.CAMPAIGN)));
    }

    @Test
    void explicitTopicsAndEvents_orNone() {
        var events = new SchemaWarmUp(null, "x", Optional.of(List.of(Topics.IMAGE, "ContentGenerated"))).eventsToWarm();
        assertEquals(EventCatalog.eventsOf(Topics.IMAGE).size() + 1, events.size());
        assertEquals(Topics.CONTENT, events.get(EventCatalog.eventClassOf("ContentGenerated")));
        assertTrue(new SchemaWarmUp(null, "playbook-service", Optional.of(List.of("none"))).eventsToWarm().isEmpty());
        assertTrue(new SchemaWarmUp(null, "unknown-service", Optional.empty()).eventsToWarm().isEmpty());
    }
}
