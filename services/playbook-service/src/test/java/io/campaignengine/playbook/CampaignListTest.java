package io.campaignengine.playbook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.CAROL;
import static io.campaignengine.playbook.Api.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /api/campaigns has its own read path (CampaignListQuery: one SQL statement, task counts aggregated in it, the total
 * from the trigger-kept campaign_counts): its items must be exactly what GET /api/campaigns/{id} returns, and its totals
 * what counting the table gives, through inserts, status changes and deletes.
 */
@QuarkusTest
class CampaignListTest {

    @Test
    void listItemsAreTheCampaignsAsGetReturnsThem() {
        String melissa = Api.melissaId();
        String playbook = Api.activePlaybook(melissa);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(as(BOB).body(Map.of("playbookId", playbook, "name", "List " + i, "targetAudience", "tia_seeker", "budgetDaily", 20 + i,
                            "successMetrics", Map.of("subscribers", 15), "targetMarkets", List.of("US", "MX"), "hookIds", List.of("roi")))
                    .post("/api/campaigns").then().statusCode(201).extract().<String>path("id"));
        }
        String approved = ids.get(1);
        as(BOB).post("/api/campaigns/" + approved + "/submit").then().statusCode(200);
        as(ALICE).post("/api/campaigns/" + approved + "/approve").then().statusCode(200);
        Map<String, Object> task = Api.task(approved, "review_budget");
        as(BOB).body(Map.of("reason", "waiting for finance")).post("/api/tasks/" + task.get("id") + "/block").then().statusCode(200);

        // newest first, paged, the total counted for the playbook filter
        JsonPath first = as(BOB).queryParam("playbookId", playbook).queryParam("size", 2).get("/api/campaigns").then().statusCode(200)
                .body("totalItems", is(3)).body("totalPages", is(2)).extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getList("items.id"));
        as(BOB).queryParam("playbookId", playbook).queryParam("size", 2).queryParam("page", 1).get("/api/campaigns").then()
                .statusCode(200).body("items.id", is(List.of(ids.get(0)))).body("totalItems", is(3));
        as(BOB).queryParam("playbookId", playbook).queryParam("size", 2).queryParam("page", 7).get("/api/campaigns").then()
                .statusCode(200).body("items.size()", is(0)).body("totalItems", is(3));

        // every field, the task progress (a blocked task, open human and system tasks) and the allowed actions as GET has them
        for (int i = 0; i < 2; i++) {
            Map<String, Object> item = first.getMap("items[" + i + "]");
            Map<String, Object> got = as(BOB).get("/api/campaigns/" + item.get("id")).then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(got, item);
        }
        Map<String, Object> progress = first.getMap("items[1].taskProgress");
        assertEquals(1, progress.get("blocked"));
        assertEquals(false, progress.get("readyToLaunch"));

        // a viewer of another business sees none of it
        as(CAROL).queryParam("playbookId", playbook).get("/api/campaigns").then().statusCode(200).body("totalItems", is(0));
    }

    @Test
    void totalsFollowInsertsStatusChangesAndDeletes() throws Exception {
        String melissa = Api.melissaId();
        String vaquero = Api.vaqueroId();
        assertTotals(melissa, vaquero);
        String draft = (String) Api.draftCampaign("Counted " + UUID.randomUUID()).get("id");
        String failed = Api.approvedCampaign("Counted " + UUID.randomUUID());
        assertTotals(melissa, vaquero);
        as(ALICE).body(Map.of("name", "Counted, renamed")).put("/api/campaigns/" + draft).then().statusCode(200); // no status change
        as(ALICE).body(Map.of("reason", "counted")).post("/api/campaigns/" + failed + "/fail").then().statusCode(200);
        assertTotals(melissa, vaquero);
        as(ALICE).delete("/api/campaigns/" + draft).then().statusCode(204);
        assertTotals(melissa, vaquero);
    }

    /** totalItems of each business, each status, and of alice's whole scope, against count(*) on the table. */
    private static void assertTotals(String melissa, String vaquero) throws Exception {
        try (Connection db = jdbc()) {
            for (String business : List.of(melissa, vaquero)) {
                assertEquals(count(db, "business_id = ?::uuid", business), total(Map.of("businessId", business)), business);
                for (String status : List.of("draft", "setup", "failed")) {
                    assertEquals(count(db, "business_id = ?::uuid and status = '" + status + "'", business),
                            total(Map.of("businessId", business, "status", status)), business + " " + status);
                }
            }
            assertEquals(count(db, "business_id in (?::uuid, '" + vaquero + "'::uuid)", melissa), total(Map.of()), "alice's scope");
        }
    }

    private static long total(Map<String, String> query) {
        return as(ALICE).queryParams(query).queryParam("size", 1).get("/api/campaigns").then().statusCode(200).extract()
                .jsonPath().getLong("totalItems");
    }

    private static long count(Connection db, String where, String param) throws Exception {
        try (PreparedStatement st = db.prepareStatement("select count(*) from campaigns where " + where)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection jdbc() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }
}
