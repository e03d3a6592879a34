package io.campaignengine.kit.consumer;

import io.vertx.pgclient.PgException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Which failures of event handling are transient (retry) rather than poison (dead-letter). */
public final class Failures {

    /** SQLSTATE classes/codes worth retrying: connection, serialization failure, deadlock, shutdown, resources. */
    private static final Set<String> TRANSIENT_SQLSTATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03");
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "53");
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.netty.channel.ConnectTimeoutException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException");

    private Failures() {
    }

    /** Whether {@code failure} (or one of its causes) is transient. */
    public static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 12; depth++, t = t.getCause()) {
            if (t instanceof TransientEventException || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (TRANSIENT_SQLSTATES.contains(state) || (state.length() == 5 && TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
            }
            if (TRANSIENT_CLASS_NAMES.contains(t.getClass().getName())) {
                return true;
            }
            if (isRegistryUnavailable(t) || isClosedResource(t)) {
                return true;
            }
        }
        return false;
    }

    /** Vert.x reports a closed pool/connection (shutdown, restart of PostgreSQL) with a bare message. */
    private static boolean isClosedResource(Throwable t) {
        String type = t.getClass().getName();
        if (!type.equals("io.vertx.core.impl.NoStackTraceThrowable") && !type.equals("io.vertx.core.VertxException")) {
            return false;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("closed") || message.contains("not active") || message.contains("connection");
    }

    /** The registry answered 5xx/429 (its client reports it through an exception with a response status). */
    private static boolean isRegistryUnavailable(Throwable t) {
        if (!t.getClass().getName().startsWith("com.microsoft.kiota") && !t.getClass().getName().startsWith("io.apicurio")) {
            return false;
        }
        try {
            Object status = t.getClass().getMethod("getResponseStatusCode").invoke(t);
            return status instanceof Integer code && (code >= 500 || code == 429);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
