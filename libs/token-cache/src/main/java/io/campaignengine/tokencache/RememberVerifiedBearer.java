package io.campaignengine.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Runs last on every authenticated identity and remembers it when it was verified from a bearer access token: the
 * principal is that very token (a browser session's identity comes from its ID token and is not remembered).
 */
@ApplicationScoped
public class RememberVerifiedBearer implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(RememberVerifiedBearer.class);
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

    /**
     * What is kept: principal, roles, credentials and attributes, without the request OIDC verified the token in (a
     * later request must not see it, nor should the cache hold it for minutes). Permission checkers are not carried
     * over: the platform authorizes by roles and business scope, never by {@code checkPermission}.
     */
    static SecurityIdentity forKeeping(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles()).addCredentials(identity.getCredentials());
        identity.getAttributes().forEach((name, value) -> {
            if (!name.equals(RememberedBearerMechanism.ROUTING_CONTEXT)) {
                kept.addAttribute(name, value);
            }
        });
        return kept.build();
    }

    void remember(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential bearer = identity.getCredential(AccessTokenCredential.class);
        if (bearer == null || bearer.getToken() == null || !bearer.getToken().equals(jwt.getRawToken()) || jwt.getExpirationTime() <= 0) {
            if (LOG.isDebugEnabled()) { // every request of a browser session comes here (its principal is the ID token)
                LOG.debugf("not remembered (principal %s): credential %s, same token %s, exp %d", identity.getPrincipal().getName(),
                        bearer == null ? "none" : "present", bearer != null && bearer.getToken() != null && bearer.getToken().equals(jwt.getRawToken()),
                        jwt.getExpirationTime());
            }
            return;
        }
        if (tokens.get(bearer.getToken()) == null) {
            tokens.put(bearer.getToken(), forKeeping(identity), jwt.getExpirationTime() * 1000);
            LOG.debugf("remembered a token of %s (%d tokens)", jwt.getName(), tokens.size());
        }
    }
}
