package io.campaignengine.publishing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.publishing.client.GraphClient;
import io.campaignengine.publishing.client.GraphError;
import io.campaignengine.publishing.config.PublishingConfig;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Connection;
import io.campaignengine.publishing.domain.Content;
import io.campaignengine.publishing.domain.Post;
import io.campaignengine.publishing.events.EventFactory;
import io.campaignengine.publishing.repository.CampaignRepository;
import io.campaignengine.publishing.repository.ConnectionRepository;
import io.campaignengine.publishing.repository.ContentRepository;
import io.campaignengine.publishing.repository.PostRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Publishes due posts through the Graph API. Durable and safe with several instances: due rows are claimed with
 * {@code for update skip locked} and a lease. Never posts twice: before every call that creates something on Meta the
 * step and an attempt key are committed; after it the platform id is committed. A post claimed again with a step
 * still open (its instance died between the call and the record) is first reconciled against Meta (the page feed, the
 * container's status and the account's media, ad objects by their name {@code ce:<post id>:...}) instead of posting again.
 */
@ApplicationScoped
public class Publisher {
    private static final Logger LOG = Logger.getLogger(Publisher.class);

    /** What one run of a post ended with. */
    sealed interface Outcome permits Done, Defer, Fail {
    }

    /** Published; {@code changes} (the platform ids) are written in the same transaction as the status and PostPublished. */
    record Done(Consumer<Post> changes) implements Outcome {
        Done() {
            this(x -> {
            });
        }
    }

    /** Try again at {@code until}; {@code error} set when an attempt failed (counted). */
    record Defer(Instant until, String note, GraphError error) implements Outcome {
    }

    record Fail(String code, String message, boolean tokenInvalid) implements Outcome {
    }

    /** Everything a run needs, loaded once. */
    record Job(Post post, Content content, Campaign campaign, Connection connection, ConnectionService.Tokens tokens) {
    }

    private final Vertx vertx;
    private final PostRepository posts;
    private final ContentRepository contents;
    private final CampaignRepository campaigns;
    private final ConnectionRepository connections;
    private final ConnectionService connectionService;
    private final GraphClient graph;
    private final UsageGovernor governor;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final PublishingConfig.Scheduler config;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private long timer = -1;
    private long refreshTimer = -1;

    public Publisher(Vertx vertx, PostRepository posts, ContentRepository contents, CampaignRepository campaigns, ConnectionRepository connections,
                     ConnectionService connectionService, GraphClient graph, UsageGovernor governor, OutboxWriter outbox, ObjectMapper mapper,
                     PublishingConfig config) {
        this.vertx = vertx;
        this.posts = posts;
        this.contents = contents;
        this.campaigns = campaigns;
        this.connections = connections;
        this.connectionService = connectionService;
        this.graph = graph;
        this.governor = governor;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config.scheduler();
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) return;
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> kick());
        refreshTimer = vertx.setPeriodic(connectionService.refreshInterval().toMillis(), id -> {
            if (!stopping) Contexts.onNewContext(vertx, connectionService::refreshDue).subscribe().with(n -> {
            }, e -> LOG.warnf("token refresh: %s", e.getMessage()));
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        stopping = true;
        if (timer >= 0) vertx.cancelTimer(timer);
        if (refreshTimer >= 0) vertx.cancelTimer(refreshTimer);
    }

    /** Runs one poll unless one is running. */
    public void kick() {
        if (stopping || !running.compareAndSet(false, true)) return;
        Contexts.onNewContext(vertx, this::drain).subscribe().with(n -> {
            running.set(false);
            if (n >= config.batchSize() && !stopping) vertx.runOnContext(v -> kick());
        }, e -> {
            running.set(false);
            LOG.warnf("publisher poll: %s", e.getMessage());
        });
    }

    Uni<Integer> drain() {
        return claimAndPublish().map(List::size);
    }

    /**
     * One round of this instance's claim loop: claims up to a batch of due posts and publishes them; returns the ids
     * it claimed. Public so that a test can run several claim loops against the same database at once, as several
     * instances would.
     */
    public Uni<List<UUID>> claimAndPublish() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> posts.claimDue(now, config.batchSize(), now.plus(config.lease())))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(ids)
                        : Multi.createFrom().iterable(ids)
                        .onItem().transformToUni(id -> Contexts.onNewContext(vertx, () -> process(id))
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("post %s: %s", id, e.getMessage());
                                    return null;
                                }))
                        .merge(config.concurrency()).collect().asList().replaceWith(ids));
    }

    /** {@link #claimAndPublish()} on a Vert.x context of its own (what the timer does), for callers off the event loop. */
    public Uni<List<UUID>> claimAndPublishOnNewContext() {
        return Contexts.onNewContext(vertx, this::claimAndPublish);
    }

    // ================================================================== one post

    Uni<Void> process(UUID postId) {
        return Panache.withSession(() -> posts.findById(postId).chain(p -> {
            if (p == null || !Post.PUBLISHING.equals(p.status)) return Uni.createFrom().nullItem();
            // the campaign row is needed for ads only (its Marketing API campaign, landing URL): one query less per organic post
            Uni<Campaign> campaign = p.isAd() ? campaigns.findById(p.campaignId) : Uni.createFrom().nullItem();
            return contents.findById(p.contentId).chain(ct -> campaign.chain(c -> connections.meta(p.businessId)
                    .map(conn -> new Job(p, ct, c, conn, conn == null || conn.accessTokenEnc == null ? null : connectionService.tokens(conn)))));
        })).chain(job -> {
            if (job == null) return Uni.createFrom().voidItem();
            Uni<Outcome> outcome;
            if (job.connection == null || !Connection.CONNECTED.equals(job.connection.status) || job.tokens == null) {
                outcome = Uni.createFrom().item(new Fail("not_connected", "the business has no working Meta connection (connect Meta first)", false));
            } else if (job.content == null) {
                outcome = Uni.createFrom().item(new Fail("no_content", "the content of this post is unknown", false));
            } else {
                String key = usageKey(job);
                Duration wait = governor.acquire(key);
                if (!wait.isZero()) {
                    outcome = Uni.createFrom().item(new Defer(Instant.now().plus(wait), "spacing calls: Meta usage near its limit", null));
                } else {
                    outcome = perform(job).onFailure(GraphError.class).recoverWithItem(e -> fromError(job, key, (GraphError) e));
                }
            }
            return outcome.chain(o -> apply(job, o));
        });
    }

    static String usageKey(Job job) {
        if (job.post.isAd()) return "ads:" + job.connection.adAccountId;
        return job.post.platform.equals("INSTAGRAM") ? "ig:" + job.connection.instagramAccountId : "page:" + job.connection.pageId;
    }

    Outcome fromError(Job job, String key, GraphError e) {
        if (e.code == 9 && e.subcode != null && e.subcode == 2207042) {
            // Instagram's 50 posts per 24 h are used up (another writer beat the quota check): wait for the window
            return new Defer(Instant.now().plus(Duration.ofHours(1)), "Instagram publishing limit reached", null);
        }
        if (e.throttled()) {
            Instant until = governor.throttled(key, e.regainMinutes);
            return new Defer(until, "Meta rate limit (" + e.codeText() + "): waiting", null);
        }
        if (e.invalidToken()) return new Fail(e.codeText(), e.readable(), true);
        if (!e.retryable()) return new Fail(e.codeText(), e.readable(), false);
        int attempt = job.post.attempts + 1;
        if (attempt >= config.maxAttempts()) {
            return new Fail(e.codeText(), "gave up after " + attempt + " attempts: " + e.readable(), false);
        }
        return new Defer(Instant.now().plus(UsageGovernor.jitter(governor.backoff(attempt))), null, e);
    }

    Uni<Outcome> perform(Job job) {
        Post p = job.post;
        if (p.isAd()) return ad(job);
        if (p.platformPostId != null) return Uni.createFrom().item(new Done());
        return p.platform.equals("INSTAGRAM") ? instagram(job) : facebook(job);
    }

    // ------------------------------------------------------------------ Facebook Page feed

    Uni<Outcome> facebook(Job job) {
        Post p = job.post;
        String page = job.connection.pageId;
        String message = PostText.message(mapper, job.content, "FACEBOOK");
        String link = PostText.link(mapper, job.content, "FACEBOOK");
        String image = job.content.imageUrl;
        Uni<Boolean> reconciled = "feed".equals(p.attemptStep) ? reconcileFeed(job, message) : Uni.createFrom().item(false);
        return reconciled.chain(found -> {
            if (found) return Uni.createFrom().item((Outcome) new Done());
            Map<String, String> form = new LinkedHashMap<>();
            String edge;
            if (image != null && !image.isBlank()) {
                edge = page + "/photos";
                form.put("url", image);
                form.put("caption", link == null || message.contains(link) ? message : message + "\n\n" + link);
            } else {
                edge = page + "/feed";
                form.put("message", message);
                if (link != null) form.put("link", link);
            }
            return step(p, "feed")
                    .chain(() -> call("page:" + page, () -> graph.post("page:" + page, edge, form, job.tokens.page())))
                    .map(r -> {
                        // recorded with the status (one transaction less per post); a crash before it is reconciled (step "feed")
                        String id = r.hasNonNull("post_id") ? r.path("post_id").asText() : r.path("id").asText();
                        return (Outcome) new Done(x -> {
                            x.platformPostId = id;
                            x.permalink = "https://www.facebook.com/" + id;
                            x.attemptStep = null;
                        });
                    });
        });
    }

    /** After a crash during the feed call: is the post on the Page already? Matched by its message. */
    Uni<Boolean> reconcileFeed(Job job, String message) {
        String page = job.connection.pageId;
        return call("page:" + page, () -> graph.get("page:" + page, page + "/feed", Map.of("fields", "id,message,created_time", "limit", "100"), job.tokens.page()))
                .chain(r -> {
                    for (JsonNode n : GraphClient.data(r)) {
                        String m = n.path("message").asText("");
                        if (m.equals(message) || m.startsWith(message)) {
                            String id = n.path("id").asText();
                            LOG.infof("post %s: found on the Page after a crash (%s): not posting again", job.post.id, id);
                            return record(job.post, x -> {
                                x.platformPostId = id;
                                x.permalink = "https://www.facebook.com/" + id;
                                x.attemptStep = null;
                            }).replaceWith(true);
                        }
                    }
                    return Uni.createFrom().item(false);
                });
    }

    // ------------------------------------------------------------------ Instagram: container → status → media_publish

    Uni<Outcome> instagram(Job job) {
        Post p = job.post;
        String ig = job.connection.instagramAccountId;
        String key = "ig:" + ig;
        String token = job.tokens.user();
        if (ig == null) return Uni.createFrom().item(new Fail("no_instagram", "the Meta connection has no Instagram business account", false));
        if (job.content.imageUrl == null) return Uni.createFrom().item(new Fail("no_image", "an Instagram post needs an image", false));
        String caption = PostText.message(mapper, job.content, "INSTAGRAM");
        if (p.containerId == null) {
            return call(key, () -> graph.get(key, ig + "/content_publishing_limit", Map.of("fields", "quota_usage,config"), token)).chain(lim -> {
                JsonNode row = GraphClient.data(lim).stream().findFirst().orElse(mapper.createObjectNode());
                int used = row.path("quota_usage").asInt(0);
                int total = row.path("config").path("quota_total").asInt(50);
                if (used >= total) {
                    LOG.infof("post %s: Instagram account %s used its publishing quota (%d/%d in 24 h): waiting an hour", p.id, ig, used, total);
                    return Uni.createFrom().item((Outcome) new Defer(Instant.now().plus(Duration.ofHours(1)),
                            "Instagram publishing limit reached (" + used + "/" + total + " in 24 h)", null));
                }
                return call(key, () -> graph.post(key, ig + "/media", Map.of("image_url", job.content.imageUrl, "caption", caption), token))
                        .chain(r -> record(p, x -> x.containerId = r.path("id").asText()))
                        .replaceWith((Outcome) new Defer(Instant.now().plus(config.instagramPoll()), "container created, processing", null));
            });
        }
        return call(key, () -> graph.get(key, p.containerId, Map.of("fields", "status_code,status"), token)).chain(st -> {
            String code = st.path("status_code").asText("IN_PROGRESS");
            return switch (code) {
                case "FINISHED" -> step(p, "ig_publish")
                        .chain(() -> call(key, () -> graph.post(key, ig + "/media_publish", Map.of("creation_id", p.containerId), token)))
                        .chain(r -> permalink(key, r.path("id").asText(), token))
                        .map(pl -> (Outcome) new Done(x -> {
                            x.platformPostId = pl[0];
                            x.permalink = pl[1];
                            x.attemptStep = null;
                        }));
                case "PUBLISHED" -> reconcileInstagram(job, caption);
                case "ERROR" -> Uni.createFrom().item((Outcome) new Fail("container_error", "Instagram could not use the image: " + st.path("status").asText(""), false));
                case "EXPIRED" -> record(p, x -> x.containerId = null).replaceWith((Outcome) new Defer(Instant.now(), "container expired: creating a new one", null));
                default -> Uni.createFrom().item((Outcome) new Defer(Instant.now().plus(config.instagramPoll()), "container " + code, null));
            };
        });
    }

    Uni<String[]> permalink(String key, String mediaId, String token) {
        return call(key, () -> graph.get(key, mediaId, Map.of("fields", "id,permalink"), token))
                .map(m -> new String[]{mediaId, m.path("permalink").asText(null)})
                .onFailure().recoverWithItem(new String[]{mediaId, null});
    }

    /** The container was published (by a run that crashed before recording): find the media by its caption. */
    Uni<Outcome> reconcileInstagram(Job job, String caption) {
        String ig = job.connection.instagramAccountId;
        String key = "ig:" + ig;
        return call(key, () -> graph.get(key, ig + "/media", Map.of("fields", "id,caption,permalink", "limit", "50"), job.tokens.user())).chain(r -> {
            for (JsonNode n : GraphClient.data(r)) {
                if (caption.equals(n.path("caption").asText())) {
                    String id = n.path("id").asText();
                    LOG.infof("post %s: Instagram media %s already published: not publishing again", job.post.id, id);
                    return record(job.post, x -> {
                        x.platformPostId = id;
                        x.permalink = n.path("permalink").asText(null);
                        x.attemptStep = null;
                    }).replaceWith((Outcome) new Done());
                }
            }
            return Uni.createFrom().item((Outcome) new Fail("reconcile", "the container is published but its media was not found", false));
        });
    }

    // ------------------------------------------------------------------ ads: campaign → ad set (daily budget) → creative → ad

    Uni<Outcome> ad(Job job) {
        Post p = job.post;
        Connection conn = job.connection;
        if (conn.adAccountId == null) return Uni.createFrom().item(new Fail("no_ad_account", "the Meta connection has no ad account", false));
        if (p.adId != null) return Uni.createFrom().item(new Done());
        String act = conn.adAccountId;
        String key = "ads:" + act;
        String token = job.tokens.user();
        return metaCampaign(job, key, token)
                .chain(metaCampaignId -> p.adSetId != null ? Uni.createFrom().item(p.adSetId)
                        : create(job, "adset", key, act + "/adsets", name(p, "adset"), () -> {
                            Map<String, String> f = new LinkedHashMap<>();
                            f.put("name", name(p, "adset"));
                            f.put("campaign_id", metaCampaignId);
                            f.put("daily_budget", Long.toString(p.budgetDailyMinor == null ? 100 : p.budgetDailyMinor));
                            f.put("billing_event", "IMPRESSIONS");
                            f.put("optimization_goal", "LINK_CLICKS");
                            f.put("bid_strategy", "LOWEST_COST_WITHOUT_CAP");
                            f.put("targeting", p.targeting == null ? "{\"geo_locations\":{\"countries\":[\"US\"]}}" : p.targeting);
                            f.put("status", "ACTIVE");
                            return f;
                        }, id -> x -> x.adSetId = id))
                .chain(adSetId -> p.creativeId != null ? Uni.createFrom().item(p.creativeId)
                        : create(job, "creative", key, act + "/adcreatives", name(p, "creative"), () -> {
                            String link = PostText.link(mapper, job.content, p.platform);
                            Map<String, Object> ld = new LinkedHashMap<>();
                            ld.put("link", link == null ? job.campaign.landingUrl : link);
                            ld.put("message", PostText.message(mapper, job.content, p.platform));
                            if (job.content.headline != null) ld.put("name", job.content.headline);
                            if (job.content.imageUrl != null) ld.put("picture", job.content.imageUrl);
                            ld.put("call_to_action", Map.of("type", "LEARN_MORE", "value", Map.of("link", ld.get("link") == null ? "" : ld.get("link"))));
                            Map<String, String> f = new LinkedHashMap<>();
                            f.put("name", name(p, "creative"));
                            f.put("object_story_spec", graph.json(Map.of("page_id", conn.pageId, "link_data", ld)));
                            return f;
                        }, id -> x -> x.creativeId = id))
                .chain(creativeId -> create(job, "ad", key, act + "/ads", name(p, "ad"), () -> {
                    Map<String, String> f = new LinkedHashMap<>();
                    f.put("name", name(p, "ad"));
                    f.put("adset_id", p.adSetId);
                    f.put("creative", graph.json(Map.of("creative_id", creativeId)));
                    f.put("status", "ACTIVE");
                    return f;
                }, id -> x -> {
                    x.adId = id;
                    x.platformPostId = id;
                }))
                .replaceWith((Outcome) new Done());
    }

    static String name(Post p, String what) {
        return "ce:" + p.id + ":" + what;
    }

    /** One Marketing API campaign per campaign, created once: the campaign row is locked while it is created. */
    Uni<String> metaCampaign(Job job, String key, String token) {
        if (job.campaign.metaCampaignId != null) return Uni.createFrom().item(job.campaign.metaCampaignId);
        String act = job.connection.adAccountId;
        String name = "ce:" + job.campaign.id;
        return Panache.withTransaction(() -> campaigns.findById(job.campaign.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).chain(c -> {
            if (c.metaCampaignId != null) return Uni.createFrom().item(c.metaCampaignId);
            return findByName(key, act + "/campaigns", name, token).chain(found -> found != null ? Uni.createFrom().item(found)
                    : call(key, () -> graph.post(key, act + "/campaigns", Map.of("name", name, "objective", objective(c.objective),
                    "status", "ACTIVE", "special_ad_categories", "[]", "buying_type", "AUCTION"), token)).map(r -> r.path("id").asText()))
                    .invoke(id -> c.metaCampaignId = id);
        }));
    }

    static String objective(String ours) {
        return switch (ours) {
            case "AWARENESS" -> "OUTCOME_AWARENESS";
            case "ENGAGEMENT", "EVENT_PROMOTION", "RE_ENGAGEMENT" -> "OUTCOME_ENGAGEMENT";
            case "LEAD_GENERATION", "TRIALS", "REFERRAL" -> "OUTCOME_LEADS";
            case "SALES", "UPSELL", "RETENTION" -> "OUTCOME_SALES";
            case "APP_INSTALLS" -> "OUTCOME_APP_PROMOTION";
            default -> "OUTCOME_TRAFFIC";
        };
    }

    /** Creates one ad object, or after a crash finds the one a previous run created (by its name). */
    Uni<String> create(Job job, String stepName, String key, String edge, String name, java.util.function.Supplier<Map<String, String>> form,
                       java.util.function.Function<String, Consumer<Post>> store) {
        Post p = job.post;
        String token = job.tokens.user();
        Uni<String> existing = stepName.equals(p.attemptStep) ? findByName(key, edge, name, token) : Uni.createFrom().nullItem();
        return existing.chain(found -> {
            if (found != null) {
                LOG.infof("post %s: %s %s already created before a crash: reusing it", p.id, stepName, found);
                return Uni.createFrom().item(found);
            }
            return step(p, stepName).chain(() -> call(key, () -> graph.post(key, edge, form.get(), token))).map(r -> r.path("id").asText());
        }).call(id -> record(p, x -> {
            store.apply(id).accept(x);
            x.attemptStep = null;
        }));
    }

    Uni<String> findByName(String key, String edge, String name, String token) {
        return call(key, () -> graph.get(key, edge, Map.of("fields", "id,name", "limit", "500"), token)).map(r -> {
            for (JsonNode n : GraphClient.data(r)) if (name.equals(n.path("name").asText())) return n.path("id").asText();
            return null;
        });
    }

    // ------------------------------------------------------------------ bookkeeping

    <T> Uni<T> call(String key, java.util.function.Supplier<Uni<T>> c) {
        governor.calling(key);
        return c.get();
    }

    /** Commits the step about to be called (and its attempt key) BEFORE calling. */
    Uni<Void> step(Post p, String name) {
        return record(p, x -> {
            x.attemptStep = name;
            x.attemptKey = UUID.randomUUID();
            x.attemptStartedAt = Instant.now();
        });
    }

    /** Applies a change to the row (own transaction) and to the job's copy. */
    Uni<Void> record(Post p, Consumer<Post> change) {
        change.accept(p);
        return Panache.withTransaction(() -> posts.findById(p.id).invoke(row -> {
            change.accept(row);
            row.updatedAt = Instant.now();
        })).replaceWithVoid();
    }

    Uni<Void> apply(Job job, Outcome o) {
        UUID id = job.post.id;
        return Panache.withTransaction(() -> posts.findById(id).chain(row -> {
            Instant now = Instant.now();
            row.claimedUntil = null;
            row.updatedAt = now;
            boolean stillOurs = Post.PUBLISHING.equals(row.status);
            switch (o) {
                case Done d -> {
                    d.changes().accept(row);
                    row.attempts++;
                    row.attemptStep = null;
                    row.postedAt = now;
                    row.errorCode = null;
                    row.errorMessage = null;
                    row.publishNow = false;
                    if (stillOurs) row.status = Post.POSTED;
                    LOG.infof("post %s published on %s: %s", row.id, row.platform, row.platformPostId);
                    return outbox.publish(EventFactory.published(row));
                }
                case Defer d -> {
                    if (stillOurs) row.status = Post.SCHEDULED;
                    row.nextAttemptAt = d.until();
                    if (d.error() == null) {
                        if (d.note() != null) LOG.debugf("post %s: %s (until %s)", row.id, d.note(), d.until());
                        return Uni.createFrom().voidItem();
                    }
                    row.attempts++;
                    row.errorCode = d.error().codeText();
                    row.errorMessage = d.error().readable();
                    LOG.infof("post %s: attempt %d failed (%s), next at %s", row.id, row.attempts, row.errorMessage, d.until());
                    return outbox.publish(EventFactory.failed(row, row.errorCode, row.errorMessage, true, d.until()));
                }
                case Fail f -> {
                    row.attempts++;
                    if (stillOurs) row.status = Post.FAILED;
                    row.errorCode = f.code();
                    row.errorMessage = f.message();
                    row.nextAttemptAt = null;
                    LOG.warnf("post %s failed for good: %s", row.id, f.message());
                    Uni<Void> ev = outbox.publish(EventFactory.failed(row, f.code(), f.message(), false, null));
                    return f.tokenInvalid() && job.connection != null
                            ? ev.chain(() -> connectionService.markInvalidInTx(job.connection.id, f.message(), "system:publishing-service")).replaceWithVoid()
                            : ev;
                }
            }
        }));
    }
}
