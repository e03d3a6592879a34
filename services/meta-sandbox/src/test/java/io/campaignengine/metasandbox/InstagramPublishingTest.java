package io.campaignengine.metasandbox;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static io.campaignengine.metasandbox.Sbx.graphGet;
import static io.campaignengine.metasandbox.Sbx.graphPost;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class InstagramPublishingTest {

    @TestHTTPResource("/_sandbox/images/sample.jpg")
    URL image;

    @TestHTTPResource("/_sandbox/images/missing.jpg")
    URL missing;

    private String status(Sbx.TestUser u, String container) {
        return graphGet("/" + container, u.token(), "fields", "status_code").then().statusCode(200).extract().path("status_code");
    }

    private String container(Sbx.TestUser u, String url, String caption) {
        return graphPost("/" + u.igId() + "/media", u.token(), "image_url", url, "caption", caption)
                .then().statusCode(200).body("id", startsWith("1788")).extract().path("id");
    }

    /** Waits until the real fetch of the image is over, then lets the processing time pass. */
    private String settle(Sbx.TestUser u, String c) {
        Sbx.await(Duration.ofSeconds(10), () -> {
            Sbx.advance(Duration.ofSeconds(6));
            return !status(u, c).equals("IN_PROGRESS");
        }, "container " + c + " to leave IN_PROGRESS");
        return status(u, c);
    }

    @Test
    void containerGoesInProgressThenFinishedThenPublished() {
        Sbx.TestUser u = Sbx.user();
        String c = container(u, image.toString(), "New feature! https://example.com/?utm_source=instagram&utm_content=v2");
        // processing takes simulated time: without advancing the clock it stays IN_PROGRESS
        Sbx.await(Duration.ofSeconds(5), () -> true, "");
        org.junit.jupiter.api.Assertions.assertEquals("IN_PROGRESS", status(u, c));
        graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", c).then().statusCode(400)
                .body("error.code", equalTo(9007)).body("error.error_subcode", equalTo(2207027));
        org.junit.jupiter.api.Assertions.assertEquals("FINISHED", settle(u, c));
        String media = graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", c).then().statusCode(200)
                .extract().path("id");
        org.junit.jupiter.api.Assertions.assertEquals("PUBLISHED", status(u, c));
        graphGet("/" + media, u.token(), "fields", "id,caption,media_type,permalink,timestamp").then().statusCode(200)
                .body("media_type", equalTo("IMAGE")).body("permalink", startsWith("https://www.instagram.com/p/"));
        graphGet("/" + u.igId() + "/media", u.token()).then().statusCode(200).body("data[0].id", equalTo(media));
        graphGet("/" + u.igId() + "/content_publishing_limit", u.token(), "fields", "config,quota_usage").then().statusCode(200)
                .body("data[0].quota_usage", equalTo(1)).body("data[0].config.quota_total", equalTo(50))
                .body("data[0].config.quota_duration", equalTo(86400));
        // publishing the same container twice is refused
        graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", c).then().statusCode(400).body("error.code", equalTo(9007));
    }

    @Test
    void unfetchableImageEndsInError() {
        Sbx.TestUser u = Sbx.user();
        String refused = container(u, "http://127.0.0.1:1/nothing-listens-here.jpg", "x");
        String notFound = container(u, missing.toString(), "x");
        String notAnImage = container(u, image.toString().replace("/_sandbox/images/sample.jpg", "/_sandbox/state"), "x");
        for (String c : List.of(refused, notFound, notAnImage)) {
            org.junit.jupiter.api.Assertions.assertEquals("ERROR", settle(u, c), c);
            graphGet("/" + c, u.token(), "fields", "status_code,status").then().body("status", startsWith("Error: "));
            graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", c).then().statusCode(400).body("error.code", equalTo(9004));
        }
    }

    @Test
    void unpublishedContainerExpiresAfter24Hours() {
        Sbx.TestUser u = Sbx.user();
        String c = container(u, image.toString(), "x");
        org.junit.jupiter.api.Assertions.assertEquals("FINISHED", settle(u, c));
        Sbx.advance(Duration.ofHours(24));
        org.junit.jupiter.api.Assertions.assertEquals("EXPIRED", status(u, c));
        graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", c).then().statusCode(400)
                .body("error.error_subcode", equalTo(2207008));
    }

    @Test
    void quotaOf50PublishesPer24Hours() {
        Sbx.TestUser u = Sbx.user();
        java.util.List<String> containers = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) containers.add(container(u, image.toString(), "post " + i));
        Sbx.await(Duration.ofSeconds(20), () -> {
            Sbx.advance(Duration.ofSeconds(6));
            return containers.stream().noneMatch(c -> status(u, c).equals("IN_PROGRESS"));
        }, "all containers fetched");
        for (int i = 0; i < 50; i++) {
            graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", containers.get(i)).then().statusCode(200);
        }
        graphGet("/" + u.igId() + "/content_publishing_limit", u.token()).then().body("data[0].quota_usage", equalTo(50));
        graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", containers.get(50)).then().statusCode(400)
                .body("error.code", equalTo(9)).body("error.error_subcode", equalTo(2207042));
        // the window rolls: a day later the quota is free again (the 51st container has expired meanwhile)
        Sbx.advance(Duration.ofHours(24));
        graphGet("/" + u.igId() + "/content_publishing_limit", u.token()).then().body("data[0].quota_usage", equalTo(0));
    }

    @Test
    void publishingNeedsTheInstagramPermission() {
        Sbx.TestUser u = Sbx.user(List.of("pages_show_list", "instagram_basic"));
        graphPost("/" + u.igId() + "/media", u.token(), "image_url", image.toString()).then().statusCode(403)
                .body("error.code", equalTo(10)).body("error.message", equalTo("(#10) Application does not have permission for this action"));
    }

    @Test
    void quotaAndProcessingTimeCanBeChangedForBenchmarks() {
        Sbx.TestUser u = Sbx.user();
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("instagram_quota", 1))
                .put("/_sandbox/rate-limits").then().statusCode(200).body("instagram_quota", equalTo(1));
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("instagram_processing_ms", 0))
                .put("/_sandbox/config").then().statusCode(200).body("instagram_processing_ms", equalTo(0));
        try {
            String a = container(u, image.toString(), "a");
            // no processing time: FINISHED as soon as the image is downloaded, without advancing the clock
            Sbx.await(Duration.ofSeconds(10), () -> status(u, a).equals("FINISHED"), "FINISHED without processing time");
            String b = container(u, image.toString(), "b");
            settle(u, a);
            settle(u, b);
            graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", a).then().statusCode(200);
            graphPost("/" + u.igId() + "/media_publish", u.token(), "creation_id", b).then().statusCode(400).body("error.error_subcode", equalTo(2207042));
            graphGet("/" + u.igId() + "/content_publishing_limit", u.token(), "fields", "config").then().body("data[0].config.quota_total", equalTo(1));
        } finally {
            io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("instagram_quota", 50))
                    .put("/_sandbox/rate-limits").then().statusCode(200);
            io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("instagram_processing_ms", 5000))
                    .put("/_sandbox/config").then().statusCode(200);
        }
    }
}
