package io.campaignengine.gateway.frontdoor;

import io.netty.channel.epoll.Epoll;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the front door configures before Quarkus starts: its listener, and the number of event loops unless set. */
class FrontDoorListenerTest {

    @Test
    void quarkusMovesToTheDomainSocketAndRunsOneEventLoopPerTwoCores() {
        assertTrue(Epoll.isAvailable(), "the front door needs epoll, which this machine has");
        Map<String, String> source = sourceFor(Map.of(FrontDoorListener.NATIVE, "true"));
        assertEquals("false", source.get("quarkus.http.host-enabled"));
        assertEquals("true", source.get("quarkus.http.domain-socket-enabled"));
        assertEquals(FrontDoorListener.SOCKET.toString(), source.get("quarkus.http.domain-socket"));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(String.valueOf(Math.max(1, cores / 2)), source.get(FrontDoorListener.EVENT_LOOPS));
        assertEquals(1, FrontDoorListener.defaultEventLoops(1));
        assertEquals(1, FrontDoorListener.defaultEventLoops(2));
        assertEquals(4, FrontDoorListener.defaultEventLoops(8));
    }

    @Test
    void aConfiguredNumberOfEventLoopsIsLeftAlone() {
        Map<String, String> source = sourceFor(Map.of(FrontDoorListener.NATIVE, "true", FrontDoorListener.EVENT_LOOPS, "3"));
        assertEquals("true", source.get("quarkus.http.domain-socket-enabled"));
        assertNull(source.get(FrontDoorListener.EVENT_LOOPS), "a value of a source below would be overridden");
    }

    @Test
    void switchedOffOrWithoutTheNativeTransportNothingChanges() {
        assertTrue(sourcesFor(Map.of(FrontDoorListener.NATIVE, "true", FrontDoorListener.ENABLED, "false")).isEmpty());
        assertTrue(sourcesFor(Map.of()).isEmpty());
    }

    private static Map<String, String> sourceFor(Map<String, String> configured) {
        List<ConfigSource> sources = sourcesFor(configured);
        assertEquals(1, sources.size());
        assertEquals(275, sources.get(0).getOrdinal(), "above application.properties, below the environment");
        return new HashMap<>(sources.get(0).getProperties());
    }

    private static List<ConfigSource> sourcesFor(Map<String, String> configured) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = configured.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return configured.keySet().iterator();
            }
        };
        List<ConfigSource> sources = new ArrayList<>();
        new FrontDoorListener().getConfigSources(context).forEach(sources::add);
        return sources;
    }
}
