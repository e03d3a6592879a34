package io.campaignengine.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs last on every authenticated identity and remembers it when it was verified from a bearer access token: the
 * principal is that very token (a browser session's identity comes from its ID token and is not remembered).
 */
@ApplicationScoped
public class RememberVerifiedBearer implements SecurityIdentityAugmentor {
    private final VerifiedTokens tokens;

    public RememberVerifiedBearer(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        remember(identity);
        return Uni.createFrom().item(identity);
    }

    void remember(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential bearer = identity.getCredential(AccessTokenCredential.class);
        if (bearer == null || bearer.getToken() == null || !bearer.getToken().equals(jwt.getRawToken()) || jwt.getExpirationTime() <= 0) {
            return;
        }
        if (tokens.get(bearer.getToken()) == null) {
            tokens.put(bearer.getToken(), identity, jwt.getExpirationTime() * 1000);
        }
    }
}
