package io.campaignengine.image;

import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.image.Fixtures.ALICE;
import static io.campaignengine.image.Fixtures.BOB;
import static io.campaignengine.image.Fixtures.CAROL;
import static io.campaignengine.image.Fixtures.WAIT;
import static io.campaignengine.image.Fixtures.as;
import static io.campaignengine.image.Fixtures.upload;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library against the real test stack: S3 objects checked through the S3 API, problems as problem+json. */
@QuarkusTest
class ImageApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @jakarta.inject.Inject
    io.campaignengine.image.service.UploadJanitor janitor;

    @Test
    void eachFormatIsStoredWithDimensionsAndAThumbnail() throws Exception {
        UUID business = Fixtures.business("melissa");
        record Case(String name, byte[] bytes, String mime, int w, int h, int tw, int th) {
        }
        List<Case> cases = List.of(
                new Case("photo.jpg", Images.jpeg(1600, 900, 11), "image/jpeg", 1600, 900, 320, 180),
                new Case("logo.png", Images.png(500, 1000, 12, true), "image/png", 500, 1000, 160, 320),
                new Case("anim.gif", Images.gif(640, 640, 13), "image/gif", 640, 640, 320, 320),
                new Case("small.webp", Images.WEBP_LOSSY, "image/webp", 40, 30, 40, 30));
        for (Case c : cases) {
            Response r = upload(BOB, business, c.name(), c.bytes(), "application/octet-stream", "altText", "Alt of " + c.name());
            r.then().statusCode(201)
                    .body("mimeType", equalTo(c.mime())).body("width", is(c.w())).body("height", is(c.h()))
                    .body("fileSize", is(c.bytes().length)).body("filename", equalTo(c.name())).body("uploadedBy", equalTo("bob"))
                    .body("storageKey", startsWith("businesses/" + business + "/images/"));
            String key = r.path("storageKey");
            String thumb = r.path("thumbnailKey");
            // really in S3: the original byte for byte, the thumbnail 320 px on the long side (never enlarged)
            assertArrayEquals(c.bytes(), Fixtures.read(key));
            assertArrayEquals(new int[]{c.tw(), c.th()}, Images.size(Fixtures.read(thumb)), c.name());
            // the time-limited URL serves the original without a token
            String id = r.path("id");
            String url = as(BOB).get("/api/images/" + id).then().statusCode(200)
                    .body("urls.expiresAt", org.hamcrest.Matchers.notNullValue()).extract().path("urls.original");
            HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, got.statusCode());
            assertArrayEquals(c.bytes(), got.body());
        }
        assertEquals(8, Fixtures.keys(business).size());
    }

    @Test
    void lyingOversizedCorruptAndDuplicateFilesLeaveNothingBehind() {
        UUID business = Fixtures.business("melissa");
        byte[] ok = Images.jpeg(800, 800, 21);
        String first = upload(BOB, business, "ok.jpg", ok, "image/jpeg").then().statusCode(201).extract().path("id");

        upload(BOB, business, "cat.jpg", "<html>this is not a cat</html>".getBytes(), "image/jpeg").then().statusCode(415)
                .contentType("application/problem+json").body("field", equalTo("file")).body("detail", containsString("not a JPEG"));
        upload(BOB, business, "broken.jpg", Images.truncated(Images.jpeg(900, 700, 22)), "image/jpeg").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("file"));
        // %test limit: 2 MB
        byte[] big = new byte[2 * 1024 * 1024 + 10];
        System.arraycopy(ok, 0, big, 0, ok.length);
        upload(BOB, business, "huge.jpg", big, "image/jpeg").then().statusCode(413)
                .contentType("application/problem+json").body("maxBytes", is(2097152));
        // the same bytes again, under another name: 409 naming the image that has them
        upload(BOB, business, "again.jpg", ok, "image/jpeg").then().statusCode(409)
                .contentType("application/problem+json").body("existingImageId", equalTo(first));
        // missing fields name themselves
        as(BOB).contentType("multipart/form-data").multiPart("businessId", business.toString()).post("/api/images/upload").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        as(BOB).contentType("multipart/form-data").multiPart("file", "x.jpg", ok, "image/jpeg").post("/api/images/upload").then().statusCode(400)
                .body("errors[0].field", equalTo("businessId"));

        // only the first image's original and thumbnail exist; one row
        assertEquals(2, Fixtures.keys(business).size(), Fixtures.keys(business).toString());
        as(BOB).queryParam("businessId", business).get("/api/images").then().statusCode(200).body("totalItems", is(1));
    }

    @Test
    void scopeAndRoles() {
        UUID melissa = Fixtures.business("melissa");
        UUID vaquero = Fixtures.business("vaquero");
        String id = upload(BOB, melissa, "a.png", Images.png(700, 700, 31, false), "image/png").then().statusCode(201).extract().path("id");

        RestAssured.given().get("/api/images/" + id).then().statusCode(401);
        RestAssured.given().multiPart("businessId", melissa.toString()).multiPart("file", "a.png", Images.png(10, 10, 1, false))
                .post("/api/images/upload").then().statusCode(401);
        // carol (viewer of vaquero): melissa's image does not exist for her; she cannot upload at all
        as(CAROL).get("/api/images/" + id).then().statusCode(404).contentType("application/problem+json");
        as(CAROL).queryParam("businessId", melissa).get("/api/images").then().statusCode(404);
        as(CAROL).queryParam("businessId", vaquero).get("/api/images").then().statusCode(200);
        upload(CAROL, vaquero, "v.png", Images.png(700, 700, 32, false), "image/png").then().statusCode(403);
        // bob (melissa only) cannot upload to vaquero: 404 as if it did not exist, nothing stored
        upload(BOB, vaquero, "v.png", Images.png(700, 700, 33, false), "image/png").then().statusCode(404);
        assertTrue(Fixtures.keys(vaquero).isEmpty());
        as(BOB).get("/api/images/not-a-uuid").then().statusCode(404);
        as(BOB).queryParam("businessId", "nope").get("/api/images").then().statusCode(400).body("errors[0].field", equalTo("businessId"));
        as(ALICE).get("/api/images/" + id).then().statusCode(200);
    }

    @Test
    void listFiltersTagsAndWarnings() {
        UUID business = Fixtures.business("melissa");
        UUID playbook = Fixtures.playbook(business);
        Fixtures.awaitPlaybook(business, playbook);
        as(BOB).queryParam("businessId", business).get("/api/images/tags").then()
                .body("segments", equalTo(List.of("tia_seeker", "true_believer"))).body("emotions", equalTo(List.of("achievement", "relief")))
                .body("themes", equalTo(List.of("roi", "story"))).body("categories", equalTo(List.of("happy_teacher", "feature_screenshot")));

        Response a = upload(BOB, business, "teacher.jpg", Images.jpeg(1080, 1080, 41), "image/jpeg",
                "type", "product", "category", " Happy_Teacher ", "segments", " TIA_Seeker, true_believer", "emotions", "Achievement",
                "themes", "roi", "keywords", "classroom");
        a.then().statusCode(201).body("tags.segments", equalTo(List.of("tia_seeker", "true_believer")))
                .body("tags.emotions", equalTo(List.of("achievement"))).body("category", equalTo("happy_teacher"))
                .body("type", equalTo("product")).body("warnings", hasSize(0));
        Response b = upload(BOB, business, "desk.jpg", Images.jpeg(1080, 1350, 42), "image/jpeg",
                "segments", "true_believer", "emotions", "relief", "emotions", "joy", "themes", "story");
        // joy is not an emotion of the playbook's hooks: accepted, with a warning naming the field
        b.then().statusCode(201).body("tags.emotions", equalTo(List.of("relief", "joy")))
                .body("warnings.field", equalTo(List.of("tags.emotions[1]"))).body("warnings[0].message", containsString("'joy'"));
        upload(BOB, business, "plain.gif", Images.gif(600, 600, 43), "image/gif").then().statusCode(201);
        String aId = a.path("id");
        String bId = b.path("id");

        as(BOB).queryParam("businessId", business).queryParam("segment", "TIA_SEEKER").get("/api/images").then().statusCode(200)
                .body("items.id", equalTo(List.of(aId)));
        as(BOB).queryParam("businessId", business).queryParam("segment", "true_believer").get("/api/images").then()
                .body("items.id", equalTo(List.of(bId, aId))).body("totalItems", is(2));
        as(BOB).queryParam("businessId", business).queryParam("tag", "classroom").get("/api/images").then().body("items.id", equalTo(List.of(aId)));
        as(BOB).queryParam("businessId", business).queryParam("tag", "story").get("/api/images").then().body("items.id", equalTo(List.of(bId)));
        as(BOB).queryParam("businessId", business).queryParam("emotion", "joy").get("/api/images").then().body("items.id", equalTo(List.of(bId)));
        as(BOB).queryParam("businessId", business).queryParam("type", "product").get("/api/images").then().body("items.id", equalTo(List.of(aId)));
        as(BOB).queryParam("businessId", business).queryParam("category", "happy_teacher").get("/api/images").then().body("items.id", equalTo(List.of(aId)));
        as(BOB).queryParam("businessId", business).queryParam("size", 2).get("/api/images").then()
                .body("items", hasSize(2)).body("totalItems", is(3)).body("totalPages", is(2)).body("items[0].urls.thumbnail", startsWith("http"));
        as(BOB).queryParam("businessId", business).queryParam("size", 2).queryParam("page", 1).get("/api/images").then().body("items", hasSize(1));
        as(BOB).queryParam("businessId", business).queryParam("type", "poster").get("/api/images").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        as(BOB).queryParam("businessId", business).queryParam("size", 0).get("/api/images").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));

        // a content piece uses a: no longer "unused"
        UUID content = UUID.randomUUID();
        TestKafka.publish(Fixtures.assigned(business, UUID.randomUUID(), content, UUID.fromString(aId)));
        await().atMost(WAIT).untilAsserted(() -> as(BOB).queryParam("businessId", business).queryParam("unused", true).get("/api/images")
                .then().body("items.id", org.hamcrest.Matchers.not(hasItem(aId))).body("totalItems", is(2)));

        // update: a facet given replaces it, others stay; normalized; unknown theme warned
        as(BOB).contentType("application/json").body(Map.of("tags", Map.of("themes", List.of(" ROI ", "Urgency")), "altText", "Teacher at her desk"))
                .put("/api/images/" + aId).then().statusCode(200)
                .body("tags.themes", equalTo(List.of("roi", "urgency"))).body("tags.segments", equalTo(List.of("tia_seeker", "true_believer")))
                .body("altText", equalTo("Teacher at her desk")).body("warnings.field", equalTo(List.of("tags.themes[1]")));
        as(CAROL).contentType("application/json").body(Map.of("altText", "x")).put("/api/images/" + aId).then().statusCode(403);
        as(BOB).contentType("application/json").body(Map.of("altText", "x".repeat(501))).put("/api/images/" + aId).then().statusCode(400)
                .body("errors[0].field", equalTo("altText"));
    }

    @Test
    void deleteIsRefusedWhileScheduledContentUsesTheImage() {
        UUID business = Fixtures.business("melissa");
        UUID campaign = UUID.randomUUID();
        Response used = upload(BOB, business, "used.jpg", Images.jpeg(1080, 1080, 51), "image/jpeg");
        Response free = upload(BOB, business, "free.jpg", Images.jpeg(1080, 1080, 52), "image/jpeg");
        String usedId = used.path("id");
        String freeId = free.path("id");
        UUID content = UUID.randomUUID();
        TestKafka.publish(Fixtures.assigned(business, campaign, content, UUID.fromString(usedId)));
        TestKafka.publish(Fixtures.scheduled(business, campaign, content));
        // the piece uses the image and is scheduled (two topics, any order): GET shows it, then delete is refused
        await().atMost(WAIT).untilAsserted(() -> as(BOB).get("/api/images/" + usedId).then().statusCode(200)
                .body("usedBy.contentIds", equalTo(List.of(content.toString())))
                .body("usedBy.scheduledOrPosted", equalTo(List.of(content.toString()))));
        as(BOB).delete("/api/images/" + usedId).then().statusCode(409)
                .contentType("application/problem+json").body("usedBy", equalTo(List.of(content.toString())));
        assertTrue(Fixtures.exists(used.path("storageKey")));

        as(CAROL).delete("/api/images/" + freeId).then().statusCode(403);
        as(BOB).delete("/api/images/" + freeId).then().statusCode(204);
        as(BOB).get("/api/images/" + freeId).then().statusCode(404);
        assertFalse(Fixtures.exists(free.path("storageKey")));
        assertFalse(Fixtures.exists(free.path("thumbnailKey")));
        as(BOB).delete("/api/images/" + freeId).then().statusCode(404);
    }

    @Test
    void presignedUploadThenConfirm() throws Exception {
        UUID business = Fixtures.business("melissa");
        byte[] bytes = Images.jpeg(1200, 628, 61);
        Response ticket = as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "filename", "banner.jpg",
                        "sizeBytes", bytes.length, "tags", Map.of("segments", List.of("tia_seeker"))))
                .post("/api/images/upload-url");
        ticket.then().statusCode(201).body("method", equalTo("PUT"));
        String uploadId = ticket.path("uploadId");
        // confirming before anything was PUT: 409, and the ticket stays usable
        as(BOB).post("/api/images/uploads/" + uploadId + "/confirm").then().statusCode(409);
        put(ticket.path("url"), bytes);
        Response confirmed = as(BOB).post("/api/images/uploads/" + uploadId + "/confirm");
        confirmed.then().statusCode(201).body("width", is(1200)).body("height", is(628)).body("filename", equalTo("banner.jpg"))
                .body("tags.segments", equalTo(List.of("tia_seeker")));
        assertArrayEquals(bytes, Fixtures.read(confirmed.path("storageKey")));
        assertFalse(Fixtures.exists(ticket.path("objectKey")));
        as(BOB).post("/api/images/uploads/" + uploadId + "/confirm").then().statusCode(404);

        // a lying file through the presigned URL: 415 on confirm, and the object is removed
        Response lie = as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "filename", "cat.png"))
                .post("/api/images/upload-url");
        put(lie.path("url"), "GIF? no: plain text".getBytes());
        as(BOB).post("/api/images/uploads/" + lie.path("uploadId") + "/confirm").then().statusCode(415);
        assertFalse(Fixtures.exists(lie.path("objectKey")));
        assertEquals(2, Fixtures.keys(business).size(), Fixtures.keys(business).toString());

        // a ticket used but never confirmed: once expired, the janitor removes its object and row
        Response forgotten = as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "filename", "f.jpg"))
                .post("/api/images/upload-url");
        put(forgotten.path("url"), Images.jpeg(640, 640, 62));
        assertTrue(Fixtures.exists(forgotten.path("objectKey")));
        assertTrue(janitor.sweepOnContext(java.time.Instant.now().plusSeconds(86_400)).toCompletableFuture().get() >= 1);
        assertFalse(Fixtures.exists(forgotten.path("objectKey")));
        as(BOB).post("/api/images/uploads/" + forgotten.path("uploadId") + "/confirm").then().statusCode(404);

        as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "filename", "x.jpg", "sizeBytes", 50_000_000))
                .post("/api/images/upload-url").then().statusCode(413);
        as(BOB).contentType("application/json").body(Map.of("filename", "x.jpg")).post("/api/images/upload-url").then().statusCode(400)
                .body("errors[0].field", equalTo("businessId"));
    }

    static void put(String url, byte[] bytes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
