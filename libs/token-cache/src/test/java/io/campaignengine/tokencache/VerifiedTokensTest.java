package io.campaignengine.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class VerifiedTokensTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final VerifiedTokens tokens = new VerifiedTokens(3, 60_000, now::get);
    final RememberVerifiedBearer remember = new RememberVerifiedBearer(tokens);

    @Test
    void aTokenIsRememberedUntilItsExpiryAndAtMostMaxAge() {
        SecurityIdentity alice = identity("token-a", "alice", 1_030); // exp in 30 s
        tokens.put("token-a", alice, 1_030_000);
        assertSame(alice, tokens.get("token-a"));
        assertNull(tokens.get("token-a "), "another string is another token");
        now.set(1_029_999);
        assertSame(alice, tokens.get("token-a"));
        now.set(1_030_000);
        assertNull(tokens.get("token-a"), "expired");
        assertEquals(0, tokens.size());

        tokens.put("token-b", identity("token-b", "bob", 9_999), 9_999_000); // exp far away: max age 60 s
        now.addAndGet(59_999);
        assertEquals("bob", tokens.get("token-b").getPrincipal().getName());
        now.addAndGet(1);
        assertNull(tokens.get("token-b"));
        tokens.put("token-c", identity("token-c", "carol", 1), 1_000); // already expired: not kept
        assertNull(tokens.get("token-c"));
    }

    @Test
    void boundedDropsExpiredEntriesThenEverything() {
        tokens.put("t1", identity("t1", "a", 1_010), 1_010_000);
        tokens.put("t2", identity("t2", "b", 1_100), 1_100_000);
        tokens.put("t3", identity("t3", "c", 1_100), 1_100_000);
        now.set(1_020_000);
        tokens.put("t4", identity("t4", "d", 1_100), 1_100_000); // t1 expired: dropped, room for t4
        assertEquals(3, tokens.size());
        assertEquals("b", tokens.get("t2").getPrincipal().getName());
        tokens.put("t5", identity("t5", "e", 1_100), 1_100_000); // full of live tokens: starts over
        assertEquals(1, tokens.size());
        assertEquals("e", tokens.get("t5").getPrincipal().getName());
    }

    @Test
    void onlyIdentitiesVerifiedFromTheBearerTokenItselfAreRememberedAndServed() {
        Object firstRequest = new Object();
        SecurityIdentity bearer = QuarkusSecurityIdentity.builder(identity("raw-1", "alice", 1_100))
                .addAttribute(RememberedBearerMechanism.ROUTING_CONTEXT, firstRequest).addAttribute("tenant-id", "Default").build();
        remember.remember(bearer);
        SecurityIdentity kept = tokens.get("raw-1");
        assertSame(bearer.getPrincipal(), kept.getPrincipal());
        assertEquals(Set.of("viewer"), kept.getRoles());
        assertEquals("raw-1", kept.getCredential(AccessTokenCredential.class).getToken());
        assertEquals("Default", kept.getAttribute("tenant-id"));
        assertNull(kept.getAttribute(RememberedBearerMechanism.ROUTING_CONTEXT), "the request it was verified in is not kept");
        assertNull(tokens.get("raw-2"));

        // a session identity: principal from the ID token, the access token beside it -> not remembered
        SecurityIdentity session = QuarkusSecurityIdentity.builder().setPrincipal(principal("id-token", "bob", 1_100))
                .addCredential(new AccessTokenCredential("access-token")).build();
        remember.remember(session);
        assertNull(tokens.get("access-token"));
        // no expiry claim -> not remembered
        remember.remember(identity("raw-3", "carol", 0));
        assertNull(tokens.get("raw-3"));
    }

    @Test
    void onlyTheBearerSchemeCarriesAToken() {
        assertEquals("abc.def.ghi", RememberedBearerMechanism.bearerToken("Bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", RememberedBearerMechanism.bearerToken("bearer abc.def.ghi"));
        assertNull(RememberedBearerMechanism.bearerToken("Basic YWxpY2U6c2VjcmV0"));
        assertNull(RememberedBearerMechanism.bearerToken("Bearer "));
        assertNull(RememberedBearerMechanism.bearerToken(null));
    }

    static SecurityIdentity identity(String raw, String user, long expSeconds) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal(raw, user, expSeconds))
                .addCredential(new AccessTokenCredential(raw)).addRole("viewer").build();
    }

    static DefaultJWTCallerPrincipal principal(String raw, String user, long expSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", user);
        claims.setSubject(user);
        if (expSeconds > 0) {
            claims.setClaim("exp", expSeconds);
        }
        return new DefaultJWTCallerPrincipal(raw, "JWT", claims);
    }
}
