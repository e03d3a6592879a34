package io.campaignengine.kit.problem;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

/**
 * With proactive authentication (the Quarkus default, kept so {@code SecurityIdentity} is available without blocking),
 * a request carrying an invalid/expired bearer token fails in the HTTP layer before Quarkus REST runs, so no exception
 * mapper sees it. This failure handler answers those with the same 401 problem as {@link ProblemMappers}.
 */
@ApplicationScoped
public class AuthFailureHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1000).failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        boolean authFailure = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException;
        if (!authFailure || rc.response().ended() || rc.response().headWritten()) {
            rc.next();
            return;
        }
        Response problem = ProblemMappers.unauthorizedResponse(rc.request().path());
        rc.response().setStatusCode(problem.getStatus());
        problem.getStringHeaders().forEach((name, values) -> values.forEach(v -> rc.response().headers().add(name, v)));
        rc.response().end((String) problem.getEntity());
    }
}
