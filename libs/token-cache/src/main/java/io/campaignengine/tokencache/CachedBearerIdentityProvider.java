package io.campaignengine.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Asked before OIDC's own provider: a bearer token verified before (and not expired) gets its identity back at once;
 * anything else (an unknown token, an ID token of a browser session) answers null, and OIDC verifies it as usual.
 */
@ApplicationScoped
public class CachedBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(CachedBearerIdentityProvider.class);
    private final VerifiedTokens tokens;

    public CachedBearerIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Strictly above OIDC's own provider, which keeps the interface's default ({@code SYSTEM_FIRST + 1}): providers of
     * equal priority are asked in whatever order CDI lists them, which differs from one JVM start to the next.
     */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential bearer)) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity known = tokens.get(bearer.getToken());
        if (known == null && LOG.isDebugEnabled()) {
            LOG.debugf("not known: a token of %d characters (%d tokens remembered); OIDC verifies it", bearer.getToken().length(), tokens.size());
        }
        return Uni.createFrom().item(known);
    }
}
