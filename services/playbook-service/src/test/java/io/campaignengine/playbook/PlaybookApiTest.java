package io.campaignengine.playbook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.CAROL;
import static io.campaignengine.playbook.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class PlaybookApiTest {

    @Test
    void createGetListAndUpdateADraftInPlace() {
        String melissa = Api.melissaId();
        String name = "Draft " + UUID.randomUUID();
        String id = as(BOB).body(Api.playbookBody(melissa, name)).post("/api/playbooks").then().statusCode(201)
                .header("Location", containsString("/api/playbooks/"))
                .body("status", is("draft")).body("version", is(1)).body("businessId", is(melissa))
                .body("hooks.size()", is(6)).body("hooks[0].id", is("roi")).body("hooks[1].id", is("h1"))
                .body("hooks[0].status", is("untested"))
                .body("keyMessages.tia_seeker[0]", containsString("ten minutes"))
                .body("allowedActions", hasItems("update", "activate", "delete"))
                .extract().path("id");
        as(CAROL).get("/api/playbooks/" + id).then().statusCode(404);
        as(Api.ALICE).get("/api/playbooks/" + id).then().statusCode(200).body("name", is(name));
        as(BOB).get("/api/playbooks/not-a-uuid").then().statusCode(404);
        as(BOB).queryParam("businessId", melissa).queryParam("status", "draft").queryParam("size", 200)
                .get("/api/playbooks").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.status", everyItem(is("draft")));
        as(BOB).queryParam("status", "nonsense").get("/api/playbooks").then().statusCode(400)
                .body("errors[0].field", is("status"));
        as(CAROL).queryParam("businessId", melissa).get("/api/playbooks").then().statusCode(200).body("totalItems", is(0));

        as(BOB).body(Map.of("positioning", "Sharper positioning")).put("/api/playbooks/" + id).then().statusCode(200)
                .body("id", is(id)).body("version", is(1)).body("positioning", is("Sharper positioning"))
                .body("founderStory", containsString("eleven years"));
    }

    @Test
    void validationNamesTheFields() {
        String melissa = Api.melissaId();
        Map<String, Object> body = new HashMap<>(Api.playbookBody(melissa, "Invalid"));
        body.put("keyMessages", Map.of("nobody", List.of("x")));
        body.put("hooks", List.of(Map.of("id", "a", "text", "one"), Map.of("id", "a", "text", "two"),
                Map.of("text", "three", "segmentIds", List.of("ghost"))));
        as(BOB).body(body).post("/api/playbooks").then().statusCode(400)
                .body("errors.field", hasItems("keyMessages.nobody", "hooks[1].id", "hooks[2].segmentIds"));
        as(BOB).body(Map.of("businessId", melissa, "name", "x", "audiences", List.of(Map.of("id", "Bad Id", "name", ""))))
                .post("/api/playbooks").then().statusCode(400)
                .body("errors.field", hasItems("audiences[0].id", "audiences[0].name"));
        as(BOB).body(Map.of("name", "no business")).post("/api/playbooks").then().statusCode(400)
                .body("errors.field", hasItem("businessId"));
        // another business: not found
        as(BOB).body(Api.playbookBody(Api.vaqueroId(), "not mine")).post("/api/playbooks").then().statusCode(404);
        // a viewer cannot create
        as(CAROL).body(Api.playbookBody(Api.vaqueroId(), "viewer")).post("/api/playbooks").then().statusCode(403);
    }

    @Test
    void activatingArchivesThePreviousAndUpdatingAnActivePlaybookCreatesAVersion() {
        String melissa = Api.melissaId();
        String first = Api.activePlaybook(melissa);
        String second = as(BOB).body(Api.playbookBody(melissa, "Second")).post("/api/playbooks").then().statusCode(201).extract().path("id");
        as(BOB).post("/api/playbooks/" + second + "/activate").then().statusCode(200)
                .body("status", is("active")).body("activatedBy", is("bob")).body("activatedAt", notNullValue());
        as(BOB).get("/api/playbooks/" + first).then().statusCode(200).body("status", is("archived"))
                .body("allowedActions", is(List.of("activate")));
        as(BOB).queryParam("businessId", melissa).queryParam("status", "active").get("/api/playbooks").then().statusCode(200)
                .body("totalItems", is(1)).body("items[0].id", is(second));
        as(BOB).post("/api/playbooks/" + second + "/activate").then().statusCode(409)
                .body("currentStatus", is("active")).body("allowedActions", is(List.of("update")));
        as(BOB).body(Map.of("name", "x")).put("/api/playbooks/" + first).then().statusCode(409)
                .body("currentStatus", is("archived")).body("allowedActions", hasItem("activate"));

        // update of the active playbook -> version 2, active; version 1 archived and still readable
        String v2 = as(BOB).body(Map.of("positioning", "Version two positioning")).put("/api/playbooks/" + second)
                .then().statusCode(200)
                .body("version", is(2)).body("status", is("active")).body("positioning", is("Version two positioning"))
                .body("name", is("Second"))
                .extract().path("id");
        as(BOB).get("/api/playbooks/" + second).then().statusCode(200).body("status", is("archived")).body("version", is(1));
        as(BOB).get("/api/playbooks/" + v2 + "/versions").then().statusCode(200)
                .body("size()", is(2)).body("version", is(List.of(2, 1))).body("id", is(List.of(v2, second)))
                .body("status", is(List.of("active", "archived")));
        as(CAROL).get("/api/playbooks/" + v2 + "/versions").then().statusCode(404);
        // the activity log tells the story
        as(BOB).queryParam("businessId", melissa).queryParam("entityType", "playbook").queryParam("size", 5)
                .get("/api/activity").then().statusCode(200)
                .body("items[0].action", is("playbook_version_created")).body("items[0].entityId", is(v2));
    }

    @Test
    void activationNeedsACompletePlaybook() {
        String melissa = Api.melissaId();
        String id = as(BOB).body(Map.of("businessId", melissa, "name", "Empty")).post("/api/playbooks").then().statusCode(201)
                .extract().path("id");
        as(BOB).post("/api/playbooks/" + id + "/activate").then().statusCode(400)
                .body("errors.field", hasItems("positioning", "audiences", "hooks"));
        // viewer cannot activate, admin deletes drafts, not active ones
        as(CAROL).post("/api/playbooks/" + id + "/activate").then().statusCode(403);
        as(BOB).delete("/api/playbooks/" + id).then().statusCode(403);
        as(ALICE).delete("/api/playbooks/" + id).then().statusCode(204);
        as(ALICE).get("/api/playbooks/" + id).then().statusCode(404);
        String active = Api.activePlaybook(melissa);
        as(ALICE).delete("/api/playbooks/" + active).then().statusCode(409).body("currentStatus", is("active"));
    }

    @Test
    void generateDraftsAPlaybookFromABriefOffline() {
        String melissa = Api.melissaId();
        Map<String, Object> brief = Map.of(
                "businessId", melissa,
                "product", "Melissa for Educators",
                "description", "Student growth tracking and TIA portfolios for teachers",
                "price", "$99/year",
                "audiences", List.of("TIA seekers", "True believers"),
                "goals", List.of("Earn a TIA designation", "Save hours of paperwork"),
                "tone", "warm, practical",
                "markets", List.of("US-TX"),
                "differentiators", List.of("Built by a teacher for teachers"));
        var generated = as(BOB).body(brief).post("/api/playbooks/generate").then().statusCode(201)
                .body("status", is("draft")).body("generatedBy", is("offline-generator"))
                .body("audiences.id", is(List.of("tia_seekers", "true_believers")))
                .body("positioning", containsString("Melissa for Educators"))
                .body("positioning", containsString("$99/year"))
                .body("hooks.size()", greaterThanOrEqualTo(6))
                .body("keyMessages.tia_seekers.size()", greaterThanOrEqualTo(3))
                .body("objectionHandlers.size()", greaterThanOrEqualTo(3))
                .body("visualDirection.imageGuidelines.size()", greaterThanOrEqualTo(3))
                .body("tone.voice", is("warm, practical"))
                .extract().jsonPath();
        // deterministic: the same brief gives the same draft
        as(BOB).body(brief).post("/api/playbooks/generate").then().statusCode(201)
                .body("positioning", is(generated.getString("positioning")))
                .body("hooks.text", is(generated.getList("hooks.text")));
        // and it can be activated as it is
        as(BOB).post("/api/playbooks/" + generated.getString("id") + "/activate").then().statusCode(200);
        as(BOB).body(Map.of("businessId", melissa, "product", "", "audiences", List.of())).post("/api/playbooks/generate")
                .then().statusCode(400).body("errors.field", hasItems("product", "audiences"));
    }
}
