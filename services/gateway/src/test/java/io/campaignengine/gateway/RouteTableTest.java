package io.campaignengine.gateway;

import io.campaignengine.gateway.config.GatewayConfig;
import io.campaignengine.gateway.service.RouteTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Route resolution: whole path segments, longest prefix, disabled upstreams, one owner per prefix. */
class RouteTableTest {

    record Up(String url, List<String> routes, boolean enabled) implements GatewayConfig.Upstream {
    }

    static GatewayConfig config(Map<String, GatewayConfig.Upstream> upstreams) {
        return new GatewayConfig() {
            public Map<String, Upstream> upstreams() {
                return upstreams;
            }

            public List<String> publicRoutes() {
                return List.of("/api/meta/oauth/callback", "/api/hooks/*/meta");
            }

            public int maxConnectionsPerUpstream() {
                return 1;
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration responseTimeout() {
                return Duration.ofSeconds(1);
            }

            public boolean clientPerEventLoop() {
                return true;
            }

            public boolean rememberedBearerFastPath() {
                return false;
            }
        };
    }

    @Test
    void resolvesWholeSegmentsAndTheLongestPrefix() {
        RouteTable t = new RouteTable(config(Map.of(
                "playbook", new Up("http://127.0.0.1:8101", List.of("/api/campaigns", "api/businesses/"), true),
                "special", new Up("http://127.0.0.1:9999", List.of("/api/campaigns/reports"), true),
                "off", new Up("http://127.0.0.1:1", List.of("/api/off"), false))));
        assertEquals(Optional.of("playbook"), name(t, "/api/campaigns"));
        assertEquals(Optional.of("playbook"), name(t, "/api/campaigns/42/approve"));
        assertEquals(Optional.of("playbook"), name(t, "/api/businesses/melissa"));
        assertEquals(Optional.of("special"), name(t, "/api/campaigns/reports/7"));
        assertEquals(Optional.empty(), name(t, "/api/campaignsX"));
        assertEquals(Optional.empty(), name(t, "/api/off/x"));
        assertEquals(Optional.empty(), name(t, "/api"));
        assertEquals(Optional.empty(), name(t, "/api/"));
        assertEquals(Optional.empty(), name(t, "/"));
        assertEquals(Optional.empty(), name(t, "/api/campaign"));
        assertEquals(Optional.of("playbook"), name(t, "/api/campaigns/"));
        assertEquals(Optional.of("playbook"), name(t, "/api/campaigns/reportsX"));
        assertEquals(Optional.of("playbook"), name(t, "/api/campaigns/report"));
        assertEquals(8101, t.resolve("/api/campaigns").orElseThrow().port());
        assertEquals(List.of("playbook", "special"), t.upstreams().stream().map(RouteTable.Upstream::name).toList());
    }

    @Test
    void aWildcardSegmentLetsAServiceOwnASubResource() {
        RouteTable t = new RouteTable(config(Map.of(
                "playbook", new Up("http://127.0.0.1:8101", List.of("/api/businesses"), true),
                "publishing", new Up("http://127.0.0.1:8104", List.of("/api/businesses/*/connections", "/api/businesses/*/connect-meta"), true),
                "special", new Up("http://127.0.0.1:8199", List.of("/api/businesses/melissa/connections"), true))));
        assertEquals(Optional.of("publishing"), name(t, "/api/businesses/42/connections"));
        assertEquals(Optional.of("publishing"), name(t, "/api/businesses/42/connections/7"));
        assertEquals(Optional.of("publishing"), name(t, "/api/businesses/42/connect-meta"));
        assertEquals(Optional.of("special"), name(t, "/api/businesses/melissa/connections"));
        assertEquals(Optional.of("playbook"), name(t, "/api/businesses/42"));
        assertEquals(Optional.of("playbook"), name(t, "/api/businesses/42/other"));
        assertEquals(Optional.of("playbook"), name(t, "/api/businesses"));
    }

    @Test
    void publicRoutesAreMatchedLikeRoutes() {
        RouteTable t = new RouteTable(config(Map.of("p", new Up("http://127.0.0.1:1", List.of("/api/meta"), true))));
        assertEquals(true, t.isPublic("/api/meta/oauth/callback"));
        assertEquals(true, t.isPublic("/api/hooks/melissa/meta"));
        assertEquals(false, t.isPublic("/api/meta/oauth"));
        assertEquals(false, t.isPublic("/api/meta/oauth/callback/more"));
        assertEquals(false, t.isPublic("/api/meta/other"));
        assertEquals(false, t.isPublic("/api/hooks/melissa/other"));
        assertEquals(false, t.isPublic("/api/meta/oauth/callback/"));
        assertEquals(false, t.isPublic("/api/meta/oauth/callbacks"));
        assertEquals(false, t.isPublic("/api/hooks/melissa/meta/x"));
        assertEquals(false, t.isPublic("/api/hooks/meta"));
        assertEquals(false, t.isPublic("/"));
    }

    @Test
    void aPrefixHasOneOwner() {
        var e = assertThrows(IllegalStateException.class, () -> new RouteTable(config(Map.of(
                "a", new Up("http://127.0.0.1:1", List.of("/api/x"), true),
                "b", new Up("http://127.0.0.1:2", List.of("/api/x/"), true)))));
        assertEquals("route /api/x is configured for both a and b", e.getMessage());
    }

    static Optional<String> name(RouteTable t, String path) {
        return t.resolve(path).map(RouteTable.Upstream::name);
    }
}
