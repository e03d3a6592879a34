package io.campaignengine.image;

import io.campaignengine.image.service.MatchIndexes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.image.Fixtures.BOB;
import static io.campaignengine.image.Fixtures.as;
import static io.campaignengine.image.Fixtures.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory match index stays correct when the library changes behind this instance's back: rows inserted,
 * updated and deleted over plain SQL (what another instance of the service, a consumer or a manual fix does) bump the
 * business's library version in their own transaction (trigger), and the next match applies exactly those changes.
 */
@QuarkusTest
class MatchIndexConsistencyTest {
    @Inject
    MatchIndexes indexes;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "image", "image");
    }

    long version(UUID business) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select version from library_versions where business_id = ?")) {
            s.setObject(1, business);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** A row as another instance would write it (no S3 object needed for matching). */
    void insert(UUID business, UUID id, String tagsJson, int width, int height, int usage) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("insert into images (id, business_id, filename, storage_key, tags,"
                + " width, height, file_size, mime_type, sha256, usage_count) values (?, ?, 'other.jpg', ?, cast(? as jsonb), ?, ?, 1000, 'image/jpeg', ?, ?)")) {
            s.setObject(1, id);
            s.setObject(2, business);
            s.setString(3, "businesses/" + business + "/images/" + id + "/original.jpg");
            s.setString(4, tagsJson);
            s.setInt(5, width);
            s.setInt(6, height);
            s.setString(7, id.toString().replace("-", "") + id.toString().replace("-", ""));
            s.setInt(8, usage);
            s.executeUpdate();
        }
    }

    void sql(String statement, Object... args) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    io.restassured.response.ValidatableResponse match(UUID business) {
        return as(BOB).contentType("application/json").body(Map.of("businessId", business.toString(), "segment", "tia_seeker",
                        "emotions", List.of("achievement"), "themes", List.of("roi"), "placement", "instagram_feed", "limit", 10))
                .post("/api/images/match").then().statusCode(200);
    }

    @Test
    void changesMadeElsewhereReachTheNextMatch() throws SQLException {
        UUID business = Fixtures.business("melissa");
        String uploaded = upload(BOB, business, "half.jpg", Images.jpeg(1080, 1080, 91), "image/jpeg", "segments", "tia_seeker",
                "emotions", "relief").then().statusCode(201).extract().path("id");
        long afterUpload = version(business);
        assertTrue(afterUpload >= 1, "the upload bumped the library version");
        // 0.4 segment + 0 + 0 + 0.1 usage balance
        match(business).body("libraryCount", is(1)).body("results[0].imageId", equalTo(uploaded)).body("results[0].score", is(0.5f));
        long[] state = indexes.state(business);
        assertNotNull(state, "matching loaded the business's index");
        assertEquals(afterUpload, state[0]);

        // another instance inserts a better image and a story (does not suit the feed)
        UUID best = UUID.randomUUID();
        insert(business, best, "{\"segments\":[\"tia_seeker\"],\"emotions\":[\"achievement\"],\"themes\":[\"roi\"],\"keywords\":[]}", 1080, 1350, 0);
        insert(business, UUID.randomUUID(), "{\"segments\":[\"tia_seeker\"],\"emotions\":[\"achievement\"],\"themes\":[\"roi\"],\"keywords\":[]}", 1080, 1920, 0);
        assertEquals(afterUpload + 2, version(business), "one version per statement");
        match(business).body("libraryCount", is(3)).body("suitableCount", is(2))
                .body("results[0].imageId", equalTo(best.toString())).body("results[0].score", is(1.0f))
                .body("results[1].imageId", equalTo(uploaded));
        assertEquals(afterUpload + 2, indexes.state(business)[0]);

        // usage grows elsewhere (a consumer of another instance): usage balance 1 - 4/4 for best, max usage 4
        sql("update images set usage_count = 4 where id = ?", best);
        match(business).body("maxUsage", is(4)).body("results[0].imageId", equalTo(best.toString())).body("results[0].score", is(0.9f))
                .body("results[0].breakdown.usageBalance", is(0.0f));
        // tags changed elsewhere: best loses its segment (0.3 + 0.2 + 0 = 0.5), ties with uploaded (0.4 + 0.1), uploaded is less used
        sql("update images set tags = cast(? as jsonb) where id = ?",
                "{\"segments\":[],\"emotions\":[\"achievement\"],\"themes\":[\"roi\"],\"keywords\":[]}", best);
        match(business).body("results[0].imageId", equalTo(uploaded)).body("results[0].score", is(0.5f))
                .body("results[1].imageId", equalTo(best.toString())).body("results[1].score", is(0.5f));
        // deleted elsewhere: gone from the ranking, and max usage falls back to 0
        sql("delete from images where id = ?", best);
        match(business).body("libraryCount", is(2)).body("maxUsage", is(0)).body("results.imageId", not(hasItem(best.toString())));
        // this instance's own update path bumps the version too
        as(BOB).contentType("application/json").body(Map.of("tags", Map.of("emotions", List.of("achievement"), "themes", List.of("roi"))))
                .put("/api/images/" + uploaded).then().statusCode(200);
        match(business).body("results[0].imageId", equalTo(uploaded)).body("results[0].score", is(1.0f));
        // applied as deltas: the index was never dropped, its version follows the database's
        assertEquals(version(business), indexes.state(business)[0]);
        assertEquals(2L, indexes.state(business)[1]);

        // idle indexes are dropped (memory bounded by recently matched businesses); the next match loads it again
        assertTrue(indexes.evictIdle(System.currentTimeMillis() + java.time.Duration.ofHours(2).toMillis()) >= 1);
        assertEquals(null, indexes.state(business));
        match(business).body("libraryCount", is(2)).body("results[0].imageId", equalTo(uploaded)).body("results[0].score", is(1.0f));
        assertEquals(version(business), indexes.state(business)[0]);
    }
}
