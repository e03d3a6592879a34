package io.campaignengine.kit.problem;

import io.campaignengine.kit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every error of the test app's endpoints is RFC 7807 problem+json with the right status, fields and correlation id. */
@QuarkusTest
class ProblemJsonTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String WIDGETS = "/api/businesses/melissa/widgets";

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String correlationId) {
        return response.statusCode(status)
                .contentType(startsWith(PROBLEM))
                .header("X-Correlation-Id", equalTo(correlationId))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("instance", notNullValue())
                .body("correlationId", equalTo(correlationId));
    }

    private static String cid() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void beanValidationErrorsName_theJsonPathOfEachBadField() {
        String cid = cid();
        Map<String, Object> body = Map.of("name", "  ", "qty", 0,
                "budget", Map.of("amount", -5, "currency", "EURO"),
                "tags", List.of("ok", ""));
        assertProblem(given().auth().oauth2(Tokens.marketer("melissa")).header("X-Correlation-Id", cid)
                .contentType(ContentType.JSON).body(body)
                .when().post(WIDGETS).then(), 400, cid)
                .body("type", equalTo(ValidationProblem.TYPE))
                .body("instance", equalTo(WIDGETS))
                .body("errors.field", containsInAnyOrder("name", "qty", "budget.amount", "budget.currency", "tags[1]"))
                .body("errors.find { it.field == 'budget.amount' }.message", equalTo("must be greater than 0"))
                .body("detail", containsString("budget.amount"))
                .body("toString()", not(containsString("arg0")))
                .body("toString()", not(containsString("create.")));
    }

    @Test
    void missingNestedObject_isNamed() {
        String cid = cid();
        assertProblem(given().auth().oauth2(Tokens.marketer("melissa")).header("X-Correlation-Id", cid)
                .contentType(ContentType.JSON).body(Map.of("name", "w", "qty", 1))
                .when().post(WIDGETS).then(), 400, cid)
                .body("errors.field", containsInAnyOrder("budget"));
    }

    @Test
    void queryParameterViolations_areNamedByTheParameter() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).queryParam("page", -1).queryParam("size", 500)
                .when().get("/api/probe/items").then(), 400, cid)
                .body("errors.field", containsInAnyOrder("page", "size"));
    }

    @Test
    void kitValidationProblem_listsItsFields() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).when().post("/api/probe/schedule").then(), 400, cid)
                .body("type", equalTo(ValidationProblem.TYPE))
                .body("errors.field", containsInAnyOrder("schedule.startAt", "schedule.endAt"))
                .body("errors.find { it.field == 'schedule.startAt' }.message", equalTo("must be in the future"));
    }

    @Test
    void malformedJson_is400() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .when().post("/api/probe/echo").then(), 400, cid)
                .body("type", equalTo(Problems.TYPE_MALFORMED))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void wrongTypes_nameTheField() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"qty\":1,\"budget\":{\"amount\":\"lots\",\"currency\":\"EUR\"}}")
                .when().post("/api/probe/echo").then(), 400, cid)
                .body("type", equalTo(ValidationProblem.TYPE))
                .body("errors[0].field", equalTo("budget.amount"))
                .body("errors[0].message", containsString("a number"));
        assertProblem(given().header("X-Correlation-Id", cid).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"qty\":\"many\",\"budget\":{\"amount\":1,\"currency\":\"EUR\"}}")
                .when().post("/api/probe/echo").then(), 400, cid)
                .body("errors[0].field", equalTo("qty"));
    }

    @Test
    void kitNotFound_is404() {
        String cid = cid();
        UUID id = UUID.randomUUID();
        assertProblem(given().auth().oauth2(Tokens.marketer("melissa")).header("X-Correlation-Id", cid)
                .when().get(WIDGETS + "/" + id).then(), 404, cid)
                .body("type", equalTo(NotFound.TYPE))
                .body("detail", equalTo("widget " + id + " not found"));
    }

    @Test
    void unknownRoute_is404Problem() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).when().get("/api/no/such/thing").then(), 404, cid)
                .body("instance", equalTo("/api/no/such/thing"));
    }

    @Test
    void conflict_is409WithExtraMembers() {
        String token = Tokens.marketer("melissa");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "conflict-" + UUID.randomUUID(), "qty", 1, "budget", Map.of("amount", 10, "currency", "EUR")))
                .when().post(WIDGETS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).when().post(WIDGETS + "/" + id + "/archive").then().statusCode(200);
        String cid = cid();
        assertProblem(given().auth().oauth2(token).header("X-Correlation-Id", cid)
                .when().post(WIDGETS + "/" + id + "/archive").then(), 409, cid)
                .body("type", equalTo(Conflict.TYPE))
                .body("currentStatus", equalTo("ARCHIVED"))
                .body("allowedActions", equalTo(List.of("restore")));
    }

    @Test
    void unexpectedError_is500WithoutStackTraceOrMessage() {
        String cid = cid();
        String body = assertProblem(given().header("X-Correlation-Id", cid).when().get("/api/probe/boom").then(), 500, cid)
                .body("type", equalTo(Problems.TYPE_INTERNAL))
                .body("detail", containsString(cid))
                .body("$", not(hasKey("stackTrace")))
                .extract().asString();
        for (String leak : List.of("hunter2", "secret-internal-detail", "IllegalStateException", "at io.", "ProbeResource")) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(leak), "500 body leaks '" + leak + "': " + body);
        }
    }

    @Test
    void noToken_is401_invalidToken_is401() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).when().get("/api/probe/whoami").then(), 401, cid)
                .header("WWW-Authenticate", startsWith("Bearer"));
        String cid2 = cid();
        assertProblem(given().auth().oauth2("not-a-jwt").header("X-Correlation-Id", cid2)
                .when().get("/api/probe/whoami").then(), 401, cid2);
    }

    @Test
    void missingRole_is403() {
        String cid = cid();
        assertProblem(given().auth().oauth2(Tokens.marketer("melissa")).header("X-Correlation-Id", cid)
                .when().get("/api/probe/admin-only").then(), 403, cid)
                .body("type", equalTo(Forbidden.TYPE));
        given().auth().oauth2(Tokens.admin()).when().get("/api/probe/admin-only").then().statusCode(200);
    }

    @Test
    void unsupportedMediaType_keeps415_andMethodNotAllowed_keeps405() {
        String cid = cid();
        assertProblem(given().header("X-Correlation-Id", cid).contentType(ContentType.XML).body("<a/>")
                .when().post("/api/probe/echo").then(), 415, cid);
        String cid2 = cid();
        assertProblem(given().header("X-Correlation-Id", cid2).when().delete("/api/probe/echo").then(), 405, cid2);
    }

    @Test
    void whoami_readsRolesAndBusinessesFromTheToken() {
        given().auth().oauth2(Tokens.token("dora", java.util.Set.of("marketer", "viewer"), List.of("melissa", "vaquero")))
                .when().get("/api/probe/whoami").then().statusCode(200)
                .body("userName", equalTo("dora"))
                .body("roles", hasItem("marketer"))
                .body("businesses", containsInAnyOrder("melissa", "vaquero"))
                .body("marketer", equalTo(true))
                .body("admin", equalTo(false));
    }
}
