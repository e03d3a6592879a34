package io.campaignengine.gateway;

import io.campaignengine.gateway.api.LoginResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser's login, step by step as a browser does it (cookies, redirects, Keycloak's real login form): the gateway
 * holds the authorization-code flow and the tokens; the browser only ever gets an HttpOnly session cookie. Then the
 * session works for /api (token passed on to the playbook-service), CSRF rules apply, and logout ends it.
 */
@QuarkusTest
class BrowserLoginTest {
    static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    final BrowserCookies cookies = new BrowserCookies();
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void loginUseTheSessionAndLogout() throws Exception {
        String gateway = "http://127.0.0.1:" + RestAssured.port;

        // 1. the protected /login sends the browser to Keycloak (code flow with PKCE)
        HttpResponse<String> r = get(gateway + "/login?redirect=/api/me");
        assertEquals(302, r.statusCode(), r.body());
        String authorize = location(r);
        assertTrue(authorize.contains("/realms/campaign-engine/protocol/openid-connect/auth"), authorize);
        assertTrue(authorize.contains("client_id=campaign-engine-gateway") && authorize.contains("code_challenge_method=S256"), authorize);

        // 2. Keycloak's login page, 3. the user's credentials
        r = get(authorize);
        assertEquals(200, r.statusCode());
        Matcher m = FORM_ACTION.matcher(r.body());
        assertTrue(m.find(), "Keycloak's login form");
        r = postForm(m.group(1).replace("&amp;", "&"), Map.of("username", "bob", "password", "bob", "credentialId", ""));
        assertEquals(302, r.statusCode(), "Keycloak accepts bob: " + r.body());
        String callback = location(r);
        assertTrue(callback.startsWith(gateway) && callback.contains("code="), callback);

        // 4. back at the gateway: it redeems the code itself and sets the session cookie, then on to the page asked for
        r = get(callback);
        assertTrue(r.statusCode() == 302 || r.statusCode() == 303, r.statusCode() + " " + r.body());
        HttpCookie session = cookies.named("q_session").orElse(null);
        assertNotNull(session, "session cookie set");
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        String next = location(r);
        List<String> hops = new ArrayList<>(List.of(callback + " -> " + r.statusCode() + " " + next));
        while (hops.size() < 4 && !URI.create(absolute(gateway, next)).getPath().equals("/api/me")) {
            r = get(absolute(gateway, next));
            next = location(r);
            hops.add(r.statusCode() + " " + next);
        }
        assertEquals("/api/me", URI.create(absolute(gateway, next)).getPath(), "redirects after the callback: " + hops);

        // 5. the session is enough for /api; the body shows who is logged in but no token
        r = get(gateway + "/api/me");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"userName\":\"bob\"") && r.body().contains("\"authenticatedBy\":\"session\""), r.body());
        assertTrue(r.body().contains("\"businesses\":[\"melissa\"]"), r.body());
        assertFalse(r.body().contains("eyJ"), "no token in the response: " + r.body());
        r = get(gateway + "/api/businesses/melissa");
        assertEquals(200, r.statusCode(), "the session's token reaches playbook-service: " + r.body());

        // 6. CSRF: a state-changing request on the cookie alone is refused; with X-Requested-With from our origin it is not
        String melissa = GatewayRoutingTest.businessId("melissa");
        String body = "{\"businessId\":\"" + melissa + "\",\"name\":\"Session playbook " + UUID.randomUUID() + "\"}";
        r = send(HttpRequest.newBuilder(URI.create(gateway + "/api/playbooks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("CSRF"), r.body());
        r = send(HttpRequest.newBuilder(URI.create(gateway + "/api/playbooks")).header("Content-Type", "application/json")
                .header("X-Requested-With", "fetch").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, r.statusCode(), r.body());
        r = send(HttpRequest.newBuilder(URI.create(gateway + "/api/playbooks")).header("Content-Type", "application/json")
                .header("X-Requested-With", "fetch").header("Origin", gateway)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, r.statusCode(), r.body());

        // 7. logout: the gateway drops the session and sends the browser to Keycloak's end-session endpoint
        r = get(gateway + "/logout");
        assertEquals(302, r.statusCode(), r.body());
        assertTrue(location(r).contains("/protocol/openid-connect/logout"), location(r));
        r = get(gateway + "/api/me");
        assertEquals(401, r.statusCode(), "after logout: " + r.body());
    }

    @Test
    void loginRedirectsOnlyToLocalPaths() {
        assertEquals("/", LoginResource.safeLocalPath("https://evil.example/"));
        assertEquals("/", LoginResource.safeLocalPath("//evil.example/x"));
        assertEquals("/", LoginResource.safeLocalPath("/\\evil.example"));
        assertEquals("/campaigns?id=1", LoginResource.safeLocalPath("/campaigns?id=1"));
        assertEquals("/", LoginResource.safeLocalPath(null));
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location on " + r.statusCode()));
    }

    static String absolute(String base, String location) {
        return location.startsWith("http") ? location : base + location;
    }
}
