package io.campaignengine.playbook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.CAROL;
import static io.campaignengine.playbook.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class BusinessApiTest {

    @Test
    void everyEndpointNeedsAValidToken() {
        given().get("/api/businesses").then().statusCode(401);
        given().get("/api/playbooks").then().statusCode(401);
        given().get("/api/campaigns").then().statusCode(401);
        given().get("/api/tasks").then().statusCode(401);
        given().get("/api/activity").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/businesses").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void listIsScopedToTheCallersBusinesses() {
        Api.melissaId();
        Api.vaqueroId();
        as(ALICE).get("/api/businesses").then().statusCode(200)
                .body("items.slug", hasItems("melissa", "vaquero"))
                .body("page", equalTo(0)).body("size", equalTo(20));
        as(BOB).get("/api/businesses").then().statusCode(200)
                .body("items.slug", hasItem("melissa")).body("items.slug", not(hasItem("vaquero")));
        as(CAROL).get("/api/businesses").then().statusCode(200)
                .body("items.slug", everyItem(is("vaquero")));
        as(ALICE).queryParam("size", 1).get("/api/businesses").then().statusCode(200)
                .body("items.size()", is(1)).body("size", is(1)).body("totalItems", is(2));
        as(ALICE).queryParam("size", 0).get("/api/businesses").then().statusCode(400)
                .body("errors[0].field", is("size"));
    }

    @Test
    void getByIdOrSlugAndOtherBusinessesAreNotFound() {
        String melissa = Api.melissaId();
        as(BOB).get("/api/businesses/" + melissa).then().statusCode(200).body("slug", is("melissa"))
                .body("brandColors", org.hamcrest.Matchers.notNullValue());
        as(BOB).get("/api/businesses/melissa").then().statusCode(200).body("id", is(melissa));
        // carol belongs to vaquero only: melissa does not exist for her (404, not 403)
        as(CAROL).get("/api/businesses/" + melissa).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", is(404));
        as(CAROL).get("/api/businesses/melissa").then().statusCode(404);
        as(ALICE).get("/api/businesses/does-not-exist").then().statusCode(404);
    }

    @Test
    void createValidatesAndEnforcesRolesScopeAndUniqueSlugs() {
        Api.melissaId();
        // 400 naming the fields
        as(ALICE).body(Map.of("slug", "Bad Slug", "websiteUrl", "ftp:x", "brandColors", Map.of("primary", "red"), "currency", "usd"))
                .post("/api/businesses").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItems("slug", "websiteUrl", "currency"));
        as(ALICE).body(Map.of("slug", "melissa")).post("/api/businesses").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        as(ALICE).body("{not json").post("/api/businesses").then().statusCode(400);
        // only admins manage businesses
        as(BOB).body(Map.of("name", "X", "slug", "melissa")).post("/api/businesses").then().statusCode(403);
        as(CAROL).body(Map.of("name", "X", "slug", "vaquero")).post("/api/businesses").then().statusCode(403);
        // a slug outside the caller's token scope
        as(ALICE).body(Map.of("name", "Acme", "slug", "acme")).post("/api/businesses").then().statusCode(403)
                .body("detail", containsString("acme"));
        // duplicate slug
        as(ALICE).body(Map.of("name", "Melissa again", "slug", "melissa")).post("/api/businesses").then().statusCode(409)
                .body("field", is("slug"));
    }

    @Test
    void updateConnectMetaAndTheActivityLog() {
        String melissa = Api.melissaId();
        as(ALICE).body(Map.of("description", "Education SaaS, $99/year", "timezone", "America/Chicago",
                        "brandColors", Map.of("primary", "#6A1A19", "accent", "#F7AC13")))
                .put("/api/businesses/" + melissa).then().statusCode(200)
                .body("description", is("Education SaaS, $99/year")).body("brandColors.accent", is("#F7AC13"));
        as(ALICE).body(Map.of("slug", "other")).put("/api/businesses/" + melissa).then().statusCode(400)
                .body("errors[0].field", is("slug"));
        as(ALICE).body(Map.of("timezone", "Mars/Olympus")).put("/api/businesses/" + melissa).then().statusCode(400)
                .body("errors[0].field", is("timezone"));
        as(BOB).body(Map.of("description", "x")).put("/api/businesses/" + melissa).then().statusCode(403);
        as(ALICE).body(Map.of("metaInstagramId", "ig-1")).post("/api/businesses/" + melissa + "/connect-meta").then().statusCode(400)
                .body("errors[0].field", is("metaPageId"));
        String n = Long.toString(System.nanoTime());
        as(ALICE).body(Map.of("metaPageId", "page-" + n, "metaInstagramId", "ig-" + n, "metaAdAccountId", "act_" + n))
                .post("/api/businesses/" + melissa + "/connect-meta").then().statusCode(200)
                .body("metaConnected", is(true)).body("metaPageId", is("page-" + n));
        as(BOB).queryParam("businessId", melissa).queryParam("entityType", "business").get("/api/activity").then().statusCode(200)
                .body("items[0].action", is("business_meta_connected"))
                .body("items[0].actor", is("human")).body("items[0].actorName", is("alice"))
                .body("items[0].details.changedFields", hasItems("metaPageId", "metaInstagramId", "metaAdAccountId"));
        // carol cannot read melissa's activity: it is simply not in her list
        as(CAROL).queryParam("businessId", melissa).get("/api/activity").then().statusCode(200).body("totalItems", is(0));
    }

    @Test
    void deleteIsRefusedWhileACampaignIsLiveAndAllowedOtherwise() {
        // vaquero: delete it, it is gone, create it again
        String vaquero = Api.vaqueroId();
        as(BOB).delete("/api/businesses/" + vaquero).then().statusCode(403);
        as(CAROL).delete("/api/businesses/" + vaquero).then().statusCode(403);
        as(ALICE).delete("/api/businesses/" + vaquero).then().statusCode(204);
        as(ALICE).get("/api/businesses/" + vaquero).then().statusCode(404);
        String again = Api.vaqueroId();
        as(CAROL).get("/api/businesses/" + again).then().statusCode(200).body("slug", is("vaquero"));

        // melissa with a live campaign: 409
        String campaign = LifecycleSupport.liveCampaign("live for delete " + System.nanoTime());
        as(ALICE).delete("/api/businesses/melissa").then().statusCode(409)
                .body("campaigns.id", hasItem(campaign));
        as(ALICE).body(Map.of("summary", "done")).post("/api/campaigns/" + campaign + "/complete").then().statusCode(200);
    }
}
