package io.campaignengine.publishing;

import io.campaignengine.publishing.service.TokenCipher;
import io.campaignengine.testkit.TestKafka;
import io.campaignengine.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Test data: a business of the demo tokens, connected to a fresh sandbox user through the real OAuth flow. */
final class World {
    private World() {
    }

    /** A connected business: its id, the sandbox user, its Page, Instagram and ad account ids. */
    record Connected(UUID businessId, String userId, String pageId, String igId, String adAccountId, UUID connectionId) {
    }

    static UUID newBusiness(String slug) {
        UUID b = UUID.randomUUID();
        TestKafka.publish(Fixtures.businessCreated(b, slug));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestTokens.as(TestTokens.ALICE).get("/api/businesses/" + b + "/connections").statusCode() == 200);
        return b;
    }

    /** Walks the browser's part of the dialog: returns the redirect's query (code, state). */
    static Map<String, String> dialog(String authorizationUrl, String sandboxUser) {
        Response r = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(authorizationUrl + "&sandbox_user=" + sandboxUser);
        if (r.statusCode() != 302) throw new AssertionError("dialog answered " + r.statusCode() + ": " + r.asString());
        URI loc = URI.create(r.header("Location").replace("#_=_", ""));
        Map<String, String> q = new HashMap<>();
        for (String kv : loc.getRawQuery().split("&")) {
            int i = kv.indexOf('=');
            q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static Connected connect(String slug, String asUser) {
        UUID b = newBusiness(slug);
        Response user = MetaSandbox.newUser("Test " + b.toString().substring(0, 6));
        String userId = user.path("id");
        String start = TestTokens.as(asUser).post("/api/businesses/" + b + "/connect-meta").then().statusCode(200).extract().path("authorizationUrl");
        Map<String, String> q = dialog(start, userId);
        Response cb = RestAssured.given().queryParam("code", q.get("code")).queryParam("state", q.get("state"))
                .get("/api/meta/oauth/callback").then().statusCode(200).extract().response();
        return new Connected(b, userId, user.path("pages[0].id"), user.path("pages[0].instagram_business_account"),
                user.path("ad_accounts[0]"), UUID.fromString(cb.path("id")));
    }

    static Connection db() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse("publishing");
        String pass = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("publishing");
        return DriverManager.getConnection(url, user, pass);
    }

    /** One column of a connection row. */
    static String connectionColumn(UUID connectionId, String column) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("select " + column + " from platform_connection where id = ?")) {
            ps.setObject(1, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sql(String statement, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decrypted tokens of a connection (the test plays the part of someone holding the key). */
    static String[] tokens(TokenCipher cipher, UUID connectionId) {
        return new String[]{cipher.decrypt(connectionColumn(connectionId, "access_token_enc"), connectionId + ":access"),
                cipher.decrypt(connectionColumn(connectionId, "page_token_enc"), connectionId + ":page")};
    }
}
