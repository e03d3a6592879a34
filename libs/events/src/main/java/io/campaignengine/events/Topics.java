package io.campaignengine.events;

import java.util.List;

/**
 * Names of the Kafka topics of the event contract (schemas/topics.json). One topic per aggregate:
 * {@code <aggregate>.events}, plus a dead-letter topic {@code <topic>.dlq} for each.
 * {@code EventCatalogTest} checks that these constants and topics.json agree.
 */
public final class Topics {

    public static final String BUSINESS = "business.events";
    public static final String PLAYBOOK = "playbook.events";
    public static final String CAMPAIGN = "campaign.events";
    public static final String CONTENT = "content.events";
    public static final String IMAGE = "image.events";
    public static final String PUBLISHING = "publishing.events";
    public static final String METRICS = "metrics.events";
    public static final String OPTIMIZATION = "optimization.events";
    public static final String ESCALATION = "escalation.events";

    /** Suffix of the dead-letter topic of each topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Suffix of every event topic: the aggregate name is what precedes it. */
    public static final String TOPIC_SUFFIX = ".events";

    /** All event topics, in catalog order. */
    public static final List<String> ALL = List.of(
            BUSINESS, PLAYBOOK, CAMPAIGN, CONTENT, IMAGE, PUBLISHING, METRICS, OPTIMIZATION, ESCALATION);

    /** The dead-letter topic of {@code topic}, e.g. {@code campaign.events.dlq}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
