package io.campaignengine.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own errors as RFC 7807 {@code application/problem+json}, shaped like the services' (service-kit):
 * {@code type, title, status, detail, instance, correlationId} plus extension members.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:campaign-engine:problem:";

    private Problems() {
    }

    public static JsonObject body(int status, String type, String title, String detail, String instance, String correlationId) {
        return new JsonObject()
                .put("type", TYPE_PREFIX + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .put("correlationId", correlationId);
    }

    /** Ends the exchange with a problem (when the response has not started yet). */
    public static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        send(ctx, body(status, type, title, detail, ctx.request().path(), Correlation.of(ctx)));
    }

    public static void send(RoutingContext ctx, JsonObject problem) {
        var response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        int status = problem.getInteger("status");
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(problem.encode());
    }
}
