package io.campaignengine.playbook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.CAROL;
import static io.campaignengine.playbook.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CampaignLifecycleTest {

    @Test
    void theFullLifecycleWithTasksRolesAndTheActivityLog() {
        String melissa = Api.melissaId();
        // melissa without Meta accounts: approval adds the human task "connect_meta"
        as(ALICE).body(Map.of("metaPageId", "")).put("/api/businesses/" + melissa).then().statusCode(200);

        Map<String, Object> draft = Api.draftCampaign("Lifecycle " + System.nanoTime());
        String id = (String) draft.get("id");
        as(BOB).get("/api/campaigns/" + id).then().statusCode(200)
                .body("status", is("draft")).body("businessId", is(melissa))
                .body("allowedActions", is(List.of("update", "submit", "approve", "delete")))
                .body("channels", is(List.of("facebook", "instagram")))
                .body("performanceThresholds.exceeding.ctrMin", is(0.03f))
                .body("performanceThresholds.meeting.cpaMax", is(100.0f))
                .body("performanceThresholds.persistentFailureDays", is(14))
                .body("scoreWeights.conversion", is(0.5f)).body("scoreWeights.cost", is(0.1f))
                .body("taskProgress.total", is(0));
        as(CAROL).get("/api/campaigns/" + id).then().statusCode(404);

        // edit while draft; a viewer cannot
        as(BOB).body(Map.of("name", "Lifecycle renamed", "hookIds", List.of("roi"), "budgetDaily", 30))
                .put("/api/campaigns/" + id).then().statusCode(200)
                .body("name", is("Lifecycle renamed")).body("budgetDaily", is(30.0f)).body("hookIds", is(List.of("roi")));
        as(CAROL).body(Map.of("name", "x")).put("/api/campaigns/" + id).then().statusCode(403);

        // not yet: pause and launch from draft are 409 naming the status and what is allowed
        as(BOB).post("/api/campaigns/" + id + "/pause").then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("currentStatus", is("draft")).body("allowedActions", is(List.of("update", "submit", "approve", "delete")));
        as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(409).body("currentStatus", is("draft"));

        as(BOB).post("/api/campaigns/" + id + "/submit").then().statusCode(200).body("status", is("review"))
                .body("allowedActions", is(List.of("update", "approve", "delete")));
        as(BOB).body(Map.of("budgetTotal", 900)).put("/api/campaigns/" + id).then().statusCode(200).body("budgetTotal", is(900.0f));

        // bob (marketer) cannot approve; alice (admin) can
        as(BOB).post("/api/campaigns/" + id + "/approve").then().statusCode(403);
        as(CAROL).post("/api/campaigns/" + id + "/approve").then().statusCode(403);
        as(ALICE).post("/api/campaigns/" + id + "/approve").then().statusCode(200)
                .body("status", is("setup")).body("approvedBy", is("alice")).body("approvedAt", notNullValue())
                .body("startDate", notNullValue())
                .body("taskProgress.total", is(5)).body("taskProgress.humanOpen", is(2)).body("taskProgress.systemOpen", is(3))
                .body("humanTasks.type", containsInAnyOrder("connect_meta", "review_budget"))
                .body("aiTasks.type", containsInAnyOrder("generate_content", "match_images", "setup_publishing"))
                .body("allowedActions", is(List.of("launch", "fail", "budget")));
        as(BOB).body(Map.of("name", "too late")).put("/api/campaigns/" + id).then().statusCode(409)
                .body("currentStatus", is("setup"));
        as(ALICE).post("/api/campaigns/" + id + "/approve").then().statusCode(409)
                .body("currentStatus", is("setup")).body("allowedActions", is(List.of("launch", "fail", "budget")));

        // tasks: filters, dependencies
        as(BOB).queryParam("campaignId", id).queryParam("assignee", "system").get("/api/tasks").then().statusCode(200)
                .body("totalItems", is(3)).body("items.assignee", everyItem(is("system")));
        as(BOB).queryParam("campaignId", id).queryParam("assignee", "robot").get("/api/tasks").then().statusCode(400)
                .body("errors[0].field", is("assignee"));
        Map<String, Object> match = Api.task(id, "match_images");
        Map<String, Object> generate = Api.task(id, "generate_content");
        as(BOB).body(Map.of()).post("/api/tasks/" + match.get("id") + "/complete").then().statusCode(409)
                .body("dependsOn.type", is("generate_content")).body("dependsOn.status", is("pending"));
        as(CAROL).post("/api/tasks/" + generate.get("id") + "/complete").then().statusCode(403);
        as(CAROL).get("/api/tasks/" + generate.get("id")).then().statusCode(404);
        as(BOB).get("/api/tasks/" + generate.get("id")).then().statusCode(200)
                .body("assignee", is("system")).body("instructions", containsString("ContentBatchCompleted"));

        // launch refused while tasks are open, listing them
        as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(409)
                .body("currentStatus", is("setup"))
                .body("openTasks.type", hasItems("connect_meta", "review_budget", "generate_content", "match_images", "setup_publishing"));

        // block / update / complete a human task
        Map<String, Object> review = Api.task(id, "review_budget");
        as(BOB).body(Map.of()).post("/api/tasks/" + review.get("id") + "/block").then().statusCode(400)
                .body("errors[0].field", is("reason"));
        as(BOB).body(Map.of("reason", "waiting for the finance team")).post("/api/tasks/" + review.get("id") + "/block")
                .then().statusCode(200).body("status", is("blocked")).body("blockedReason", is("waiting for the finance team"));
        as(BOB).body(Map.of("status", "in_progress", "priority", 2)).put("/api/tasks/" + review.get("id")).then().statusCode(200)
                .body("status", is("in_progress")).body("priority", is(2)).body("blockedReason", nullValue());
        as(BOB).body(Map.of("status", "completed")).put("/api/tasks/" + review.get("id")).then().statusCode(400);
        as(BOB).body(Map.of("priority", 11)).put("/api/tasks/" + review.get("id")).then().statusCode(400)
                .body("errors[0].field", is("priority"));
        as(CAROL).body(Map.of("priority", 1)).put("/api/tasks/" + review.get("id")).then().statusCode(403);
        as(BOB).body(Map.of("notes", "budget ok")).post("/api/tasks/" + review.get("id") + "/complete").then().statusCode(200)
                .body("status", is("completed")).body("completedBy", is("bob")).body("completionNotes", is("budget ok"));
        as(BOB).body(Map.of()).post("/api/tasks/" + review.get("id") + "/complete").then().statusCode(409)
                .body("currentStatus", is("completed"));

        // connecting Meta completes connect_meta
        as(ALICE).body(Map.of("metaPageId", "page-1", "metaInstagramId", "ig-1")).post("/api/businesses/" + melissa + "/connect-meta")
                .then().statusCode(200);
        as(BOB).get("/api/tasks/" + Api.task(id, "connect_meta").get("id")).then().statusCode(200)
                .body("status", is("completed")).body("completedBy", is("alice"));

        // budget change while in setup: CampaignBudgetChanged
        as(BOB).body(Map.of("budgetDaily", 40)).post("/api/campaigns/" + id + "/budget").then().statusCode(403);
        as(ALICE).body(Map.of("budgetDaily", 40, "reason", "more reach")).post("/api/campaigns/" + id + "/budget").then().statusCode(200)
                .body("budgetDaily", is(40.0f));
        as(ALICE).body(Map.of("budgetDaily", 5000)).post("/api/campaigns/" + id + "/budget").then().statusCode(400)
                .body("errors[0].field", is("budgetDaily"));

        LifecycleSupport.completeAllTasks(id);
        as(BOB).post("/api/campaigns/" + id + "/launch").then().statusCode(403);
        as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(200)
                .body("status", is("live")).body("launchedAt", notNullValue())
                .body("taskProgress.open", is(0)).body("allowedActions", is(List.of("pause", "complete", "fail", "budget")));
        as(BOB).body(Map.of("reason", "holiday")).post("/api/campaigns/" + id + "/pause").then().statusCode(200).body("status", is("paused"));
        as(BOB).post("/api/campaigns/" + id + "/pause").then().statusCode(409).body("currentStatus", is("paused"))
                .body("allowedActions", is(List.of("resume", "complete", "budget")));
        as(BOB).post("/api/campaigns/" + id + "/resume").then().statusCode(403);
        as(ALICE).body(Map.of("note", "back")).post("/api/campaigns/" + id + "/resume").then().statusCode(200).body("status", is("live"));
        as(BOB).body(Map.of("summary", "15 subscribers")).post("/api/campaigns/" + id + "/complete").then().statusCode(200)
                .body("status", is("completed")).body("completedAt", notNullValue()).body("allowedActions", is(List.of()));
        as(ALICE).post("/api/campaigns/" + id + "/resume").then().statusCode(409).body("currentStatus", is("completed"))
                .body("allowedActions", is(List.of()));
        as(ALICE).body(Map.of("reason", "x")).post("/api/campaigns/" + id + "/fail").then().statusCode(409);

        // activity log, newest first, with actors
        as(BOB).queryParam("campaignId", id).queryParam("entityType", "campaign").get("/api/activity").then().statusCode(200)
                .body("items.action", is(List.of("campaign_completed", "campaign_resumed", "campaign_paused", "campaign_launched",
                        "campaign_budget_changed", "campaign_setup_started", "tasks_created", "campaign_approved", "campaign_updated",
                        "campaign_submitted", "campaign_updated", "campaign_created")))
                .body("items[0].actorName", is("bob")).body("items[3].actorName", is("alice"))
                .body("items[0].details.from", is("live")).body("items[0].details.to", is("completed"));
        as(BOB).queryParam("campaignId", id).queryParam("action", "task_completed").get("/api/activity").then().statusCode(200)
                .body("totalItems", is(5)).body("items.actor", everyItem(is("human")));
        as(CAROL).queryParam("campaignId", id).get("/api/activity").then().statusCode(200).body("totalItems", is(0));

        // lists filter by status and business
        as(BOB).queryParam("businessId", melissa).queryParam("status", "completed").queryParam("size", 200).get("/api/campaigns")
                .then().statusCode(200).body("items.id", hasItem(id)).body("items.status", everyItem(is("completed")));
        as(CAROL).queryParam("businessId", melissa).get("/api/campaigns").then().statusCode(200).body("totalItems", is(0));
    }

    @Test
    void aMarketerCreatesAndAnAdminApprovesADraftDirectly() {
        // the "done when" script: bob creates a playbook and a campaign in melissa; approve: bob 403, alice 200
        String melissa = Api.melissaId();
        String playbook = as(BOB).body(Api.playbookBody(melissa, "Bob's playbook " + System.nanoTime())).post("/api/playbooks")
                .then().statusCode(201).extract().path("id");
        as(BOB).post("/api/playbooks/" + playbook + "/activate").then().statusCode(200);
        String id = as(BOB).body(Map.of("playbookId", playbook, "name", "Bob's campaign", "targetAudience", "true_believer"))
                .post("/api/campaigns").then().statusCode(201).body("status", is("draft")).extract().path("id");
        as(BOB).post("/api/campaigns/" + id + "/approve").then().statusCode(403);
        as(ALICE).post("/api/campaigns/" + id + "/approve").then().statusCode(200)
                .body("status", is("setup")).body("approvedBy", is("alice"));
        as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(409)
                .body("openTasks.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(4));
        as(BOB).queryParam("campaignId", id).queryParam("entityType", "campaign").get("/api/activity").then().statusCode(200)
                .body("items.action", is(List.of("campaign_setup_started", "tasks_created", "campaign_approved", "campaign_submitted",
                        "campaign_created")))
                .body("items[3].details.automatic", is(true)).body("items[3].details.to", is("review"));
        as(ALICE).body(Map.of("reason", "test over")).post("/api/campaigns/" + id + "/fail").then().statusCode(200);
    }

    @Test
    void createValidatesAgainstTheActivePlaybook() {
        String melissa = Api.melissaId();
        String playbook = Api.activePlaybook(melissa);
        as(BOB).body(Map.of("playbookId", playbook, "name", "x", "targetAudience", "nobody", "hookIds", List.of("roi", "nope"),
                        "scoreWeights", Map.of("cost", -1), "performanceThresholds", Map.of("meeting", Map.of("ctrMin", 0.05, "ctrMax", 0.02)),
                        "startDate", "2026-03-10", "endDate", "2026-03-01"))
                .post("/api/campaigns").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("targetAudience", "hookIds[1]", "scoreWeights.cost", "performanceThresholds.meeting.ctrMax",
                        "endDate"));
        as(BOB).body(Map.of("playbookId", playbook, "name", "x", "targetAudience", "tia_seeker", "channels", List.of("myspace")))
                .post("/api/campaigns").then().statusCode(400).body("errors[0].field", containsString("channels"));
        as(BOB).body(Map.of("playbookId", playbook, "name", "x", "targetAudience", "tia_seeker", "budgetDaily", -5))
                .post("/api/campaigns").then().statusCode(400).body("errors[0].field", is("budgetDaily"));
        as(BOB).body(Map.of("name", "x")).post("/api/campaigns").then().statusCode(400)
                .body("errors.field", hasItems("playbookId", "targetAudience"));
        // a draft (not active) playbook
        String draft = as(BOB).body(Api.playbookBody(melissa, "draft")).post("/api/playbooks").then().statusCode(201).extract().path("id");
        as(BOB).body(Map.of("playbookId", draft, "name", "x", "targetAudience", "tia_seeker")).post("/api/campaigns").then()
                .statusCode(400).body("errors[0].field", is("playbookId"));
        // carol cannot use melissa's playbook, and a viewer cannot create
        as(CAROL).body(Map.of("playbookId", playbook, "name", "x", "targetAudience", "tia_seeker")).post("/api/campaigns").then()
                .statusCode(403);
        as(BOB).body(Map.of("playbookId", Api.activePlaybook(Api.vaqueroId()), "name", "x", "targetAudience", "tia_seeker"))
                .post("/api/campaigns").then().statusCode(404);
    }

    @Test
    void failFromSetupAndDeleteBeforeApproval() {
        String id = Api.approvedCampaign("Fail " + System.nanoTime());
        as(BOB).body(Map.of("reason", "x")).post("/api/campaigns/" + id + "/fail").then().statusCode(403);
        as(ALICE).body(Map.of()).post("/api/campaigns/" + id + "/fail").then().statusCode(400).body("errors[0].field", is("reason"));
        as(ALICE).body(Map.of("reason", "the product launch moved")).post("/api/campaigns/" + id + "/fail").then().statusCode(200)
                .body("status", is("failed")).body("failureReason", is("the product launch moved"));
        as(ALICE).delete("/api/campaigns/" + id).then().statusCode(409).body("currentStatus", is("failed"));

        String draft = (String) Api.draftCampaign("Delete " + System.nanoTime()).get("id");
        as(BOB).delete("/api/campaigns/" + draft).then().statusCode(403);
        as(ALICE).delete("/api/campaigns/" + draft).then().statusCode(204);
        as(ALICE).get("/api/campaigns/" + draft).then().statusCode(404);
        as(ALICE).get("/api/campaigns/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        as(ALICE).post("/api/tasks/00000000-0000-0000-0000-000000000000/complete").then().statusCode(404);
    }
}
