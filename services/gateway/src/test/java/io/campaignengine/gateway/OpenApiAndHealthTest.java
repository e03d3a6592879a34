package io.campaignengine.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merged OpenAPI + Swagger UI, health with the upstreams, metrics — all public. */
@QuarkusTest
class OpenApiAndHealthTest {

    @Test
    void theMergedOpenApiHasTheRoutedPathsOfEveryService() {
        var doc = RestAssured.get("/openapi").then().statusCode(200).contentType(startsWith("application/json"))
                .body("openapi", startsWith("3."))
                .body("servers[0].url", equalTo("/"))
                .body("paths", hasKey("/api/campaigns"))
                .body("paths", hasKey("/api/campaigns/{id}/approve"))
                .body("paths", hasKey("/api/businesses"))
                .body("paths", hasKey("/api/tasks"))
                .body("paths", hasKey("/api/activity"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                // the echo upstream has no /q/openapi and "nowhere" is down: named, not fatal
                .body("x-unavailable-services", hasItem("nowhere"))
                .extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertTrue(paths.keySet().stream().allMatch(p -> p.startsWith("/api/")), "only routed paths: " + paths.keySet());
        assertTrue(doc.getMap("components.schemas").size() > 5, "the services' schemas are there");
    }

    @Test
    void swaggerUiIsServedAndReadsTheMergedDocument() {
        RestAssured.given().redirects().follow(true).get("/swagger-ui/").then().statusCode(200)
                .contentType(startsWith("text/html"));
        RestAssured.get("/swagger-ui/index.html").then().statusCode(200).body(containsString("url: '/openapi'"));
    }

    @Test
    void healthReportsTheGatewayAndEachUpstream() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.playbook-service", startsWith("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.nowhere", startsWith("DOWN"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void theLandingPageIsPublic() {
        RestAssured.get("/").then().statusCode(200).body(containsString("Campaign Engine")).body(not(containsString("eyJ")));
    }
}
