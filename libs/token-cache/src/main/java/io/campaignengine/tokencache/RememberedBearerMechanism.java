package io.campaignengine.tokencache;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Asked before quarkus-oidc's authentication mechanism: a request whose bearer token was verified before (and has not
 * expired) gets that identity back at once, bound to this request. Anything else (no Authorization header, an unknown
 * token, a browser session's cookie) answers null, and OIDC authenticates the request as usual.
 * <p>
 * A mechanism and not an identity provider, because OIDC's mechanism already decodes the token's claims as JSON for
 * every request before any provider is asked (to tell JWTs from opaque tokens) — most of what a remembered token
 * still cost.
 */
@ApplicationScoped
public class RememberedBearerMechanism implements HttpAuthenticationMechanism {
    /** Strictly above quarkus-oidc's mechanism ({@code quarkus.oidc.priority}, default DEFAULT_PRIORITY + 1). */
    static final int PRIORITY = DEFAULT_PRIORITY + 100;
    static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final Logger LOG = Logger.getLogger(RememberedBearerMechanism.class);
    private static final HttpCredentialTransport BEARER = new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

    private final VerifiedTokens tokens;

    public RememberedBearerMechanism(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity known = tokens.serve(token);
        if (known == null) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("not known: a token of %d characters (%d tokens remembered); OIDC verifies it", token.length(), tokens.size());
            }
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(boundTo(known, context));
    }

    /** The token of {@code Authorization: Bearer <token>} (scheme in any case), else null. */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7);
    }

    /**
     * The remembered identity with this request as its routing context (OIDC puts the request it verified the token in
     * there; a remembered identity carries none, see {@link RememberVerifiedBearer#forKeeping}).
     */
    static SecurityIdentity boundTo(SecurityIdentity remembered, RoutingContext context) {
        return QuarkusSecurityIdentity.builder(remembered).addAttribute(ROUTING_CONTEXT, context).build();
    }

    /** Never the one to challenge: without a known token, OIDC's mechanism answers (401, or the login redirect). */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(Boolean.FALSE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(BEARER);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
