package io.campaignengine.metasandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.campaignengine.metasandbox.Sbx.V;
import static io.campaignengine.metasandbox.Sbx.graphGet;
import static io.campaignengine.metasandbox.Sbx.graphPost;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PagePublishingTest {

    @Test
    void publishNowWithAPageTokenFormEncoded() {
        Sbx.TestUser u = Sbx.user();
        String id = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "Hello from the sandbox",
                "link", "https://example.com/?utm_source=facebook&utm_medium=social&utm_campaign=c&utm_content=v1")
                .then().statusCode(200).body("id", startsWith(u.pageId() + "_")).extract().path("id");
        graphGet("/" + id, u.pageToken(), "fields", "id,message,is_published,created_time,permalink_url,from")
                .then().statusCode(200).body("is_published", equalTo(true)).body("message", equalTo("Hello from the sandbox"))
                .body("from.id", equalTo(u.pageId())).body("created_time", startsWith("20"))
                .body("permalink_url", startsWith("https://www.facebook.com/" + u.pageId() + "/posts/"));
        graphGet("/" + u.pageId() + "/feed", u.pageToken()).then().statusCode(200).body("data.id", hasItem(id));
        // engagement summaries as Meta inlines them, growing with simulated time
        Sbx.advance(Duration.ofHours(6));
        var j = graphGet("/" + id, u.pageToken(), "fields", "reactions.summary(total_count).limit(0),comments.summary(true).limit(0),shares")
                .then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertTrue(j.getInt("reactions.summary.total_count") > 0);
        org.junit.jupiter.api.Assertions.assertTrue(j.getInt("comments.summary.total_count") >= 0);
        org.junit.jupiter.api.Assertions.assertTrue(j.getInt("shares.count") >= 0);
    }

    @Test
    void scheduleWithJsonBodyAndBearerTokenThenItAppearsAtItsTime() {
        Sbx.TestUser u = Sbx.user();
        long at = Sbx.nowMs() / 1000 + 3600;
        String id = given().header("Authorization", "Bearer " + u.pageToken()).contentType(ContentType.JSON)
                .body(Map.of("message", "Later", "published", false, "scheduled_publish_time", at))
                .post(V + "/" + u.pageId() + "/feed").then().statusCode(200).extract().path("id");
        graphGet("/" + id, u.pageToken(), "fields", "is_published,scheduled_publish_time").then().statusCode(200)
                .body("is_published", equalTo(false)).body("scheduled_publish_time", equalTo((int) at));
        graphGet("/" + u.pageId() + "/scheduled_posts", u.pageToken()).then().statusCode(200).body("data.id", hasItem(id));
        graphGet("/" + u.pageId() + "/feed", u.pageToken()).then().statusCode(200).body("data.id", not(hasItem(id)));

        Sbx.advance(Duration.ofMinutes(61));
        graphGet("/" + id, u.pageToken(), "fields", "is_published").then().statusCode(200).body("is_published", equalTo(true));
        graphGet("/" + u.pageId() + "/feed", u.pageToken()).then().statusCode(200).body("data.id", hasItem(id));
        graphGet("/" + u.pageId() + "/scheduled_posts", u.pageToken()).then().statusCode(200).body("data.id", not(hasItem(id)));
    }

    @Test
    void scheduledPublishTimeIsValidatedLikeMeta() {
        Sbx.TestUser u = Sbx.user();
        long now = Sbx.nowMs() / 1000;
        for (long at : List.of(now + 5 * 60, now + 31L * 24 * 3600, now - 60)) {
            graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "x", "published", "false", "scheduled_publish_time", at)
                    .then().statusCode(400).body("error.code", equalTo(100)).body("error.type", equalTo("OAuthException"))
                    .body("error.message", equalTo("(#100) The specified scheduled publish time is invalid."))
                    .body("error.fbtrace_id", org.hamcrest.Matchers.notNullValue());
        }
        graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "x", "scheduled_publish_time", now + 3600)
                .then().statusCode(400).body("error.message", equalTo("(#100) You cannot specify a scheduled publish time on a published post"));
        // ISO 8601 is accepted too
        graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "x", "published", "false",
                "scheduled_publish_time", Instant.ofEpochSecond(now + 7200).toString()).then().statusCode(200);
        graphPost("/" + u.pageId() + "/feed", u.pageToken()).then().statusCode(400)
                .body("error.message", equalTo("(#100) Missing message or attachment"));
    }

    @Test
    void publishingNeedsAPageTokenWithThePermissions() {
        Sbx.TestUser u = Sbx.user();
        graphPost("/" + u.pageId() + "/feed", u.token(), "message", "with a user token").then().statusCode(403)
                .body("error.code", equalTo(200)).body("error.type", equalTo("OAuthException"));
        Sbx.TestUser readOnly = Sbx.user(List.of("pages_show_list", "pages_read_engagement"));
        graphPost("/" + readOnly.pageId() + "/feed", readOnly.pageToken(), "message", "no pages_manage_posts").then().statusCode(403)
                .body("error.code", equalTo(200));
        // another user's page does not exist for this token
        graphPost("/" + readOnly.pageId() + "/feed", u.pageToken(), "message", "not mine").then().statusCode(400)
                .body("error.code", equalTo(100)).body("error.error_subcode", equalTo(33)).body("error.type", equalTo("GraphMethodException"));
    }

    @Test
    void photoPostsUnscheduleAndDelete() {
        Sbx.TestUser u = Sbx.user();
        var photo = graphPost("/" + u.pageId() + "/photos", u.pageToken(), "url", "https://img.example.com/a.jpg", "caption", "A photo")
                .then().statusCode(200).extract().jsonPath();
        String postId = photo.getString("post_id");
        graphGet("/" + photo.getString("id"), u.pageToken(), "fields", "id,status_type").then().statusCode(200)
                .body("id", equalTo(postId)).body("status_type", equalTo("added_photos"));
        long at = Sbx.nowMs() / 1000 + 7200;
        String scheduled = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "to cancel", "published", "false",
                "scheduled_publish_time", at).then().statusCode(200).extract().path("id");
        given().queryParam("access_token", u.pageToken()).delete(V + "/" + scheduled).then().statusCode(200).body("success", equalTo(true));
        graphGet("/" + scheduled, u.pageToken()).then().statusCode(400).body("error.error_subcode", equalTo(33));
        // publish a scheduled post now
        String other = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "early", "published", "false",
                "scheduled_publish_time", at).then().statusCode(200).extract().path("id");
        graphPost("/" + other, u.pageToken(), "is_published", "true").then().statusCode(200).body("success", equalTo(true));
        graphGet("/" + other, u.pageToken(), "fields", "is_published").then().body("is_published", equalTo(true));
    }

    @Test
    void fieldsSelectionAndPaging() {
        Sbx.TestUser u = Sbx.user();
        for (int i = 0; i < 3; i++) graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "post " + i).then().statusCode(200);
        var first = graphGet("/" + u.pageId() + "/feed", u.pageToken(), "limit", 2, "fields", "id,message").then().statusCode(200)
                .body("data.size()", equalTo(2)).body("paging.next", startsWith("http")).extract().jsonPath();
        String after = first.getString("paging.cursors.after");
        graphGet("/" + u.pageId() + "/feed", u.pageToken(), "limit", 2, "after", after).then().statusCode(200)
                .body("data.size()", equalTo(1)).body("paging.next", equalTo(null));
        graphGet("/" + u.pageId(), u.pageToken(), "fields", "id,nonsense").then().statusCode(400)
                .body("error.message", equalTo("(#100) Tried accessing nonexisting field (nonsense) on node type (Page)"));
        graphGet("/" + u.pageId(), u.pageToken()).then().statusCode(200).body("name", startsWith("Test Page"))
                .body("id", equalTo(u.pageId())).body("category", equalTo(null));
    }

    @Test
    void publicationsCountDuplicatesWithoutGraphCalls() {
        Sbx.TestUser u = Sbx.user();
        for (String m : List.of("one", "two", "two")) graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", m).then().statusCode(200);
        String gone = graphPost("/" + u.pageId() + "/feed", u.pageToken(), "message", "deleted").then().statusCode(200).extract().path("id");
        given().queryParam("access_token", u.pageToken()).delete(V + "/" + gone).then().statusCode(200);
        given().queryParam("page_id", u.pageId()).queryParam("ig_user_id", u.igId()).get("/_sandbox/publications").then().statusCode(200)
                .body("page.posts", equalTo(3)).body("page.distinct_messages", equalTo(2)).body("page.duplicated", equalTo(1))
                .body("page.duplicates[0].text", equalTo("two")).body("page.duplicates[0].count", equalTo(2))
                .body("instagram.media", equalTo(0)).body("instagram.containers", equalTo(0));
        given().get("/_sandbox/publications").then().statusCode(400);
        given().queryParam("page_id", "nope").get("/_sandbox/publications").then().statusCode(400);
    }
}
