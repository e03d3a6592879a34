package io.campaignengine.kit.avro;

import io.campaignengine.events.EventCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At start-up, on a worker thread (start-up does not wait for it, and a registry that is down only delays the
 * registration to the first publish), registers the schema of every event this service produces:
 * the events of the topics whose {@code producer} in topics.json is {@code campaign-engine.service-name}
 * (default: {@code quarkus.application.name}), or the event names / topics listed in
 * {@code campaign-engine.events.warm-up} ({@code none} to skip).
 */
@ApplicationScoped
public class SchemaWarmUp {

    private static final Logger LOG = Logger.getLogger(SchemaWarmUp.class);

    private final EventSerde serde;
    private final String serviceName;
    private final Optional<List<String>> explicit;

    public SchemaWarmUp(EventSerde serde,
            @ConfigProperty(name = "campaign-engine.service-name") String serviceName,
            @ConfigProperty(name = "campaign-engine.events.warm-up") Optional<List<String>> explicit) {
        this.serde = serde;
        this.serviceName = serviceName;
        this.explicit = explicit;
    }

    void onStart(@Observes StartupEvent ignored) {
        Map<Class<? extends SpecificRecord>, String> events = eventsToWarm();
        if (events.isEmpty()) {
            return;
        }
        serde.vertx().executeBlocking(() -> {
            long start = System.nanoTime();
            int ok = serde.warmUpAll(events);
            LOG.infof("registered/resolved %d of %d event schemas in the registry (%d ms)", ok, events.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return ok;
        }, false);
    }

    /** Event class -> topic of the events to register. */
    Map<Class<? extends SpecificRecord>, String> eventsToWarm() {
        Map<Class<? extends SpecificRecord>, String> events = new LinkedHashMap<>();
        try {
            if (explicit.isPresent()) {
                for (String name : explicit.get()) {
                    if (name.isBlank() || name.equals("none")) {
                        continue;
                    }
                    if (EventCatalog.allTopics().contains(name)) {
                        EventCatalog.eventsOf(name).forEach(e -> events.put(EventCatalog.eventClassOf(e), name));
                    } else {
                        events.put(EventCatalog.eventClassOf(name), EventCatalog.topicOf(name));
                    }
                }
            } else {
                for (EventCatalog.TopicSpec topic : EventCatalog.topics()) {
                    if (topic.producer().equals(serviceName)) {
                        topic.events().forEach(e -> events.put(EventCatalog.eventClassOf(e), topic.name()));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("no schema warm-up: %s", e.toString());
        }
        return events;
    }
}
