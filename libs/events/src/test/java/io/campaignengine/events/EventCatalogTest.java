package io.campaignengine.events;

import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.publishing.ConnectionChanged;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCatalogTest {

    @Test
    void topicsConstantsMatchTheCatalog() {
        assertEquals(Topics.ALL, EventCatalog.allTopics());
        assertEquals(9, EventCatalog.allTopics().size());
        assertEquals(41, EventCatalog.allEvents().size());
        assertEquals(Topics.IMAGE, EventCatalog.topicOf("ImageRequestCancelled"));
    }

    @Test
    void lookups() {
        assertEquals(Topics.CAMPAIGN, EventCatalog.topicOf(CampaignApproved.class));
        assertEquals(Topics.CAMPAIGN, EventCatalog.topicOf("CampaignApproved"));
        assertEquals(Topics.CAMPAIGN, EventCatalog.topicOf("io.campaignengine.events.campaign.CampaignApproved"));
        assertEquals(Topics.CONTENT, EventCatalog.topicOf("ContentGenerated"));
        assertEquals(Topics.OPTIMIZATION, EventCatalog.topicOf("BudgetReallocated"));
        assertEquals(Topics.ESCALATION, EventCatalog.topicOf("EscalationResolved"));
        assertEquals(6, EventCatalog.partitions(Topics.CAMPAIGN));
        assertEquals(3, EventCatalog.partitions(Topics.PLAYBOOK));
        assertEquals("campaignId", EventCatalog.keyField(Topics.CAMPAIGN));
        assertEquals("businessId", EventCatalog.keyField(Topics.BUSINESS));
        assertEquals("playbook-service", EventCatalog.producerOf(Topics.CAMPAIGN));
        assertEquals("campaign", EventCatalog.aggregateOf("campaign.events"));
        assertEquals("campaign", EventCatalog.aggregateOf("campaign.events.dlq"));
        assertEquals("campaign.events.dlq", EventCatalog.dlqOf(Topics.CAMPAIGN));
        assertEquals("CampaignApproved", EventCatalog.eventNameOf(CampaignApproved.class));
        assertEquals("io.campaignengine.events.campaign.CampaignApproved", EventCatalog.fullNameOf("CampaignApproved"));
        assertSame(CampaignApproved.class, EventCatalog.eventClassOf("CampaignApproved"));
        assertSame(CampaignApproved.getClassSchema(), EventCatalog.schemaOf("CampaignApproved"));
    }

    @Test
    void unknownNamesAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventCatalog.topicOf("NoSuchEvent"));
        assertTrue(e.getMessage().contains("NoSuchEvent"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.topicOf("io.campaignengine.events.content.CampaignApproved"));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.topicOf(BusinessProfile.class));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.partitions("nope.events"));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.aggregateOf("campaign"));
    }

    @Test
    void everyCatalogEventHasAGeneratedClassWithTheEnvelopeFirst() {
        Schema envelope = Envelope.getClassSchema();
        for (String topic : EventCatalog.allTopics()) {
            for (String event : EventCatalog.eventsOf(topic)) {
                Class<? extends SpecificRecord> c = EventCatalog.eventClassOf(event);
                assertEquals("io.campaignengine.events." + EventCatalog.aggregateOf(topic), c.getPackageName(), event);
                Schema schema = EventCatalog.schemaOf(event);
                assertEquals(c.getName(), schema.getFullName());
                Schema.Field first = schema.getFields().get(0);
                assertEquals("envelope", first.name(), event + ": first field must be the envelope");
                assertEquals(envelope, first.schema(), event + ": envelope field must be io.campaignengine.events.Envelope");
            }
        }
    }

    @Test
    void everyTopicKeyIsAnEnvelopeField() {
        for (EventCatalog.TopicSpec t : EventCatalog.topics()) {
            assertNotNull(Envelope.getClassSchema().getField(t.key()), t.name() + ": key " + t.key() + " is not an envelope field");
            assertTrue(t.partitions() >= 1);
            assertTrue(t.producer().endsWith("-service"), t.producer());
        }
    }

    @Test
    void aggregateKeyIsCampaignIdWhereThereIsOneElseBusinessId() {
        CampaignApproved approved = Fixtures.campaignApproved();
        assertEquals(Fixtures.CAMPAIGN_ID, EventCatalog.aggregateKeyOf(approved));

        ConnectionChanged connection = Fixtures.connectionChanged(); // campaign-keyed topic, no campaign
        assertEquals(Fixtures.BUSINESS_ID, EventCatalog.aggregateKeyOf(connection));

        BusinessCreated created = BusinessCreated.newBuilder()
                .setEnvelope(Fixtures.envelope(Fixtures.CAMPAIGN_ID)) // a campaignId never keys a business-keyed topic
                .setBusiness(BusinessProfile.newBuilder().setBusinessId(UUID.fromString(Fixtures.BUSINESS_ID))
                        .setName("Melissa for Educators").setSlug("melissa").setCreatedAt(Fixtures.NOW).build())
                .setCreatedBy("admin")
                .build();
        assertEquals(Fixtures.BUSINESS_ID, EventCatalog.aggregateKeyOf(created));
        assertEquals("business", EventCatalog.aggregateOf(EventCatalog.topicOf(created)));
        assertEquals("BusinessCreated", EventCatalog.eventNameOf(created));
    }

    @Test
    void parseValidatesTheFormat() throws Exception {
        List<EventCatalog.TopicSpec> ok = EventCatalog.parse(json(
                "{\"topics\":[{\"name\":\"x.events\",\"partitions\":2,\"key\":\"businessId\",\"producer\":\"x-service\",\"events\":[\"A\"]}]}"));
        assertEquals("x", ok.get(0).aggregate());
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.parse(json(
                "{\"topics\":[{\"name\":\"x.events\",\"partitions\":2,\"key\":\"eventId\",\"producer\":\"x-service\",\"events\":[\"A\"]}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.parse(json(
                "{\"topics\":[{\"name\":\"x\",\"partitions\":2,\"key\":\"businessId\",\"producer\":\"x-service\",\"events\":[\"A\"]}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.parse(json(
                "{\"topics\":[{\"name\":\"x.events\",\"partitions\":0,\"key\":\"businessId\",\"producer\":\"x-service\",\"events\":[\"A\"]}]}")));
    }

    @Test
    void theContractIsOnTheClasspath() {
        ClassLoader cl = getClass().getClassLoader();
        assertNotNull(cl.getResource(EventCatalog.TOPICS_RESOURCE));
        assertNotNull(cl.getResource(EventCatalog.ENVELOPE_RESOURCE));
        assertNotNull(cl.getResource(EventCatalog.RESOURCE_DIR + "campaign/CampaignApproved.avsc"));
        assertNotNull(cl.getResource(EventCatalog.RESOURCE_DIR + "common/Money.avsc"));
    }

    private static ByteArrayInputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
