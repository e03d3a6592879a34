package io.campaignengine.devstack.keycloak;

import io.campaignengine.devstack.it.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the Keycloak of the running test stack (CE_OIDC_URL of .devstack/test/stack.env): the tokens of the demo
 * users carry the claims the services rely on ({@code businesses}, {@code realm_access.roles}, {@code roles}), and
 * the gateway client is confidential.
 */
class KeycloakRealmTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String oidcUrl() {
        return TestStack.get("CE_OIDC_URL");
    }

    @BeforeAll
    static void keycloakAnswers() throws Exception {
        String discovery = oidcUrl() + "/.well-known/openid-configuration";
        int status;
        try {
            status = HTTP.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = -1;
        }
        if (status != 200) {
            String msg = discovery + " answers " + (status < 0 ? "nothing" : status) + ": Keycloak of the test stack is not up "
                    + "(bin/devstack up --profile test; log .devstack/test/logs/keycloak.log)";
            if ("test".equals(System.getProperty("campaign-engine.devstack"))) {
                throw new IllegalStateException(msg);
            }
            Assumptions.abort(msg);
        }
    }

    @Test
    void aliceIsAdminOfBothBusinesses() throws Exception {
        JsonNode claims = claims(passwordGrant("alice", "alice"));
        assertEquals(Set.of("melissa", "vaquero"), KeycloakRealmFileTest.strings(claims.path("businesses")));
        assertRoles(claims, "admin");
        assertEquals("alice", claims.path("preferred_username").asText());
        assertTrue(claims.path("email_verified").asBoolean());
    }

    @Test
    void bobIsMarketerOfMelissa() throws Exception {
        JsonNode claims = claims(passwordGrant("bob", "bob"));
        assertEquals(List.of("melissa"), KeycloakRealmFileTest.list(claims.path("businesses")));
        assertRoles(claims, "marketer");
    }

    @Test
    void carolIsViewerOfVaquero() throws Exception {
        JsonNode claims = claims(passwordGrant("carol", "carol"));
        assertEquals(List.of("vaquero"), KeycloakRealmFileTest.list(claims.path("businesses")));
        assertRoles(claims, "viewer");
    }

    @Test
    void tokenIssuerIsTheRealmUrl() throws Exception {
        JsonNode claims = claims(passwordGrant("bob", "bob"));
        // services set quarkus.oidc.auth-server-url=${CE_OIDC_URL}; the issuer must match it exactly
        assertEquals(oidcUrl(), claims.path("iss").asText());
        assertFalse(claims.path("sub").asText().isBlank(), "sub claim present");
        long lifespan = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertEquals(900, lifespan, "access token lifespan");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        HttpResponse<String> r = post(tokenUrl(), Map.of("grant_type", "password", "client_id", "campaign-engine-cli",
                "username", "alice", "password", "not-alice"), null);
        // Keycloak 26 answers 400 invalid_grant (RFC 6749 5.2); older versions said 401
        assertTrue(r.statusCode() == 400 || r.statusCode() == 401, "status " + r.statusCode() + ": " + r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("invalid_grant", body.path("error").asText(), r.body());
        assertTrue(body.path("access_token").isMissingNode());
    }

    @Test
    void gatewayClientIsConfidential() throws Exception {
        // as the admin console sees it (bootstrap admin of the master realm, dev only)
        String keycloak = oidcUrl().substring(0, oidcUrl().indexOf("/realms/"));
        HttpResponse<String> adminToken = post(keycloak + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", KeycloakComponent.ADMIN_USER, "password", KeycloakComponent.ADMIN_PASSWORD), null);
        assertEquals(200, adminToken.statusCode(), adminToken.body());
        HttpResponse<String> clients = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak
                        + "/admin/realms/campaign-engine/clients?clientId=campaign-engine-gateway"))
                .header("Authorization", "Bearer " + JSON.readTree(adminToken.body()).path("access_token").asText())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, clients.statusCode(), clients.body());
        JsonNode gateway = JSON.readTree(clients.body()).path(0);
        assertEquals("campaign-engine-gateway", gateway.path("clientId").asText(), "the gateway client exists: " + clients.body());
        assertFalse(gateway.path("publicClient").asBoolean(), "confidential");
        assertEquals("client-secret", gateway.path("clientAuthenticatorType").asText());
        assertTrue(gateway.path("standardFlowEnabled").asBoolean(), "authorization code flow");

        // and as a client sees it: the secret authenticates it, a wrong or missing secret does not
        String token = passwordGrant("alice", "alice").path("access_token").asText();
        HttpResponse<String> ok = post(tokenUrl() + "/introspect", Map.of("token", token),
                basic("campaign-engine-gateway", "gateway-dev-secret"));
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> wrong = post(tokenUrl() + "/introspect", Map.of("token", token),
                basic("campaign-engine-gateway", "wrong-secret"));
        assertEquals(401, wrong.statusCode(), wrong.body());
        HttpResponse<String> noSecret = post(tokenUrl() + "/introspect", Map.of("token", token, "client_id", "campaign-engine-gateway"), null);
        assertEquals(401, noSecret.statusCode(), noSecret.body());
        // it uses the authorization code flow, not the password grant
        HttpResponse<String> password = post(tokenUrl(), Map.of("grant_type", "password", "username", "alice", "password", "alice"),
                basic("campaign-engine-gateway", "gateway-dev-secret"));
        assertEquals("unauthorized_client", JSON.readTree(password.body()).path("error").asText(), password.body());
        // the login page accepts the gateway's redirect URIs (PKCE S256 is required), and no other
        String pkce = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        assertEquals(200, authorize("http://127.0.0.1:8080/callback", pkce).statusCode(), "login page for 127.0.0.1:8080");
        assertTrue(authorize("http://localhost:8080/callback", pkce).body().contains("kc-form-login"), "login form for localhost:8080");
        assertEquals(400, authorize("http://127.0.0.1:9999/callback", pkce).statusCode(), "foreign redirect URI refused");
        HttpResponse<String> noPkce = authorize("http://127.0.0.1:8080/callback", "");
        assertEquals(302, noPkce.statusCode());
        assertTrue(noPkce.headers().firstValue("Location").orElse("").contains("error=invalid_request"), "PKCE is required");
    }

    private static HttpResponse<String> authorize(String redirectUri, String extra) throws Exception {
        String auth = oidcUrl() + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=campaign-engine-gateway"
                + "&redirect_uri=" + enc(redirectUri) + extra;
        return HTTP.send(HttpRequest.newBuilder(URI.create(auth)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRoles(JsonNode claims, String role) {
        Set<String> realmAccess = KeycloakRealmFileTest.strings(claims.path("realm_access").path("roles"));
        Set<String> flat = KeycloakRealmFileTest.strings(claims.path("roles"));
        assertTrue(realmAccess.contains(role), "realm_access.roles " + realmAccess + " contains " + role);
        assertEquals(realmAccess, flat, "flat roles claim = realm_access.roles");
        for (String other : Set.of("admin", "marketer", "viewer")) {
            if (!other.equals(role)) {
                assertFalse(realmAccess.contains(other), "no role " + other + " in " + realmAccess);
            }
        }
    }

    static String tokenUrl() {
        return oidcUrl() + "/protocol/openid-connect/token";
    }

    static JsonNode passwordGrant(String user, String password) throws Exception {
        HttpResponse<String> r = post(tokenUrl(), Map.of("grant_type", "password", "client_id", "campaign-engine-cli",
                "username", user, "password", password, "scope", "openid"), null);
        assertEquals(200, r.statusCode(), "password grant for " + user + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode claims(JsonNode tokenResponse) throws Exception {
        String[] parts = tokenResponse.path("access_token").asText().split("\\.");
        assertEquals(3, parts.length, "a JWS access token");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    static HttpResponse<String> post(String url, Map<String, String> form, String authorization) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(user) + ":" + enc(password)).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
