package io.campaignengine.kit.security;

import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** requireBusiness: a business outside the caller's scope is a 404 problem, exactly like one that does not exist. */
@QuarkusTest
class BusinessScopeTest {

    private static Map<String, Object> widget() {
        return Map.of("name", "scope-" + UUID.randomUUID(), "qty", 1, "budget", Map.of("amount", 1, "currency", "EUR"));
    }

    private static String createIn(String business, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(widget())
                .when().post("/api/businesses/" + business + "/widgets")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void outsideScope_is404NotFoundProblem_notForbidden() {
        given().auth().oauth2(Tokens.marketer("melissa")).contentType(ContentType.JSON).body(widget())
                .when().post("/api/businesses/vaquero/widgets")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(NotFound.TYPE))
                .body("status", equalTo(404))
                .body("detail", equalTo("business vaquero not found"))
                .body("correlationId", not(equalTo(null)));
    }

    @Test
    void existingResourceOfAnotherBusiness_looksExactlyLikeAMissingOne() {
        String id = createIn("vaquero", Tokens.marketer("vaquero"));
        String outside = given().auth().oauth2(Tokens.viewer("melissa"))
                .when().get("/api/businesses/vaquero/widgets/" + id)
                .then().statusCode(404).body("detail", equalTo("business vaquero not found"))
                .extract().path("type");
        String missing = given().auth().oauth2(Tokens.viewer("melissa"))
                .when().get("/api/businesses/nonexistent/widgets/" + id)
                .then().statusCode(404).extract().path("type");
        org.junit.jupiter.api.Assertions.assertEquals(missing, outside);
        // in scope it is there
        given().auth().oauth2(Tokens.viewer("vaquero", "melissa"))
                .when().get("/api/businesses/vaquero/widgets/" + id)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void adminIsScopedByTheTokenToo_byDefault() {
        given().auth().oauth2(Tokens.admin("melissa")).contentType(ContentType.JSON).body(widget())
                .when().post("/api/businesses/vaquero/widgets")
                .then().statusCode(404).body("detail", containsString("vaquero"));
        createIn("melissa", Tokens.admin("melissa"));
    }

    @Test
    void noToken_is401() {
        given().contentType(ContentType.JSON).body(widget())
                .when().post("/api/businesses/melissa/widgets")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
