package io.campaignengine.playbook;

import io.campaignengine.testkit.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test client: the demo users' real tokens (test-kit TestTokens), plus get-or-create helpers for the shared test data (the test database is reused
 * between runs, so nothing assumes an empty database).
 */
public final class Api {
    public static final String ALICE = TestTokens.ALICE; // admin; melissa, vaquero
    public static final String BOB = TestTokens.BOB;     // marketer; melissa
    public static final String CAROL = TestTokens.CAROL; // viewer; vaquero

    private Api() {
    }

    public static String token(String user) {
        return TestTokens.token(user);
    }

    public static RequestSpecification as(String user) {
        return TestTokens.as(user);
    }

    /** The business with this slug, created by alice when missing. */
    public static Map<String, Object> business(String slug, String name) {
        Response r = as(ALICE).get("/api/businesses/" + slug);
        if (r.statusCode() == 200) {
            return r.jsonPath().getMap("");
        }
        return as(ALICE).body(Map.of("name", name, "slug", slug, "description", name + " (test)", "currency", "USD",
                        "targetMarkets", List.of("US-TX")))
                .post("/api/businesses").then().statusCode(201).extract().jsonPath().getMap("");
    }

    public static String melissaId() {
        return (String) business("melissa", "Melissa for Educators").get("id");
    }

    public static String vaqueroId() {
        return (String) business("vaquero", "Vaquero Homes").get("id");
    }

    /** A complete playbook body for a business (segments tia_seeker and true_believer, 6 hooks). */
    public static Map<String, Object> playbookBody(String businessId, String name) {
        return Map.ofEntries(
                Map.entry("businessId", businessId),
                Map.entry("name", name),
                Map.entry("positioning", "For Texas teachers who want their students' growth to count."),
                Map.entry("founderStory", "Melissa taught fourth grade for eleven years."),
                Map.entry("audiences", List.of(
                        Map.of("id", "tia_seeker", "name", "TIA seekers", "painPoints", List.of("paperwork")),
                        Map.of("id", "true_believer", "name", "True believers"))),
                Map.entry("keyMessages", Map.of(
                        "tia_seeker", List.of("Your portfolio in ten minutes a week."),
                        "true_believer", List.of("Every student's growth on one page."))),
                Map.entry("objectionHandlers", List.of(Map.of("objection", "Too expensive", "response", "Under $2 a week."))),
                Map.entry("hooks", List.of(
                        Map.of("id", "roi", "text", "What if $99 unlocked your designation?", "segmentIds", List.of("tia_seeker"), "theme", "roi"),
                        Map.of("text", "I spent 12 Sundays on my portfolio.", "segmentIds", List.of("tia_seeker")),
                        Map.of("text", "The checklist nobody gave you."),
                        Map.of("text", "Spreadsheet vs. Melissa."),
                        Map.of("text", "Which students stopped growing?", "segmentIds", List.of("true_believer")),
                        Map.of("text", "Texas teachers are earning designations."))),
                Map.entry("visualDirection", Map.of("style", "warm classrooms", "brandColors", Map.of("primary", "#6A1A19"))),
                Map.entry("tone", Map.of("voice", "warm and practical")));
    }

    /** Creates and activates a fresh playbook for the business; returns its id. */
    public static String activePlaybook(String businessId) {
        String id = as(ALICE).body(playbookBody(businessId, "Test playbook " + UUID.randomUUID()))
                .post("/api/playbooks").then().statusCode(201).extract().path("id");
        as(ALICE).post("/api/playbooks/" + id + "/activate").then().statusCode(200);
        return id;
    }

    /** A draft campaign of melissa created by bob from a fresh active playbook. */
    public static Map<String, Object> draftCampaign(String name) {
        String playbookId = activePlaybook(melissaId());
        return as(BOB).body(Map.of("playbookId", playbookId, "name", name, "targetAudience", "tia_seeker",
                        "budgetDaily", 25, "budgetTotal", 750, "successMetrics", Map.of("subscribers", 15, "cac", 100)))
                .post("/api/campaigns").then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** A campaign approved by alice (now in setup, with its tasks). */
    public static String approvedCampaign(String name) {
        String id = (String) draftCampaign(name).get("id");
        as(BOB).post("/api/campaigns/" + id + "/submit").then().statusCode(200);
        as(ALICE).post("/api/campaigns/" + id + "/approve").then().statusCode(200);
        return id;
    }

    /** The campaign's task of this type. */
    public static Map<String, Object> task(String campaignId, String type) {
        List<Map<String, Object>> items = as(ALICE).queryParam("campaignId", campaignId).queryParam("type", type)
                .get("/api/tasks").then().statusCode(200).extract().jsonPath().getList("items");
        return items.isEmpty() ? null : items.get(0);
    }
}
