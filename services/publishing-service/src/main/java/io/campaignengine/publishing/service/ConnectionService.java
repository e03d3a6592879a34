package io.campaignengine.publishing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ProblemException;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.publishing.client.GraphClient;
import io.campaignengine.publishing.client.GraphError;
import io.campaignengine.publishing.config.PublishingConfig;
import io.campaignengine.publishing.domain.Business;
import io.campaignengine.publishing.domain.Connection;
import io.campaignengine.publishing.domain.OAuthState;
import io.campaignengine.publishing.events.EventFactory;
import io.campaignengine.publishing.repository.ConnectionRepository;
import io.campaignengine.publishing.repository.OAuthStateRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Meta connections: the OAuth dialog with a single-use state bound to user and business, the callback (code →
 * short-lived → long-lived user token; Page token, Instagram account and ad account discovered), refresh before expiry,
 * disconnect. Tokens are encrypted before they reach a row; they never reach a response, a log line or an event.
 */
@ApplicationScoped
public class ConnectionService {
    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    /** Tokens of a connection, decrypted, for one job; never logged. */
    public record Tokens(String user, String page) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    private final ConnectionRepository connections;
    private final OAuthStateRepository states;
    private final GraphClient graph;
    private final TokenCipher cipher;
    private final OutboxWriter outbox;
    private final Scope scope;
    private final PublishingConfig.Meta meta;
    private final SecureRandom random = new SecureRandom();

    public ConnectionService(ConnectionRepository connections, OAuthStateRepository states, GraphClient graph, TokenCipher cipher,
                             OutboxWriter outbox, Scope scope, PublishingConfig config) {
        this.connections = connections;
        this.states = states;
        this.graph = graph;
        this.cipher = cipher;
        this.outbox = outbox;
        this.scope = scope;
        this.meta = config.meta();
    }

    // ------------------------------------------------------------------ connect

    public Uni<Views.ConnectStart> start(CallerContext caller, String businessIdOrSlug) {
        String userId = caller.userId();
        String userName = caller.userName();
        return Panache.withTransaction(() -> scope.writableBusiness(caller, businessIdOrSlug).chain(b -> {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            String state = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            OAuthState s = new OAuthState();
            s.stateHash = sha256(state);
            s.businessId = b.id;
            s.userId = userId;
            s.userName = userName;
            s.createdAt = Instant.now();
            s.expiresAt = s.createdAt.plus(meta.stateTtl());
            return states.persist(s).map(x -> new Views.ConnectStart(graph.dialogUrl(state), state, s.expiresAt));
        }));
    }

    /**
     * The OAuth redirect. The state is consumed first, in its own transaction, so a second callback with the same
     * state fails even while the first is still talking to Meta.
     */
    public Uni<Connection> callback(String code, String state, String error, String errorDescription) {
        if (state == null || state.isBlank()) return Uni.createFrom().failure(ValidationProblem.of("state", "is required"));
        String hash = sha256(state);
        Instant now = Instant.now();
        Uni<OAuthState> consumed = Panache.withTransaction(() -> states.update("usedAt = :now where stateHash = :h and usedAt is null and expiresAt > :now",
                        Parameters.with("now", now).and("h", hash))
                .chain(n -> n == 0 ? Uni.createFrom().failure(ValidationProblem.of("state", "unknown, expired or already used"))
                        : states.findById(hash)));
        return consumed.chain(s -> {
            if (error != null) {
                return Uni.createFrom().failure(ValidationProblem.of("error", "Meta did not grant access: " + error
                        + (errorDescription == null ? "" : " (" + errorDescription + ")")));
            }
            if (code == null || code.isBlank()) return Uni.createFrom().failure(ValidationProblem.of("code", "is required"));
            return discover(code).onFailure(GraphError.class).transform(ConnectionService::problem)
                    .chain(d -> Panache.withTransaction(() -> store(s, d)));
        });
    }

    record Discovered(String userToken, long expiresIn, String userName, String pageId, String pageName, String pageToken,
                      String igId, String adAccountId, List<String> scopes) {
        @Override
        public String toString() {
            return "Discovered[page=" + pageId + ", ig=" + igId + ", ads=" + adAccountId + "]";
        }
    }

    private Uni<Discovered> discover(String code) {
        return graph.exchangeCode(code)
                .chain(shortLived -> graph.longLived(shortLived.path("access_token").asText()))
                .chain(longLived -> {
                    String token = longLived.path("access_token").asText();
                    long expiresIn = longLived.path("expires_in").asLong(0);
                    return graph.get("app", "me", Map.of("fields", "id,name"), token)
                            .chain(me -> graph.get("app", "me/accounts", Map.of("fields", "id,name,access_token,instagram_business_account"), token)
                                    .chain(pages -> graph.get("app", "me/adaccounts", Map.of("fields", "id,account_id,name"), token)
                                            .chain(ads -> graph.get("app", "me/permissions", Map.of(), token).map(perms -> {
                                                JsonNode page = GraphClient.data(pages).stream().findFirst().orElse(null);
                                                JsonNode ad = GraphClient.data(ads).stream().findFirst().orElse(null);
                                                List<String> scopes = new ArrayList<>();
                                                for (JsonNode p : GraphClient.data(perms)) {
                                                    if ("granted".equals(p.path("status").asText())) scopes.add(p.path("permission").asText());
                                                }
                                                return new Discovered(token, expiresIn, me.path("name").asText(null),
                                                        page == null ? null : page.path("id").asText(null),
                                                        page == null ? null : page.path("name").asText(null),
                                                        page == null ? null : page.path("access_token").asText(null),
                                                        page == null ? null : page.path("instagram_business_account").path("id").asText(null),
                                                        ad == null ? null : ad.path("id").asText(null), scopes);
                                            }))));
                });
    }

    private Uni<Connection> store(OAuthState s, Discovered d) {
        return connections.meta(s.businessId).chain(existing -> {
            Connection c = existing;
            String previous = null;
            if (c == null) {
                c = new Connection();
                c.id = UUID.randomUUID();
                c.businessId = s.businessId;
                c.createdAt = Instant.now();
            } else {
                previous = c.status;
            }
            c.status = Connection.CONNECTED;
            c.accountName = d.userName;
            c.pageId = d.pageId;
            c.pageName = d.pageName;
            c.instagramAccountId = d.igId;
            c.adAccountId = d.adAccountId;
            c.scopes = String.join(",", d.scopes);
            setTokens(c, d.userToken, d.pageToken);
            c.tokenExpiresAt = d.expiresIn > 0 ? Instant.now().plusSeconds(d.expiresIn) : null;
            c.tokenRefreshedAt = Instant.now();
            c.lastError = d.pageId == null ? "no Facebook Page was granted: posting is not possible" : null;
            c.connectedBy = s.userId;
            c.updatedAt = Instant.now();
            Connection row = c;
            String prev = previous;
            LOG.infof("business %s connected Meta: page %s, instagram %s, ad account %s", s.businessId, d.pageId, d.igId, d.adAccountId);
            return (existing == null ? connections.persist(row) : connections.persist(row))
                    .call(x -> outbox.publish(EventFactory.connectionChanged(row, prev, s.userId)))
                    .replaceWith(row);
        });
    }

    void setTokens(Connection c, String user, String page) {
        c.accessTokenEnc = cipher.encrypt(user, c.id + ":access");
        c.pageTokenEnc = cipher.encrypt(page, c.id + ":page");
        c.refreshTokenEnc = null; // Meta issues no refresh token: the long-lived token itself is re-exchanged
        c.tokenKeyId = cipher.currentKeyId();
    }

    public Tokens tokens(Connection c) {
        return new Tokens(cipher.decrypt(c.accessTokenEnc, c.id + ":access"), cipher.decrypt(c.pageTokenEnc, c.id + ":page"));
    }

    static ProblemException problem(Throwable t) {
        GraphError e = (GraphError) t;
        LOG.infof("Meta refused the OAuth exchange: %s %s", e.codeText(), e.getMessage());
        if (e.code == 100 || e.code == 101 || e.invalidToken()) {
            return ValidationProblem.of("code", "Meta refused the authorization code: " + e.getMessage());
        }
        return new ProblemException(502, "urn:campaign-engine:problem:meta-unavailable", "Meta is not available",
                "Meta answered " + e.codeText() + ": " + e.getMessage());
    }

    // ------------------------------------------------------------------ read, disconnect, refresh

    public Uni<List<Connection>> list(CallerContext caller, String businessIdOrSlug) {
        return Panache.withSession(() -> scope.business(caller, businessIdOrSlug).chain(b -> connections.ofBusiness(b.id)));
    }

    public Uni<Connection> disconnect(CallerContext caller, String businessIdOrSlug) {
        String user = caller.userId();
        return Panache.withSession(() -> scope.writableBusiness(caller, businessIdOrSlug).chain(b -> connections.meta(b.id)))
                .chain(c -> {
                    if (c == null) return Uni.createFrom().failure(NotFound.of("connection", "meta"));
                    Uni<Void> revoke = c.accessTokenEnc == null ? Uni.createFrom().voidItem()
                            : graph.delete("app", "me/permissions", tokens(c).user()).replaceWithVoid()
                            .onFailure().invoke(e -> LOG.warnf("revoking the Meta permissions of business %s failed: %s", c.businessId, e.getMessage()))
                            .onFailure().recoverWithNull().replaceWithVoid();
                    return revoke.chain(() -> Panache.withTransaction(() -> connections.findById(c.id).chain(row -> {
                        String prev = row.status;
                        row.status = Connection.DISCONNECTED;
                        row.accessTokenEnc = null;
                        row.pageTokenEnc = null;
                        row.refreshTokenEnc = null;
                        row.tokenExpiresAt = null;
                        row.lastError = null;
                        row.updatedAt = Instant.now();
                        return outbox.publish(EventFactory.connectionChanged(row, prev, user)).replaceWith(row);
                    })));
                });
    }

    /** Re-exchanges the long-lived user token (and reads the Page token again) of one connection. */
    public Uni<Connection> refresh(UUID connectionId, String by) {
        return Panache.withSession(() -> connections.findById(connectionId)).chain(c -> {
            if (c == null || c.accessTokenEnc == null) return Uni.createFrom().nullItem();
            Tokens t = tokens(c);
            return graph.longLived(t.user())
                    .chain(ll -> {
                        String token = ll.path("access_token").asText();
                        long expiresIn = ll.path("expires_in").asLong(0);
                        return graph.get("app", "me/accounts", Map.of("fields", "id,name,access_token"), token).map(pages -> {
                            String pageToken = t.page();
                            for (JsonNode p : GraphClient.data(pages)) {
                                if (p.path("id").asText().equals(c.pageId)) pageToken = p.path("access_token").asText(pageToken);
                            }
                            return new String[]{token, pageToken, Long.toString(expiresIn)};
                        });
                    })
                    .chain(r -> Panache.withTransaction(() -> connections.findById(connectionId).chain(row -> {
                        String prev = row.status;
                        setTokens(row, r[0], r[1]);
                        long exp = Long.parseLong(r[2]);
                        row.tokenExpiresAt = exp > 0 ? Instant.now().plusSeconds(exp) : null;
                        row.tokenRefreshedAt = Instant.now();
                        row.status = Connection.CONNECTED;
                        row.lastError = null;
                        row.updatedAt = Instant.now();
                        LOG.infof("Meta token of business %s refreshed (expires %s)", row.businessId, row.tokenExpiresAt);
                        return (Connection.CONNECTED.equals(prev) ? Uni.createFrom().voidItem()
                                : outbox.publish(EventFactory.connectionChanged(row, prev, by))).replaceWith(row);
                    })))
                    .onFailure(GraphError.class).recoverWithUni(e -> {
                        GraphError g = (GraphError) e;
                        if (!g.invalidToken()) return Uni.createFrom().failure(e);
                        return markInvalid(connectionId, g.readable(), by);
                    });
        });
    }

    /** Refreshes every token that expires within refresh-before. */
    public Uni<Integer> refreshDue() {
        return Panache.withSession(() -> connections.expiringBefore(Instant.now().plus(meta.refreshBefore())))
                .chain(list -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Connection c : list) {
                        chain = chain.chain(n -> refresh(c.id, "system:publishing-service").map(x -> n + 1)
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("refreshing the Meta token of business %s failed: %s", c.businessId, e.getMessage());
                                    return n;
                                }));
                    }
                    return chain;
                });
    }

    /** The token was refused by Meta (code 190): the connection is EXPIRED until the business connects again. */
    public Uni<Connection> markInvalid(UUID connectionId, String reason, String by) {
        return Panache.withTransaction(() -> markInvalidInTx(connectionId, reason, by));
    }

    /** Same, inside the caller's transaction. */
    public Uni<Connection> markInvalidInTx(UUID connectionId, String reason, String by) {
        return connections.findById(connectionId).chain(row -> {
            if (row == null || Connection.EXPIRED.equals(row.status)) return Uni.createFrom().item(row);
            String prev = row.status;
            row.status = Connection.EXPIRED;
            row.lastError = reason;
            row.updatedAt = Instant.now();
            LOG.warnf("Meta connection of business %s is no longer valid: %s", row.businessId, reason);
            return outbox.publish(EventFactory.connectionChanged(row, prev, by)).replaceWith(row);
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Duration refreshInterval() {
        return meta.refreshCheckInterval();
    }
}
