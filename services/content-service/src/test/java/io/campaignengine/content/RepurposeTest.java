package io.campaignengine.content;

import io.campaignengine.content.service.PlatformFormatter;
import io.campaignengine.content.service.Text;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.content.Support.BOB;
import static io.campaignengine.content.Support.CAROL;
import static io.campaignengine.content.Support.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/content/repurpose: a long-form source becomes linked children, each within its platform's limits. */
@QuarkusTest
class RepurposeTest {
    static final String ARTICLE = """
            Texas teachers can earn a Teacher Incentive Allotment designation that adds real money to their salary. \
            The process asks for evidence of student growth, and many teachers find the paperwork confusing. \
            Melissa taught fourth grade for eleven years before she started coaching teachers through the TIA portfolio. \
            She noticed that the teachers who succeeded were not the ones who worked the longest hours. \
            They were the ones who collected evidence every week instead of scrambling at the end of the year. \
            A simple weekly routine of twenty minutes is enough to build a strong portfolio over a semester. \
            Start with one class, one growth measure and one folder for the evidence you collect. \
            Ask a colleague to review your portfolio a month before the deadline, because fresh eyes catch gaps. \
            Districts publish their own timelines, so check yours early and put every date in your calendar. \
            The designation is recognition for work you are already doing, and it is worth the effort. \
            Teachers who finish the process often say the routine made them better at their craft, not just better paid. \
            If you want help, the coaching program walks you through each step in plain language.""";

    @Test
    void aLongFormSourceBecomesLinkedChildrenWithinTheirLimits() {
        UUID[] bp = Fixtures.businessWithPlaybook("melissa");
        org.awaitility.Awaitility.await().atMost(Support.WAIT).until(() -> as(BOB).queryParam("businessId", bp[0].toString())
                .get("/api/content").statusCode() == 200);
        Map<String, Object> res = as(BOB).body(Map.of("businessId", bp[0].toString(), "title", "How Texas teachers earn their TIA designation",
                        "text", ARTICLE, "url", "https://melissa.example.com/blog/tia-designation"))
                .post("/api/content/repurpose").then().statusCode(201).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) res.get("source");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> children = (List<Map<String, Object>>) res.get("children");
        assertEquals("long_form", source.get("type"));
        assertEquals(List.of("x_thread", "linkedin_post", "instagram_carousel", "facebook_post", "email"),
                children.stream().map(c -> c.get("format")).toList());
        String sourceId = (String) source.get("id");
        children.forEach(c -> {
            assertEquals(sourceId, c.get("parentId"));
            assertTrue(((String) c.get("trackedUrl")).contains("utm_content=" + c.get("id")), c.toString());
        });

        // X thread: numbered posts, each <= 280 as X counts them (URL = 23), the link at the end
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> posts = (List<Map<String, Object>>) ((Map<String, Object>) children.get(0).get("extra")).get("posts");
        assertTrue(posts.size() >= 3, posts.toString());
        var x = PlatformFormatter.spec("twitter", "organic_post");
        for (int i = 0; i < posts.size(); i++) {
            String t = (String) posts.get(i).get("text");
            assertTrue(PlatformFormatter.count(x, t) <= 280, t);
            assertTrue(t.endsWith((i + 1) + "/" + posts.size()), t);
        }
        assertTrue(((String) posts.get(posts.size() - 1).get("text")).contains("utm_source=twitter"));
        // LinkedIn <= 3,000, Facebook post
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> li = (Map<String, Map<String, Object>>) children.get(1).get("platformVariants");
        assertTrue(((Number) li.get("linkedin").get("characterCount")).intValue() <= 3000);
        assertTrue(((String) li.get("linkedin").get("text")).startsWith("How Texas teachers earn their TIA designation."));
        // Instagram carousel: cover, points, CTA slide; caption <= 2,200 with <= 30 hashtags
        @SuppressWarnings("unchecked")
        Map<String, Object> carousel = (Map<String, Object>) children.get(2).get("extra");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slides = (List<Map<String, Object>>) carousel.get("slides");
        assertTrue(slides.size() >= 3 && slides.size() <= 10);
        assertEquals("cover", slides.get(0).get("role"));
        assertEquals("cta", slides.get(slides.size() - 1).get("role"));
        slides.forEach(s -> assertTrue(Text.length((String) s.get("text")) <= 180));
        assertTrue(Text.length((String) carousel.get("caption")) <= 2200);
        // email: subject, preview text, HTML and plain text
        @SuppressWarnings("unchecked")
        Map<String, Object> email = (Map<String, Object>) children.get(4).get("extra");
        assertEquals("How Texas teachers earn their TIA designation", email.get("subject"));
        assertTrue(Text.length((String) email.get("previewText")) <= 140);
        assertTrue(((String) email.get("html")).startsWith("<!DOCTYPE html>"));
        assertTrue(((String) email.get("html")).contains("<a href=\"https://melissa.example.com/blog/tia-designation?utm_source=email&amp;utm_medium=email"));
        assertTrue(((String) email.get("text")).contains("Read the full article: https://melissa.example.com/blog/tia-designation?utm_source=email"));
        assertEquals("email", children.get(4).get("type"));

        // the children are listed under their parent
        as(BOB).get("/api/content/" + sourceId + "/children").then().statusCode(200).body("size()", is(5));
        as(BOB).queryParam("parentId", sourceId).queryParam("type", "email").get("/api/content").then().body("totalItems", is(1));
    }

    @Test
    void repurposeValidatesAndScopes() {
        UUID[] bp = Fixtures.businessWithPlaybook("melissa");
        Map<String, Object> ok = Map.of("businessId", bp[0].toString(), "title", "T", "text", ARTICLE);
        as(CAROL).body(ok).post("/api/content/repurpose").then().statusCode(403);
        as(BOB).body(Map.of("businessId", bp[0].toString(), "text", ARTICLE)).post("/api/content/repurpose").then().statusCode(400)
                .body("errors[0].field", is("title"));
        as(BOB).body(Map.of("businessId", bp[0].toString(), "title", "T", "text", "Too short to repurpose.")).post("/api/content/repurpose")
                .then().statusCode(400).body("errors[0].field", is("text"));
        as(BOB).body(Map.of("businessId", bp[0].toString(), "title", "T", "text", ARTICLE, "formats", List.of("tiktok_dance")))
                .post("/api/content/repurpose").then().statusCode(400).body("errors[0].field", is("formats[0]"));
        as(BOB).body(Map.of("businessId", bp[0].toString(), "title", "T", "text", ARTICLE, "url", "mailto:x")).post("/api/content/repurpose")
                .then().statusCode(400).body("errors[0].field", is("url"));
        // a vaquero business is not bob's: 404
        UUID[] vaquero = Fixtures.businessWithPlaybook("vaquero");
        org.awaitility.Awaitility.await().atMost(Support.WAIT).until(() -> as(Support.ALICE).queryParam("businessId", vaquero[0].toString())
                .get("/api/content").statusCode() == 200);
        as(BOB).body(Map.of("businessId", vaquero[0].toString(), "title", "T", "text", ARTICLE)).post("/api/content/repurpose")
                .then().statusCode(404);
        as(BOB).body(Map.of("businessId", bp[0].toString(), "title", "T", "text", ARTICLE, "formats", List.of("email")))
                .post("/api/content/repurpose").then().statusCode(201).body("children.size()", is(1));
    }
}
