package io.campaignengine.kit.correlation;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import org.jboss.logging.MDC;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id (and causation id) of the work being done right now.
 *
 * <p>An HTTP request gets one from its {@value #HEADER} header (or a new UUID, see {@link HttpCorrelationFilter});
 * a consumed event makes its envelope's {@code correlationId} current and its {@code eventId} the causation id of
 * whatever it produces (see {@code IdempotentConsumer}). {@code Envelopes} copies both into every event created
 * while they are current.
 *
 * <p>Storage: the Vert.x duplicated context of the request / consumed record when there is one (so the ids follow
 * the reactive pipeline across threads), a thread local otherwise. The ids are also put in the log MDC under
 * {@value #MDC_CORRELATION_ID} and {@value #MDC_CAUSATION_ID} (Quarkus stores the MDC in the same duplicated context).
 */
public final class CorrelationContext {

    /** HTTP header carrying the correlation id, read from requests and echoed on responses. */
    public static final String HEADER = "X-Correlation-Id";
    /** MDC key of the correlation id (use {@code %X{correlationId}} in a log format). */
    public static final String MDC_CORRELATION_ID = "correlationId";
    /** MDC key of the causation id. */
    public static final String MDC_CAUSATION_ID = "causationId";

    private static final String LOCAL_CORRELATION = "campaign-engine.correlationId";
    private static final String LOCAL_CAUSATION = "campaign-engine.causationId";
    private static final ThreadLocal<String[]> THREAD = new ThreadLocal<>();
    /** What an incoming id may look like: fits outbox_event.correlation_id varchar(100), no header/log injection. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

    private CorrelationContext() {
    }

    /** The current correlation id, if any. */
    public static Optional<String> correlationId() {
        return Optional.ofNullable(get(LOCAL_CORRELATION, 0));
    }

    /** The current causation id (the id of the event being handled), if any. */
    public static Optional<String> causationId() {
        return Optional.ofNullable(get(LOCAL_CAUSATION, 1));
    }

    /**
     * The current correlation id; if there is none, a new UUID - which becomes current only on a Vert.x duplicated
     * context (a request, a consumed record, a scheduled run), never in a plain thread's thread-local, where it would
     * outlive the work. Off-context flows that want one id for several events call {@link #begin} / {@link #clear}.
     */
    public static String correlationIdOrNew() {
        String current = get(LOCAL_CORRELATION, 0);
        if (current != null) {
            return current;
        }
        String fresh = newId();
        if (VertxContext.isOnDuplicatedContext()) {
            begin(fresh, null);
        }
        return fresh;
    }

    /**
     * Makes {@code correlationId} (a new UUID if null/blank) and {@code causationId} (may be null) current, in the
     * Vert.x duplicated context (or thread) and the MDC.
     *
     * @return the correlation id now current
     */
    public static String begin(String correlationId, String causationId) {
        String id = correlationId == null || correlationId.isBlank() ? newId() : correlationId;
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(LOCAL_CORRELATION, id);
            if (causationId != null) {
                ContextLocals.put(LOCAL_CAUSATION, causationId);
            } else {
                ContextLocals.remove(LOCAL_CAUSATION);
            }
        } else {
            THREAD.set(new String[] { id, causationId });
        }
        MDC.put(MDC_CORRELATION_ID, id);
        if (causationId != null) {
            MDC.put(MDC_CAUSATION_ID, causationId);
        } else {
            MDC.remove(MDC_CAUSATION_ID);
        }
        return id;
    }

    /** Forgets the current ids (context/thread and MDC). */
    public static void clear() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(LOCAL_CORRELATION);
            ContextLocals.remove(LOCAL_CAUSATION);
        }
        THREAD.remove();
        MDC.remove(MDC_CORRELATION_ID);
        MDC.remove(MDC_CAUSATION_ID);
    }

    /** A usable correlation id from an untrusted value (header), or null when it is absent or unacceptable. */
    public static String sanitize(String candidate) {
        if (candidate == null) {
            return null;
        }
        String trimmed = candidate.trim();
        return ACCEPTABLE.matcher(trimmed).matches() ? trimmed : null;
    }

    /** A new correlation id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String get(String localKey, int index) {
        if (VertxContext.isOnDuplicatedContext()) {
            Optional<String> value = ContextLocals.get(localKey);
            return value.orElse(null);
        }
        String[] ids = THREAD.get();
        return ids == null ? null : ids[index];
    }
}
