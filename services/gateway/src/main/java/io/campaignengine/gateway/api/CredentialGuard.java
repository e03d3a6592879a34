package io.campaignengine.gateway.api;

import io.campaignengine.gateway.service.RouteTable;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * In front of {@code /api/**}, before authentication:
 * <ul>
 * <li>(except on the configured public routes) a request with neither a bearer token nor a session cookie gets a 401 problem — an API client must not be
 * redirected to an HTML login page (browsers log in through {@code /login});</li>
 * <li>a state-changing request authenticated by the session cookie must carry {@code X-Requested-With} and, when the
 * browser sends {@code Origin}, come from this origin (CSRF: a cross-site form cannot set a custom header, and
 * cross-origin scripts are refused by the absence of CORS). Bearer requests are not affected: a browser never adds
 * an Authorization header on its own.</li>
 * </ul>
 */
@ApplicationScoped
public class CredentialGuard {
    static final String SESSION_COOKIE = "q_session";
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final RouteTable table;

    public CredentialGuard(RouteTable table) {
        this.table = table;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 900);
    }

    void filter(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        if (!(path.equals("/api") || path.startsWith("/api/")) || table.isPublic(path)) {
            ctx.next();
            return;
        }
        String authorization = req.getHeader("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Problems.send(ctx, 401, "unauthorized", "Unauthorized", "send a bearer token: Authorization: Bearer <access token>");
                return;
            }
            ctx.next();
            return;
        }
        if (!hasSession(req)) {
            Problems.send(ctx, 401, "unauthorized", "Unauthorized",
                    "no credentials: send a bearer token, or log in at /login (browsers)");
            return;
        }
        if (!SAFE.contains(req.method())) {
            String origin = req.getHeader("Origin");
            if (req.getHeader("X-Requested-With") == null) {
                Problems.send(ctx, 403, "csrf", "Forbidden",
                        "a session-authenticated " + req.method() + " needs the header X-Requested-With (CSRF protection)");
                return;
            }
            if (origin != null && !origin.equalsIgnoreCase(ownOrigin(req))) {
                Problems.send(ctx, 403, "csrf", "Forbidden", "cross-origin request from " + origin + " refused");
                return;
            }
        }
        ctx.next();
    }

    static boolean hasSession(HttpServerRequest req) {
        for (Cookie c : req.cookies()) {
            if (c.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }

    static String ownOrigin(HttpServerRequest req) {
        String proto = req.getHeader("X-Forwarded-Proto");
        String host = req.getHeader("X-Forwarded-Host");
        if (host == null && req.authority() != null) {
            host = req.authority().toString();
        }
        // no Host at all (HTTP/1.0): nothing an Origin could equal
        return (proto != null ? proto : req.scheme()) + "://" + (host != null ? host : "");
    }
}
