package io.campaignengine.publishing;

import io.campaignengine.events.publishing.ConnectionChanged;
import io.campaignengine.events.publishing.ConnectionStatus;
import io.campaignengine.publishing.service.TokenCipher;
import io.campaignengine.testkit.TestKafka;
import io.campaignengine.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting Meta through the real OAuth flow of the sandbox: state checks, encryption at rest, no token anywhere. */
@QuarkusTest
@QuarkusTestResource(MetaSandbox.class)
class ConnectMetaTest {
    @Inject
    TokenCipher cipher;

    @Test
    void connectWithForgedAndReusedStateEncryptedTokensAndNoLeak() throws Exception {
        UUID business = World.newBusiness("melissa");
        Response user = MetaSandbox.newUser("Melissa OAuth");
        String sandboxUser = user.path("id");
        try (KafkaConsumer<String, byte[]> tail = TestKafka.tail("publishing.events")) {
            Response start = TestTokens.as(TestTokens.BOB).post("/api/businesses/" + business + "/connect-meta")
                    .then().statusCode(200)
                    .body("authorizationUrl", startsWith(MetaSandbox.url + "/v21.0/dialog/oauth?client_id=1234567890123456"))
                    .body("authorizationUrl", containsString("scope=pages_show_list"))
                    .extract().response();
            Map<String, String> redirect = World.dialog(start.path("authorizationUrl"), sandboxUser);
            assertEquals(start.path("state"), redirect.get("state"), "Meta hands the state back");

            // a forged state: 400 problem naming the field, nothing connected
            RestAssured.given().queryParam("code", redirect.get("code")).queryParam("state", "forged-" + UUID.randomUUID())
                    .get("/api/meta/oauth/callback").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("state"));
            TestTokens.as(TestTokens.ALICE).get("/api/businesses/" + business + "/connections").then().statusCode(200).body("", hasSize(0));

            Response connected = RestAssured.given().queryParam("code", redirect.get("code")).queryParam("state", redirect.get("state"))
                    .get("/api/meta/oauth/callback").then().log().ifValidationFails().statusCode(200)
                    .body("status", equalTo("CONNECTED"))
                    .body("pageId", equalTo(user.path("pages[0].id")))
                    .body("instagramAccountId", equalTo(user.path("pages[0].instagram_business_account")))
                    .body("adAccountId", equalTo(user.path("ad_accounts[0]")))
                    .extract().response();
            UUID connectionId = UUID.fromString(connected.path("id"));

            // the same state again: 400 (single use)
            RestAssured.given().queryParam("code", redirect.get("code")).queryParam("state", redirect.get("state"))
                    .get("/api/meta/oauth/callback").then().statusCode(400).body("errors[0].field", equalTo("state"));

            // at rest: AES-GCM values, not the token; they decrypt to a token Meta accepts
            String enc = World.connectionColumn(connectionId, "access_token_enc");
            String pageEnc = World.connectionColumn(connectionId, "page_token_enc");
            assertTrue(enc.startsWith("v1.dev-1."), enc);
            assertEquals("dev-1", World.connectionColumn(connectionId, "token_key_id"));
            String[] tokens = World.tokens(cipher, connectionId);
            assertTrue(tokens[0].startsWith("EAAG"), "a long-lived user token");
            assertFalse(enc.contains(tokens[0]));
            assertFalse(pageEnc.contains(tokens[1]));
            MetaSandbox.graphGet("me", tokens[0], Map.of("fields", "id")).then().statusCode(200).body("id", equalTo(sandboxUser));
            assertNotNull(World.connectionColumn(connectionId, "token_expires_at"));

            // the API shows status, never a token
            String list = TestTokens.as(TestTokens.ALICE).get("/api/businesses/" + business + "/connections").then().statusCode(200)
                    .body("", hasSize(1)).body("[0].status", equalTo("CONNECTED")).body("[0].scopes", org.hamcrest.Matchers.hasItem("pages_manage_posts"))
                    .extract().asString();
            assertFalse(list.contains(tokens[0]) || list.contains(tokens[1]) || connected.asString().contains(tokens[0]));
            // another business's user sees nothing of it
            TestTokens.as(TestTokens.CAROL).get("/api/businesses/" + business + "/connections").then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
            TestTokens.as(TestTokens.CAROL).post("/api/businesses/" + business + "/connect-meta").then().statusCode(404);

            // ConnectionChanged through outbox → Debezium → Kafka, without the token
            ConsumerRecord<String, byte[]> rec = TestKafka.await(tail, Duration.ofSeconds(30),
                    r -> "ConnectionChanged".equals(TestKafka.header(r, "eventType")) && new String(r.value(), StandardCharsets.ISO_8859_1).contains(connectionId.toString()));
            ConnectionChanged ev = (ConnectionChanged) TestKafka.decode("publishing.events", rec.value());
            assertEquals(ConnectionStatus.CONNECTED, ev.getStatus());
            assertEquals(user.path("pages[0].id"), ev.getPageId());
            assertEquals(business.toString(), ev.getEnvelope().getBusinessId());
            String bytes = new String(rec.value(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(tokens[0]) || bytes.contains(tokens[1]), "no token in the Kafka record");

            // refresh re-exchanges the long-lived token (a new value, encrypted again)
            TestTokens.as(TestTokens.BOB).post("/api/businesses/" + business + "/connections/meta/refresh").then().statusCode(200)
                    .body("status", equalTo("CONNECTED"));
            String[] refreshed = World.tokens(cipher, connectionId);
            assertFalse(refreshed[0].equals(tokens[0]), "a new long-lived token");
            MetaSandbox.graphGet("me", refreshed[0], Map.of()).then().statusCode(200);

            // disconnect: revoked on Meta, tokens gone, ConnectionChanged DISCONNECTED
            TestTokens.as(TestTokens.BOB).delete("/api/businesses/" + business + "/connections/meta").then().statusCode(200)
                    .body("status", equalTo("DISCONNECTED"));
            assertNull(World.connectionColumn(connectionId, "access_token_enc"));
            assertNull(World.connectionColumn(connectionId, "page_token_enc"));
            MetaSandbox.graphGet("me", refreshed[0], Map.of()).then().statusCode(400).body("error.code", equalTo(190));
            TestKafka.await(tail, Duration.ofSeconds(30), r -> {
                if (!"ConnectionChanged".equals(TestKafka.header(r, "eventType"))) return false;
                ConnectionChanged e = (ConnectionChanged) TestKafka.decode("publishing.events", r.value());
                return e.getConnectionId().equals(connectionId) && e.getStatus() == ConnectionStatus.DISCONNECTED;
            });

            // no token in the service's log
            String log = Files.readString(Path.of("target/publishing-service-test.log"));
            for (String t : List.of(tokens[0], tokens[1], refreshed[0], refreshed[1])) assertFalse(log.contains(t), "token in the log");
            assertFalse(log.contains(redirect.get("code")), "authorization code in the log");
        }
    }

    @Test
    void deniedConsentAndMissingStateAreProblems() {
        UUID business = World.newBusiness("melissa");
        String url = TestTokens.as(TestTokens.ALICE).post("/api/businesses/" + business + "/connect-meta").then().statusCode(200)
                .extract().path("authorizationUrl");
        Response r = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get(url + "&sandbox_deny=true");
        String loc = r.header("Location");
        String state = loc.replaceAll(".*[?&]state=([^&#]+).*", "$1");
        RestAssured.given().queryParam("error", "access_denied").queryParam("state", java.net.URLDecoder.decode(state, StandardCharsets.UTF_8))
                .get("/api/meta/oauth/callback").then().statusCode(400).body("errors[0].field", equalTo("error"));
        RestAssured.given().queryParam("code", "x").get("/api/meta/oauth/callback").then().statusCode(400).body("errors[0].field", equalTo("state"));
        // a viewer cannot start a connection (carol is a viewer of vaquero)
        UUID vaquero = World.newBusiness("vaquero");
        TestTokens.as(TestTokens.CAROL).post("/api/businesses/" + vaquero + "/connect-meta").then().statusCode(403);
        // no login: 401
        RestAssured.given().post("/api/businesses/" + vaquero + "/connect-meta").then().statusCode(401);
    }
}
