package io.campaignengine.gateway.config;

import io.campaignengine.gateway.client.UpstreamClients;
import io.campaignengine.gateway.service.RouteTable;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/**
 * Readiness of the gateway's upstreams: each one's {@code /q/health/ready}, reported by name. The check is DOWN only
 * when NO upstream is ready — one service being down must not take the whole edge out of the load balancer (its
 * routes answer 502 problems meanwhile).
 */
@Readiness
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {
    private final RouteTable table;
    private final UpstreamClients clients;

    public UpstreamsHealthCheck(RouteTable table, UpstreamClients clients) {
        this.table = table;
        this.clients = clients;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<String>> checks = new ArrayList<>();
        for (RouteTable.Upstream u : table.upstreams()) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/health/ready").setIdleTimeout(2000);
            Future<String> f = clients.of(u).request(options).compose(r -> r.send())
                    .compose(resp -> resp.body().map(body -> resp.statusCode())) // read it: the connection goes back to the pool
                    .map(status -> status == 200 ? "UP" : "DOWN (HTTP " + status + ")");
            checks.add(Uni.createFrom().completionStage(f.toCompletionStage())
                    .onFailure().recoverWithItem(e -> "DOWN (" + e.getClass().getSimpleName() + ")"));
        }
        if (checks.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.named("upstreams").up().build());
        }
        return Uni.join().all(checks).andFailFast().map(states -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("upstreams");
            boolean anyUp = false;
            for (int i = 0; i < states.size(); i++) {
                RouteTable.Upstream u = table.upstreams().get(i);
                b.withData(u.name(), states.get(i) + " " + u.url());
                anyUp |= states.get(i).equals("UP");
            }
            return b.status(anyUp).build();
        });
    }
}
