package io.campaignengine.gateway.frontdoor;

import io.netty.channel.epoll.Epoll;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where Quarkus' HTTP server listens when the front door is on: not on the gateway's port (the front door takes it) but
 * on a Unix domain socket of this process only, which the front door relays every request to that it does not forward
 * itself. Decided here, as configuration, because Quarkus binds its listener before any bean runs.
 * <p>
 * The front door needs Netty's epoll transport (domain sockets, and the same event loops as Vert.x); where it cannot
 * load, or with {@code campaign-engine.gateway.front-door.enabled=false}, nothing changes: Quarkus serves the port.
 * With the front door on, the number of Vert.x event loops — which the front door runs on — defaults here as well.
 */
public class FrontDoorListener implements ConfigSourceFactory {
    static final String ENABLED = "campaign-engine.gateway.front-door.enabled";
    static final String NATIVE = "quarkus.vertx.prefer-native-transport";
    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!on(context.getValue(ENABLED), true) || !on(context.getValue(NATIVE), false) || !Epoll.isAvailable()) {
            return List.of();
        }
        Map<String, String> listener = new HashMap<>(Map.of(
                "quarkus.http.host-enabled", "false",
                "quarkus.http.domain-socket-enabled", "true",
                "quarkus.http.domain-socket", SOCKET.toString()));
        ConfigValue loops = context.getValue(EVENT_LOOPS);
        if (loops == null || loops.getValue() == null) {
            listener.put(EVENT_LOOPS, String.valueOf(defaultEventLoops(Runtime.getRuntime().availableProcessors())));
        }
        // above application.properties (250), below environment variables (300) and system properties (400)
        return List.of(new PropertiesConfigSource(listener, "gateway-front-door", 275));
    }

    /**
     * One event loop per two cores unless configured (Vert.x' own default is two per core). The front door spends a
     * quarter of what a service spends on a request; with fewer loops each wake-up serves more ready connections: on
     * this 2-core machine one loop costs 0.07–0.08 ms of CPU per forwarded 30 KB answer, two or four 0.09–0.12 (bench/RESULTS.md).
     */
    static int defaultEventLoops(int cores) {
        return Math.max(1, cores / 2);
    }

    private static boolean on(ConfigValue value, boolean otherwise) {
        return value == null || value.getValue() == null ? otherwise : Boolean.parseBoolean(value.getValue().trim());
    }

    /** Computed once: the factory is asked again for each configuration Quarkus builds (static init, run time). */
    static final Path SOCKET = socketPath();

    /** One socket per process (tests, benchmarks and `make run` start several gateways on one machine); at most 108 bytes. */
    static Path socketPath() {
        String name = "campaign-engine-gateway-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff) + ".sock";
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        if (tmp.resolve(name).toString().length() > 100 || !Files.isDirectory(tmp)) {
            tmp = Path.of("/tmp");
        }
        return tmp.resolve(name);
    }
}
