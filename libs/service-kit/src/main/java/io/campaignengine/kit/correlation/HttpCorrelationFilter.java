package io.campaignengine.kit.correlation;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * For every HTTP request (REST endpoints, /q/*, unknown paths): takes the {@value CorrelationContext#HEADER} header
 * (a new UUID when it is absent or not an acceptable id), makes it current ({@link CorrelationContext}, log MDC),
 * echoes it on the response, and logs one access line when the response ends:
 * {@code GET /api/things 200 12ms correlationId=...} (category {@value #ACCESS_LOG_CATEGORY}; requests under
 * {@code /q/} are logged at DEBUG so health probes and metric scrapes do not flood the log).
 */
@ApplicationScoped
public class HttpCorrelationFilter {

    /** Log category of the access lines. */
    public static final String ACCESS_LOG_CATEGORY = "io.campaignengine.access";
    /** Runs before authentication and every route (Filters: higher priority runs first). */
    static final int PRIORITY = 100_000;

    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOG_CATEGORY);

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        long start = System.nanoTime();
        String id = CorrelationContext.sanitize(rc.request().getHeader(CorrelationContext.HEADER));
        String correlationId = CorrelationContext.begin(id, null);
        rc.put(CorrelationContext.MDC_CORRELATION_ID, correlationId);
        rc.response().putHeader(CorrelationContext.HEADER, correlationId);
        rc.addEndHandler(ignored -> accessLog(rc, correlationId, start));
        rc.next();
    }

    private static void accessLog(RoutingContext rc, String correlationId, long startNanos) {
        String path = rc.request().path();
        boolean quiet = path != null && path.startsWith("/q/");
        if (quiet && !ACCESS.isDebugEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        Object previous = MDC.get(CorrelationContext.MDC_CORRELATION_ID);
        MDC.put(CorrelationContext.MDC_CORRELATION_ID, correlationId);
        try {
            ACCESS.logf(quiet ? Logger.Level.DEBUG : Logger.Level.INFO, "%s %s %d %dms correlationId=%s",
                    rc.request().method().name(), path, rc.response().getStatusCode(), millis, correlationId);
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationContext.MDC_CORRELATION_ID);
            } else {
                MDC.put(CorrelationContext.MDC_CORRELATION_ID, previous);
            }
        }
    }

    /** The correlation id the filter assigned to a request (for handlers that only have the RoutingContext). */
    public static String of(RoutingContext rc) {
        Object id = rc.get(CorrelationContext.MDC_CORRELATION_ID);
        return id != null ? id.toString() : CorrelationContext.correlationId().orElse(null);
    }
}
