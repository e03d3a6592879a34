package io.campaignengine.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.DefaultTenantConfigResolver;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.AnonymousIdentityProvider;
import io.quarkus.security.runtime.QuarkusIdentityProviderManagerImpl;
import io.quarkus.security.spi.runtime.BlockingSecurityExecutor;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A remembered token must be answered before OIDC verifies it, whatever order CDI lists the two providers in: through
 * Quarkus's own provider manager, with OIDC's provider registered first (the order some JVM starts produced).
 */
class ProviderOrderTest {

    @Test
    void theCacheIsAskedBeforeOidcWhicheverIsRegisteredFirst() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(10, 60_000, () -> 1_000_000);
        SecurityIdentity alice = VerifiedTokensTest.identity("raw-1", "alice", 1_100);
        tokens.put("raw-1", alice, 1_100_000);
        StandInForOidc oidc = new StandInForOidc(oidcPriority());

        for (boolean oidcFirst : new boolean[]{true, false}) {
            QuarkusIdentityProviderManagerImpl.Builder builder = QuarkusIdentityProviderManagerImpl.builder()
                    .addProvider(new AnonymousIdentityProvider()).setBlockingExecutor(Runnable::run);
            if (oidcFirst) {
                builder.addProvider(oidc).addProvider(new CachedBearerIdentityProvider(tokens));
            } else {
                builder.addProvider(new CachedBearerIdentityProvider(tokens)).addProvider(oidc);
            }
            IdentityProviderManager manager = builder.build();
            SecurityIdentity answered = manager.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential("raw-1")))
                    .await().indefinitely();
            assertSame(alice, answered, "oidc registered first: " + oidcFirst);
        }
        assertEquals(0, oidc.calls.get(), "OIDC verified a token the cache knew");
    }

    /** The priority OIDC's real provider reports (it does not read its collaborators to answer). */
    static int oidcPriority() throws Exception {
        Constructor<OidcIdentityProvider> c = OidcIdentityProvider.class.getDeclaredConstructor(DefaultTenantConfigResolver.class, BlockingSecurityExecutor.class);
        c.setAccessible(true);
        return c.newInstance(null, null).priority();
    }

    /** Answers every token like OIDC would after verifying it, at OIDC's priority, and counts how often it was asked. */
    static final class StandInForOidc implements IdentityProvider<TokenAuthenticationRequest> {
        final AtomicInteger calls = new AtomicInteger();
        final int priority;

        StandInForOidc(int priority) {
            this.priority = priority;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            calls.incrementAndGet();
            return Uni.createFrom().item(VerifiedTokensTest.identity("raw-1", "verified-by-oidc", 1_100));
        }
    }
}
