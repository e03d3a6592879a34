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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * GET /api/campaigns has its own read path (CampaignListQuery: one SQL statement, task counts aggregated in it, the total
 * from the trigger-kept campaign_counts): its items must be exactly what GET /api/campaigns/{id} returns, and its totals
 * what counting the table gives, through inserts, status changes and deletes; a business's kept pages and their ETag
 * must follow every write.
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

    /**
     * A business's pages are kept with its list version (CampaignListCache): every write of a campaign or of a task
     * alone — through the API or straight in the database, as another instance would — shows on the next request, and
     * the version is the ETag that If-None-Match turns into a 304.
     */
    @Test
    void keptPagesFollowEveryChangeAndAnswerTheirEtag() throws Exception {
        String melissa = Api.melissaId();
        String id = (String) Api.draftCampaign("Kept " + UUID.randomUUID()).get("id");
        var first = page(melissa, null);
        String etag = first.header("ETag");
        assertNotNull(etag, "a business's list carries its version");
        assertEquals("private, no-cache", first.header("Cache-Control"));
        assertEquals(item(first, id), get(id));
        var again = page(melissa, null);
        assertEquals(etag, again.header("ETag"));
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        as(BOB).queryParam("businessId", melissa).queryParam("size", 5).header("If-None-Match", etag).get("/api/campaigns").then()
                .statusCode(304).header("ETag", etag);

        // a campaign written through the API
        as(BOB).body(Map.of("name", "Kept, renamed")).put("/api/campaigns/" + id).then().statusCode(200);
        var renamed = page(melissa, etag);
        assertEquals(200, renamed.statusCode(), "If-None-Match with an old version is a full answer");
        assertNotEquals(etag, renamed.header("ETag"));
        assertEquals("Kept, renamed", item(renamed, id).get("name"));

        // a task alone (blocking it does not write its campaign)
        as(BOB).post("/api/campaigns/" + id + "/submit").then().statusCode(200);
        as(ALICE).post("/api/campaigns/" + id + "/approve").then().statusCode(200);
        assertEquals(get(id), item(page(melissa, null), id));
        Map<String, Object> task = Api.task(id, "review_budget");
        as(BOB).body(Map.of("reason", "kept?")).post("/api/tasks/" + task.get("id") + "/block").then().statusCode(200);
        Map<String, Object> progress = (Map<String, Object>) item(page(melissa, null), id).get("taskProgress");
        assertEquals(1, progress.get("blocked"));

        // written by someone else straight in the database
        try (Connection db = jdbc(); PreparedStatement st = db.prepareStatement("update campaigns set name = 'Kept, from elsewhere' where id = ?::uuid")) {
            st.setString(1, id);
            assertEquals(1, st.executeUpdate());
        }
        assertEquals("Kept, from elsewhere", item(page(melissa, null), id).get("name"));
        assertEquals(get(id), item(page(melissa, null), id));

        // out of scope: an empty page, no version to reveal
        as(CAROL).queryParam("businessId", melissa).get("/api/campaigns").then().statusCode(200).body("totalItems", is(0))
                .header("ETag", nullValue());
    }

    private static io.restassured.response.Response page(String business, String ifNoneMatch) {
        var request = as(BOB).queryParam("businessId", business).queryParam("size", 5);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.get("/api/campaigns").then().extract().response();
    }

    private static Map<String, Object> item(io.restassured.response.Response page, String id) {
        assertEquals(200, page.statusCode(), page.asString());
        List<Map<String, Object>> items = page.jsonPath().getList("items");
        return items.stream().filter(i -> id.equals(i.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not on the first page: " + page.asString()));
    }

    private static Map<String, Object> get(String id) {
        return as(BOB).get("/api/campaigns/" + id).then().statusCode(200).extract().jsonPath().getMap("");
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
