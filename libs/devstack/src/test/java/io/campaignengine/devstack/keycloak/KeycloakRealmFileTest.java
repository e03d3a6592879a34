package io.campaignengine.devstack.keycloak;

import io.campaignengine.devstack.it.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static checks of deploy/keycloak/campaign-engine-realm.json (no Keycloak needed; KeycloakRealmTest checks the running one). */
class KeycloakRealmFileTest {
    static JsonNode realm;

    @BeforeAll
    static void load() throws Exception {
        Path file = TestStack.root().resolve("deploy/keycloak/campaign-engine-realm.json");
        realm = new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void realmAndRoles() {
        assertEquals("campaign-engine", realm.path("realm").asText());
        assertTrue(realm.path("enabled").asBoolean());
        assertEquals(Set.of("admin", "marketer", "viewer"), names(realm.path("roles").path("realm"), "name"));
        assertEquals(900, realm.path("accessTokenLifespan").asInt(), "15 min access tokens");
        // importing a realm that lists clientScopes replaces Keycloak's default scopes (no sub, no realm_access ...):
        // the claims are mapped on the clients instead
        assertTrue(realm.path("clientScopes").isMissingNode(), "do not define clientScopes (it drops the built-in ones)");
    }

    @Test
    void gatewayClientIsConfidentialWithAuthorizationCodeFlow() {
        JsonNode c = client("campaign-engine-gateway");
        assertFalse(c.path("publicClient").asBoolean());
        assertEquals("gateway-dev-secret", c.path("secret").asText());
        assertTrue(c.path("standardFlowEnabled").asBoolean());
        assertFalse(c.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(c.path("implicitFlowEnabled").asBoolean());
        // 28080: the gateway of `make test` (its code-flow tests run on that fixed port)
        assertEquals(Set.of("http://127.0.0.1:8080/*", "http://localhost:8080/*", "http://127.0.0.1:28080/*"), strings(c.path("redirectUris")));
        assertTrue(c.path("attributes").path("post.logout.redirect.uris").asText().contains("http://127.0.0.1:8080/*"));
        assertClaimMappers(c);
    }

    @Test
    void cliClientIsPublicWithPasswordGrant() {
        JsonNode c = client("campaign-engine-cli");
        assertTrue(c.path("publicClient").asBoolean());
        assertTrue(c.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(c.path("standardFlowEnabled").asBoolean());
        assertClaimMappers(c);
    }

    @Test
    void businessGroupsCarryTheirSlug() {
        JsonNode businesses = null;
        for (JsonNode g : realm.path("groups")) {
            if (g.path("name").asText().equals("businesses")) {
                businesses = g;
            }
        }
        assertNotNull(businesses, "group /businesses");
        Set<String> slugs = new TreeSet<>();
        for (JsonNode g : businesses.path("subGroups")) {
            String slug = g.path("name").asText();
            assertEquals(List.of(slug), list(g.path("attributes").path("business")), "attribute business of /businesses/" + slug);
            slugs.add(slug);
        }
        assertEquals(Set.of("melissa", "vaquero"), slugs);
    }

    @Test
    void demoUsers() {
        assertUser("alice", "admin", "/businesses/melissa", "/businesses/vaquero");
        assertUser("bob", "marketer", "/businesses/melissa");
        assertUser("carol", "viewer", "/businesses/vaquero");
    }

    private static void assertUser(String name, String role, String... groups) {
        JsonNode u = null;
        for (JsonNode x : realm.path("users")) {
            if (x.path("username").asText().equals(name)) {
                u = x;
            }
        }
        assertNotNull(u, "user " + name);
        assertTrue(u.path("enabled").asBoolean());
        assertTrue(u.path("emailVerified").asBoolean(), name + " email verified");
        assertFalse(u.path("email").asText().isBlank(), name + " has an email");
        // the default user profile requires first and last name: without them the password grant says "Account is not fully set up"
        assertFalse(u.path("firstName").asText().isBlank(), name + " first name");
        assertFalse(u.path("lastName").asText().isBlank(), name + " last name");
        assertTrue(u.path("requiredActions").isEmpty(), name + " has no required actions");
        JsonNode cred = u.path("credentials").get(0);
        assertEquals("password", cred.path("type").asText());
        assertEquals(name, cred.path("value").asText(), "password = user name (dev only)");
        assertFalse(cred.path("temporary").asBoolean());
        assertTrue(strings(u.path("realmRoles")).contains(role), name + " has role " + role);
        assertEquals(Set.of(groups), strings(u.path("groups")));
    }

    private static void assertClaimMappers(JsonNode client) {
        JsonNode businesses = mapper(client, "businesses");
        assertEquals("oidc-usermodel-attribute-mapper", businesses.path("protocolMapper").asText());
        JsonNode cfg = businesses.path("config");
        assertEquals("business", cfg.path("user.attribute").asText());
        assertEquals("businesses", cfg.path("claim.name").asText());
        assertEquals("true", cfg.path("multivalued").asText());
        assertEquals("true", cfg.path("aggregate.attrs").asText(), "aggregates the attribute of all the user's groups");
        assertEquals("true", cfg.path("access.token.claim").asText());
        JsonNode roles = mapper(client, "roles");
        assertEquals("oidc-usermodel-realm-role-mapper", roles.path("protocolMapper").asText());
        assertEquals("roles", roles.path("config").path("claim.name").asText());
        assertEquals("true", roles.path("config").path("multivalued").asText());
        assertTrue(strings(client.path("defaultClientScopes")).containsAll(Set.of("basic", "roles", "profile", "email")),
                client.path("clientId").asText() + " keeps the built-in scopes (sub, realm_access, preferred_username, email)");
    }

    private static JsonNode mapper(JsonNode client, String name) {
        for (JsonNode m : client.path("protocolMappers")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(client.path("clientId").asText() + " has no protocol mapper " + name);
    }

    private static JsonNode client(String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static Set<String> names(JsonNode array, String field) {
        Set<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.path(field).asText()));
        return s;
    }

    static Set<String> strings(JsonNode array) {
        return new TreeSet<>(list(array));
    }

    static List<String> list(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
