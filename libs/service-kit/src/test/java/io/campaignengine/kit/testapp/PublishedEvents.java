package io.campaignengine.kit.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every event the test app tried to publish, by widget name (the tests compare what Kafka delivers with it). */
@ApplicationScoped
public class PublishedEvents {

    private final Map<String, SpecificRecord> byWidgetName = new ConcurrentHashMap<>();

    public void attempted(String widgetName, SpecificRecord event) {
        byWidgetName.put(widgetName, event);
    }

    public Optional<SpecificRecord> forWidget(String widgetName) {
        return Optional.ofNullable(byWidgetName.get(widgetName));
    }
}
