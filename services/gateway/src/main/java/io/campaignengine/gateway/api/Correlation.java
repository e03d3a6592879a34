package io.campaignengine.gateway.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The correlation id of every request: the caller's {@code X-Correlation-Id} (when well formed) or a new one. It is
 * sent to the upstream (which puts it into its logs and events), echoed on the response, and on the one access-log
 * line per request — the same rules as the services' service-kit filter.
 */
@ApplicationScoped
public class Correlation {
    public static final String HEADER = "X-Correlation-Id";
    static final String KEY = "correlationId";
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger ACCESS = Logger.getLogger("io.campaignengine.access");

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id != null ? id : "none";
    }

    /** The caller's id when it is well formed, else a new one. */
    public static String idFor(String given) {
        return given != null && VALID.matcher(given).matches() ? given : newId();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a correlation id has to be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes the JVM-wide SecureRandom for every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    void register(@Observes Filters filters) {
        // before authentication and every route, so 401s carry the id too
        filters.register(this::filter, 1000);
    }

    void filter(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String given = req.getHeader(HEADER);
        String id = idFor(given);
        ctx.put(KEY, id);
        MDC.put(KEY, id);
        long start = System.nanoTime();
        ctx.response().putHeader(HEADER, id);
        ctx.addEndHandler(ar -> logAccess(req.method().name(), req.path(), ctx.response().getStatusCode(), start, id));
        ctx.next();
    }

    /** The one access-log line of a request (health checks at DEBUG). */
    public static void logAccess(String method, String path, int status, long startNanos, String id) {
        Logger.Level level = path.startsWith("/q/") ? Logger.Level.DEBUG : Logger.Level.INFO;
        if (ACCESS.isEnabled(level)) {
            MDC.put(KEY, id);
            // written out, not through a format string: this runs for every request
            ACCESS.log(level, new StringBuilder(path.length() + 80).append(method).append(' ').append(path).append(' ').append(status)
                    .append(' ').append((System.nanoTime() - startNanos) / 1_000_000).append("ms correlationId=").append(id).toString());
        }
    }
}
