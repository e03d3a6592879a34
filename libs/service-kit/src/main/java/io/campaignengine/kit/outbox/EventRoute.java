package io.campaignengine.kit.outbox;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.EventCatalog;
import io.campaignengine.events.Topics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where an event goes: its topic, and the outbox columns the Debezium EventRouter turns into the record
 * (aggregatetype = topic prefix -> topic {@code <aggregatetype>.events}; aggregateid = the record key;
 * type = the event's simple name -> header {@code eventType}).
 *
 * @param topic         e.g. {@code campaign.events}
 * @param aggregateType e.g. {@code campaign}
 * @param aggregateId   campaignId (topics keyed by campaign, when the event has one), else businessId
 * @param type          e.g. {@code CampaignApproved}
 */
public record EventRoute(String topic, String aggregateType, String aggregateId, String type) {

    /**
     * The route of an event of the catalog (libs/events topics.json). With {@code allowUncatalogued}, an event that
     * is not in the catalog but follows the naming convention {@code io.campaignengine.events.<aggregate>.<Name>}
     * goes to {@code <aggregate>.events}, keyed by campaignId else businessId (used by tests with their own events).
     */
    public static EventRoute of(SpecificRecord event, boolean allowUncatalogued) {
        Schema schema = event.getSchema();
        String fullName = schema.getFullName();
        String topic;
        String aggregateId;
        try {
            topic = EventCatalog.topicOf(event);
            aggregateId = EventCatalog.aggregateKeyOf(event);
        } catch (IllegalArgumentException notInCatalog) {
            String namespace = schema.getNamespace();
            String prefix = EventCatalog.EVENTS_PACKAGE + ".";
            if (!allowUncatalogued || namespace == null || !namespace.startsWith(prefix)
                    || namespace.substring(prefix.length()).contains(".")) {
                throw notInCatalog;
            }
            topic = namespace.substring(prefix.length()) + Topics.TOPIC_SUFFIX;
            Envelope envelope = EventCatalog.envelopeOf(event);
            String campaignId = envelope.getCampaignId();
            aggregateId = campaignId != null && !campaignId.isBlank() ? campaignId : envelope.getBusinessId();
            if (aggregateId == null || aggregateId.isBlank()) {
                throw new IllegalArgumentException(fullName + " has no businessId in its envelope");
            }
        }
        return new EventRoute(topic, EventCatalog.aggregateOf(topic), aggregateId, schema.getName());
    }
}
