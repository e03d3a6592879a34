package io.campaignengine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic catalog of the event contract, read once from {@value #TOPICS_RESOURCE} on the classpath
 * (a copy of schemas/topics.json packed into this jar).
 *
 * <p>Conventions it encodes: topic {@code <aggregate>.events}; event classes
 * {@code io.campaignengine.events.<aggregate>.<EventName>}; every event's first field {@code envelope};
 * Kafka key = the envelope field named by the topic's {@code key} ({@code campaignId}, falling back to
 * {@code businessId} when the event has no campaign).
 *
 * <p>For the outbox row of an event {@code e}: {@code aggregatetype = aggregateOf(topicOf(e))},
 * {@code aggregateid = aggregateKeyOf(e)}, {@code type = eventNameOf(e)}.
 */
public final class EventCatalog {

    /** Classpath folder holding the schemas and topics.json. */
    public static final String RESOURCE_DIR = "campaign-engine/schemas/";
    /** Classpath location of the topic catalog. */
    public static final String TOPICS_RESOURCE = RESOURCE_DIR + "topics.json";
    /** Classpath location of the envelope schema. */
    public static final String ENVELOPE_RESOURCE = RESOURCE_DIR + "envelope.avsc";
    /** Java package (= Avro namespace) under which every aggregate's events live. */
    public static final String EVENTS_PACKAGE = "io.campaignengine.events";
    /** Name of the first field of every event. */
    public static final String ENVELOPE_FIELD = "envelope";
    /** Key field values allowed in topics.json. */
    public static final String KEY_CAMPAIGN_ID = "campaignId";
    public static final String KEY_BUSINESS_ID = "businessId";

    /**
     * One topic of the catalog.
     *
     * @param name       topic name, e.g. {@code campaign.events}
     * @param partitions partition count
     * @param key        envelope field used as the record key: {@code campaignId} or {@code businessId}
     * @param producer   the only service that writes to it, e.g. {@code playbook-service}
     * @param events     simple names of the events on the topic
     */
    public record TopicSpec(String name, int partitions, String key, String producer, List<String> events) {
        public TopicSpec {
            events = List.copyOf(events);
        }

        /** The aggregate (topic prefix), e.g. {@code campaign}. */
        public String aggregate() {
            return aggregateOf(name);
        }

        /** The dead-letter topic, e.g. {@code campaign.events.dlq}. */
        public String dlq() {
            return Topics.dlq(name);
        }
    }

    private static final class Holder {
        static final Catalog CATALOG = Catalog.load();
    }

    private EventCatalog() {
    }

    // ------------------------------------------------------------------------------------ topics

    /** All topics, in catalog order. */
    public static List<TopicSpec> topics() {
        return catalog().topics;
    }

    /** Names of all topics, in catalog order. */
    public static List<String> allTopics() {
        return catalog().topics.stream().map(TopicSpec::name).toList();
    }

    /** The spec of {@code topic}; IllegalArgumentException if unknown. */
    public static TopicSpec topic(String topic) {
        TopicSpec spec = catalog().byTopic.get(topic);
        if (spec == null) {
            throw new IllegalArgumentException("unknown topic '" + topic + "'; known: " + allTopics());
        }
        return spec;
    }

    /** Partition count of {@code topic}. */
    public static int partitions(String topic) {
        return topic(topic).partitions();
    }

    /** The envelope field used as the key of {@code topic}: {@code campaignId} or {@code businessId}. */
    public static String keyField(String topic) {
        return topic(topic).key();
    }

    /** The service that produces {@code topic}. */
    public static String producerOf(String topic) {
        return topic(topic).producer();
    }

    /** Simple names of the events on {@code topic}. */
    public static List<String> eventsOf(String topic) {
        return topic(topic).events();
    }

    /** The aggregate of a topic: {@code "campaign"} for {@code "campaign.events"} (also accepts the DLQ topic). */
    public static String aggregateOf(String topic) {
        Objects.requireNonNull(topic, "topic");
        String t = topic.endsWith(Topics.DLQ_SUFFIX) ? topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length()) : topic;
        if (!t.endsWith(Topics.TOPIC_SUFFIX) || t.length() == Topics.TOPIC_SUFFIX.length()) {
            throw new IllegalArgumentException("not an event topic (<aggregate>.events): '" + topic + "'");
        }
        return t.substring(0, t.length() - Topics.TOPIC_SUFFIX.length());
    }

    /** The dead-letter topic of {@code topic}. */
    public static String dlqOf(String topic) {
        return topic(topic).dlq();
    }

    // ------------------------------------------------------------------------------------ events

    /** Simple names of all events, in catalog order. */
    public static List<String> allEvents() {
        return List.copyOf(catalog().topicByEvent.keySet());
    }

    /** Topic of an event given by simple name ({@code CampaignApproved}) or full name; IllegalArgumentException if unknown. */
    public static String topicOf(String eventName) {
        String simple = simpleName(eventName);
        String topic = catalog().topicByEvent.get(simple);
        if (topic == null) {
            throw new IllegalArgumentException("unknown event '" + eventName + "': not in " + TOPICS_RESOURCE);
        }
        if (!simple.equals(eventName) && !eventName.equals(fullNameOf(simple, topic))) {
            throw new IllegalArgumentException("event '" + eventName + "' is not in namespace " + EVENTS_PACKAGE + "."
                    + aggregateOf(topic));
        }
        return topic;
    }

    /** Topic of an event class. */
    public static String topicOf(Class<? extends SpecificRecord> eventClass) {
        return topicOf(eventClass.getName());
    }

    /** Topic of an event instance. */
    public static String topicOf(SpecificRecord event) {
        return topicOf(event.getSchema().getFullName());
    }

    /** Event name (simple record name) of an event class, e.g. {@code CampaignApproved}; used as the outbox {@code type}. */
    public static String eventNameOf(Class<? extends SpecificRecord> eventClass) {
        topicOf(eventClass);
        return eventClass.getSimpleName();
    }

    /** Event name (simple record name) of an event instance. */
    public static String eventNameOf(SpecificRecord event) {
        topicOf(event);
        return event.getSchema().getName();
    }

    /** Full Avro/Java name of an event, e.g. {@code io.campaignengine.events.campaign.CampaignApproved}. */
    public static String fullNameOf(String eventName) {
        return fullNameOf(simpleName(eventName), topicOf(eventName));
    }

    /** The generated class of an event given by simple or full name. */
    public static Class<? extends SpecificRecord> eventClassOf(String eventName) {
        String fullName = fullNameOf(eventName);
        return catalog().classes.computeIfAbsent(fullName, EventCatalog::loadClass);
    }

    /** Writer schema of an event (the schema compiled into its class). */
    public static Schema schemaOf(String eventName) {
        try {
            return (Schema) eventClassOf(eventName).getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no SCHEMA$ on the class of " + eventName, e);
        }
    }

    /** The envelope of an event (its first field). */
    public static Envelope envelopeOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField(ENVELOPE_FIELD);
        if (field == null || field.pos() != 0) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " has no envelope as its first field");
        }
        Object envelope = event.get(field.pos());
        if (!(envelope instanceof Envelope e)) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " has no envelope set");
        }
        return e;
    }

    /**
     * The Kafka key / outbox aggregate id of an event: the envelope's campaignId when the topic is keyed by
     * campaignId and the event has one, else the envelope's businessId.
     */
    public static String aggregateKeyOf(SpecificRecord event) {
        Envelope envelope = envelopeOf(event);
        String campaignId = envelope.getCampaignId();
        if (KEY_CAMPAIGN_ID.equals(keyField(topicOf(event))) && campaignId != null && !campaignId.isBlank()) {
            return campaignId;
        }
        String businessId = envelope.getBusinessId();
        if (businessId == null || businessId.isBlank()) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no businessId in its envelope");
        }
        return businessId;
    }

    // ------------------------------------------------------------------------------------ internals

    private static String simpleName(String eventName) {
        Objects.requireNonNull(eventName, "eventName");
        int dot = eventName.lastIndexOf('.');
        return dot < 0 ? eventName : eventName.substring(dot + 1);
    }

    private static String fullNameOf(String simpleName, String topic) {
        return EVENTS_PACKAGE + "." + aggregateOf(topic) + "." + simpleName;
    }

    private static Class<? extends SpecificRecord> loadClass(String fullName) {
        try {
            Class<?> c = Class.forName(fullName, true, EventCatalog.class.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(c)) {
                throw new IllegalStateException(fullName + " is not an Avro SpecificRecord");
            }
            return c.asSubclass(SpecificRecord.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class " + fullName + " for an event of " + TOPICS_RESOURCE, e);
        }
    }

    private static Catalog catalog() {
        return Holder.CATALOG;
    }

    /** Parses and validates a topics.json document (exposed for tests and tools). */
    public static List<TopicSpec> parse(InputStream topicsJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(topicsJson);
        JsonNode topics = root == null ? null : root.get("topics");
        if (topics == null || !topics.isArray()) {
            throw new IllegalArgumentException("topics.json: expected {\"topics\":[...]}");
        }
        List<TopicSpec> specs = new ArrayList<>();
        for (JsonNode t : topics) {
            String name = text(t, "name");
            JsonNode p = t.get("partitions");
            if (p == null || !p.canConvertToInt() || p.asInt() < 1) {
                throw new IllegalArgumentException("topics.json: topic " + name + " needs partitions >= 1");
            }
            String key = text(t, "key");
            if (!KEY_CAMPAIGN_ID.equals(key) && !KEY_BUSINESS_ID.equals(key)) {
                throw new IllegalArgumentException("topics.json: topic " + name + " key must be campaignId or businessId: " + key);
            }
            List<String> events = new ArrayList<>();
            JsonNode ev = t.get("events");
            if (ev == null || !ev.isArray() || ev.isEmpty()) {
                throw new IllegalArgumentException("topics.json: topic " + name + " needs a non-empty events array");
            }
            ev.forEach(e -> events.add(e.asText()));
            TopicSpec spec = new TopicSpec(name, p.asInt(), key, text(t, "producer"), events);
            aggregateOf(spec.name()); // validates the <aggregate>.events form
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("topics.json: missing string field '" + field + "' in " + node);
        }
        return v.asText();
    }

    private static final class Catalog {
        final List<TopicSpec> topics;
        final Map<String, TopicSpec> byTopic = new LinkedHashMap<>();
        final Map<String, String> topicByEvent = new LinkedHashMap<>();
        final Map<String, Class<? extends SpecificRecord>> classes = new ConcurrentHashMap<>();

        private Catalog(List<TopicSpec> topics) {
            this.topics = Collections.unmodifiableList(topics);
            for (TopicSpec t : topics) {
                if (byTopic.put(t.name(), t) != null) {
                    throw new IllegalStateException("topics.json: duplicate topic " + t.name());
                }
                for (String e : t.events()) {
                    String previous = topicByEvent.put(e, t.name());
                    if (previous != null) {
                        throw new IllegalStateException("topics.json: event " + e + " listed in " + previous + " and " + t.name());
                    }
                }
            }
        }

        static Catalog load() {
            ClassLoader cl = EventCatalog.class.getClassLoader();
            try (InputStream in = cl.getResourceAsStream(TOPICS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(TOPICS_RESOURCE + " not found on the classpath (is the events jar there?)");
                }
                return new Catalog(parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + TOPICS_RESOURCE, e);
            }
        }
    }
}
