package io.campaignengine.content.service;

import io.campaignengine.content.domain.CampaignCopy;
import io.campaignengine.content.domain.Content;
import io.campaignengine.content.domain.GenerationJob;
import io.campaignengine.content.domain.PlaybookCopy;
import io.campaignengine.content.domain.PlaybookSnapshot;
import io.campaignengine.content.domain.TokenUsage;
import io.campaignengine.content.events.ContentEvents;
import io.campaignengine.content.repository.CampaignRepository;
import io.campaignengine.content.repository.ContentRepository;
import io.campaignengine.content.repository.JobRepository;
import io.campaignengine.content.repository.PlaybookRepository;
import io.campaignengine.content.repository.UsageRepository;
import io.campaignengine.kit.correlation.CorrelationContext;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Generation jobs: created in the transaction of their trigger (CampaignApproved, VariantsRequested, POST generate),
 * then run by {@link JobRunner}: (1) load the campaign and playbook copies and check the AI budget, (2) run the
 * {@link Engine} (on a worker for network providers: no transaction is held while a model thinks), (3) store the
 * pieces with ContentGenerated (+ ContentApproved when auto-approved) and ContentBatchCompleted, in one transaction.
 */
@ApplicationScoped
public class GenerationService {
    private static final Logger LOG = Logger.getLogger(GenerationService.class);
    public static final String AUTO_APPROVER = "system:auto-approval";

    private final JobRepository jobs;
    private final CampaignRepository campaigns;
    private final PlaybookRepository playbooks;
    private final ContentRepository contents;
    private final UsageRepository usage;
    private final Budgets budgets;
    private final OutboxWriter outbox;
    private final Providers providers;
    private final int maxWaitAttempts;
    private final Duration waitDelay;
    private final int maxPerSegment;

    public GenerationService(JobRepository jobs, CampaignRepository campaigns, PlaybookRepository playbooks, ContentRepository contents,
                             UsageRepository usage, Budgets budgets, OutboxWriter outbox, Providers providers,
                             @ConfigProperty(name = "campaign-engine.content.playbook-wait-attempts", defaultValue = "30") int maxWaitAttempts,
                             @ConfigProperty(name = "campaign-engine.content.playbook-wait-delay", defaultValue = "PT2S") Duration waitDelay,
                             @ConfigProperty(name = "campaign-engine.content.max-per-segment", defaultValue = "100") int maxPerSegment) {
        this.jobs = jobs;
        this.campaigns = campaigns;
        this.playbooks = playbooks;
        this.contents = contents;
        this.usage = usage;
        this.budgets = budgets;
        this.outbox = outbox;
        this.providers = providers;
        this.maxWaitAttempts = maxWaitAttempts;
        this.waitDelay = waitDelay;
        this.maxPerSegment = maxPerSegment;
    }

    public int maxPerSegment() {
        return maxPerSegment;
    }

    /** A queued job (call inside the trigger's transaction). */
    public Uni<GenerationJob> enqueue(CampaignCopy campaign, String trigger, int countPerSegment, List<String> hooks, List<String> segments,
                                      Map<String, Object> extra, String createdBy) {
        List<String> segs = segments == null || segments.isEmpty() ? campaign.snapshot.segmentIds() : segments;
        GenerationJob job = new GenerationJob();
        job.id = UUID.randomUUID();
        job.businessId = campaign.businessId;
        job.campaignId = campaign.id;
        job.trigger = trigger;
        job.status = GenerationJob.QUEUED;
        job.requested = Math.max(0, countPerSegment) * Math.max(1, segs.size());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("countPerSegment", countPerSegment);
        params.put("segments", segs);
        params.put("hooks", hooks == null ? List.of() : hooks);
        if (extra != null) {
            extra.forEach((k, v) -> {
                if (v != null) {
                    params.put(k, v);
                }
            });
        }
        // the job runs later, off this context: keep the flow's correlation and the triggering event as causation
        params.put("correlationId", CorrelationContext.correlationIdOrNew());
        CorrelationContext.causationId().ifPresent(c -> params.put("causationId", c));
        job.params = params;
        try {
            job.provider = providers.current().name();
            job.model = providers.current().model();
        } catch (RuntimeException e) {
            // a misconfigured provider fails the job when it runs (with the reason), not the trigger's transaction
            job.provider = providers.configured();
        }
        job.createdBy = createdBy;
        job.createdAt = Instant.now();
        return jobs.persist(job);
    }

    /** What step 1 loaded for the engine. */
    record Prepared(GenerationJob job, CampaignCopy campaign, PlaybookSnapshot playbook, List<String[]> existing, Set<String> tried) {
    }

    /** Runs one claimed job to its end (completed or failed); never fails itself. */
    public Uni<Void> process(UUID jobId) {
        Context ctx = Vertx.currentContext();
        long start = System.nanoTime();
        return Uni.createFrom().item(providers::current).chain(provider -> run(jobId, ctx, provider, start))
                .onFailure().recoverWithUni(e -> {
                    String msg = e instanceof BudgetExceededException b ? b.detail()
                            : "generation failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    if (!(e instanceof BudgetExceededException)) {
                        LOG.errorf(e, "generation job %s failed", jobId);
                    }
                    return Panache.withTransaction(() -> fail(jobId, msg)).replaceWithVoid()
                            .onFailure().invoke(e2 -> LOG.errorf(e2, "could not record the failure of job %s", jobId))
                            .onFailure().recoverWithNull().replaceWithVoid();
                });
    }

    Uni<Void> run(UUID jobId, Context ctx, VariationProvider provider, long start) {
        return Panache.withTransaction(() -> prepare(jobId, provider)
                        .invoke(p -> {
                            if (p != null) {
                                CorrelationContext.begin(p.job().textParam("correlationId"), p.job().textParam("causationId"));
                            }
                        }))
                .chain(prepared -> {
                    if (prepared == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Engine.Input input = input(prepared);
                    Engine engine = new Engine(provider);
                    Uni<Engine.Output> run = provider.blocking()
                            ? Uni.createFrom().completionStage(() -> ctx.executeBlocking(() -> engine.run(input), false).toCompletionStage())
                            : Uni.createFrom().item(() -> engine.run(input));
                    return run.chain(out -> Panache.withTransaction(() -> store(prepared, provider, out)))
                            .invoke(job -> LOG.infof("generation job %s (%s, %s) %s: %d generated, %d rejected, %d failed in %d ms", job.id,
                                    job.trigger, provider.name(), job.status, job.generated, job.rejected, job.failed,
                                    (System.nanoTime() - start) / 1_000_000))
                            .replaceWithVoid();
                });
    }

    Uni<Prepared> prepare(UUID jobId, VariationProvider provider) {
        return jobs.findById(jobId).chain(job -> {
            if (job == null || job.terminal()) {
                return Uni.createFrom().nullItem();
            }
            if (job.campaignId == null) {
                return fail(job, "job has no campaign").replaceWith((Prepared) null);
            }
            return campaigns.findById(job.campaignId).chain(campaign -> {
                if (campaign == null) {
                    return waitOrFail(job, "campaign " + job.campaignId + " is not known to content-service (no CampaignApproved yet)");
                }
                return playbookOf(campaign).chain(pb -> {
                    if (pb == null) {
                        return waitOrFail(job, "no active playbook of business " + campaign.businessId
                                + " is known to content-service (no PlaybookActivated yet)");
                    }
                    Uni<Void> budget = provider.cost(1000, 1000) > 0 ? budgets.check(job.businessId) : Uni.createFrom().voidItem();
                    return budget.chain(() -> contents.texts(campaign.id))
                            .chain(existing -> contents.hooksUsed(campaign.id)
                                    .map(tried -> new Prepared(job, campaign, pb.snapshot, existing, tried)));
                });
            });
        });
    }

    Uni<PlaybookCopy> playbookOf(CampaignCopy campaign) {
        return playbooks.findById(campaign.playbookId)
                .chain(p -> p != null ? Uni.createFrom().item(p) : playbooks.activeFor(campaign.businessId));
    }

    /** The campaign or playbook copy may still be on its way (other topics): retry later, then give up clearly. */
    Uni<Prepared> waitOrFail(GenerationJob job, String why) {
        if (job.attempts >= maxWaitAttempts) {
            return fail(job, why).replaceWith((Prepared) null);
        }
        job.status = GenerationJob.QUEUED;
        job.notBefore = Instant.now().plus(waitDelay);
        job.error = "waiting: " + why;
        return Uni.createFrom().nullItem();
    }

    Engine.Input input(Prepared p) {
        GenerationJob job = p.job();
        String seedText = job.campaignId + "/" + job.trigger + "/" + p.existing().size();
        long seed = "campaign_approved".equals(job.trigger) ? job.campaignId.getMostSignificantBits() : seedText.hashCode();
        return new Engine.Input(p.playbook(), p.campaign().snapshot, job.listParam("segments"), job.listParam("hooks"),
                job.intParam("countPerSegment", 1), seed, job.textParam("guidance"), p.existing(), p.tried());
    }

    Uni<GenerationJob> store(Prepared prepared, VariationProvider provider, Engine.Output out) {
        UUID jobId = prepared.job().id;
        CampaignCopy campaign = prepared.campaign();
        PlaybookSnapshot pb = prepared.playbook();
        return jobs.findById(jobId).chain(job -> {
            if (job.terminal()) {
                return Uni.createFrom().item(job);
            }
            String decision = job.textParam("decisionId");
            UUID decisionId = decision == null ? null : UUID.fromString(decision);
            String base = job.textParam("baseContentId");
            UUID parent = base == null ? null : UUID.fromString(base);
            boolean autoApprove = !Set.of("completed", "failed").contains(campaign.status);
            List<Content> pieces = new ArrayList<>();
            for (Engine.Piece piece : out.pieces()) {
                pieces.add(toContent(piece, job, campaign, provider, parent));
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Content c : pieces) {
                boolean approve = autoApprove && c.scoreBrandVoice.doubleValue() >= campaign.qualityFloor
                        && c.scoreClarity.doubleValue() >= campaign.qualityFloor && c.scoreHookAlignment.doubleValue() >= campaign.qualityFloor;
                if (approve) {
                    c.status = "approved";
                    c.autoApproved = true;
                    c.approvedBy = AUTO_APPROVER;
                    c.approvedAt = c.createdAt;
                }
                chain = chain.chain(() -> contents.persist(c)).replaceWithVoid()
                        .chain(() -> outbox.publish(ContentEvents.generated(c, pb.playbookId(), pb.version(), decisionId)))
                        .chain(() -> approve ? outbox.publish(ContentEvents.approved(c)) : Uni.createFrom().voidItem());
            }
            job.contentIds = new ArrayList<>(pieces.stream().map(c -> c.id).toList());
            job.generated = pieces.size();
            job.rejected = (int) out.rejections().stream().filter(r -> !"malformed_output".equals(r.reason())
                    && !"provider_error".equals(r.reason())).count();
            job.failed = out.failed();
            job.rejections = new ArrayList<>(out.rejections().stream().map(Engine.Rejection::toMap).toList());
            job.inputTokens = out.inputTokens();
            job.outputTokens = out.outputTokens();
            job.costUsd = BigDecimal.valueOf(provider.cost(out.inputTokens(), out.outputTokens())).setScale(6, RoundingMode.HALF_UP);
            job.provider = provider.name();
            job.model = provider.model();
            job.finishedAt = Instant.now();
            job.notBefore = null;
            if (pieces.isEmpty()) {
                job.status = GenerationJob.FAILED;
                job.error = out.errors().isEmpty() ? "no variation survived validation and de-duplication" : String.join("; ", out.errors());
            } else {
                job.status = GenerationJob.COMPLETED;
                job.error = out.errors().isEmpty() ? null : String.join("; ", out.errors());
            }
            Set<String> hooksUsed = new LinkedHashSet<>();
            out.pieces().forEach(p -> hooksUsed.add(p.hook().id()));
            List<String> segments = job.listParam("segments");
            Uni<Void> usageRow = out.inputTokens() + out.outputTokens() == 0 && provider.cost(1, 1) == 0 ? Uni.createFrom().voidItem()
                    : usage.persist(usage(job)).replaceWithVoid();
            return chain.chain(() -> usageRow)
                    .chain(() -> outbox.publish(ContentEvents.batchCompleted(job, segments, List.copyOf(hooksUsed))))
                    .replaceWith(job);
        });
    }

    static TokenUsage usage(GenerationJob job) {
        TokenUsage u = new TokenUsage();
        u.id = UUID.randomUUID();
        u.businessId = job.businessId;
        u.jobId = job.id;
        u.provider = job.provider;
        u.model = job.model;
        u.inputTokens = job.inputTokens;
        u.outputTokens = job.outputTokens;
        u.costUsd = job.costUsd;
        u.month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        u.createdAt = Instant.now();
        return u;
    }

    static Content toContent(Engine.Piece p, GenerationJob job, CampaignCopy campaign, VariationProvider provider, UUID parent) {
        Content c = new Content();
        c.id = p.id();
        c.businessId = job.businessId;
        c.campaignId = campaign.id;
        c.jobId = job.id;
        c.parentId = parent;
        c.type = p.contentType();
        c.status = "generated";
        c.headline = p.draft().headline();
        c.body = p.draft().body();
        c.ctaText = p.draft().ctaText();
        c.ctaUrl = p.ctaUrl();
        c.trackedUrl = p.trackedUrl();
        c.utmParams = p.utm();
        c.platformVariants = p.variants();
        c.hookSource = p.hook().id();
        c.hookText = p.hook().text();
        c.audienceSegment = p.segment();
        c.emotions = p.tags().emotions();
        c.themes = p.tags().themes();
        c.keywords = p.tags().keywords();
        c.scoreBrandVoice = BigDecimal.valueOf(p.scores().brandVoice()).setScale(2, RoundingMode.HALF_UP);
        c.scoreClarity = BigDecimal.valueOf(p.scores().clarity()).setScale(2, RoundingMode.HALF_UP);
        c.scoreHookAlignment = BigDecimal.valueOf(p.scores().hookAlignment()).setScale(2, RoundingMode.HALF_UP);
        c.scoreOverall = BigDecimal.valueOf(p.scores().overall()).setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("provider", p.provider());
        meta.put("model", p.model());
        meta.put("promptVersion", Prompts.VERSION);
        if (p.temperature() != null) {
            meta.put("temperature", p.temperature());
        }
        meta.put("inputTokens", p.inputTokens());
        meta.put("outputTokens", p.outputTokens());
        meta.put("variationIndex", p.variationIndex());
        meta.put("trigger", job.trigger);
        meta.put("qualityFloor", campaign.qualityFloor);
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("brandVoice", Map.of("score", p.scores().brandVoice(), "reasons", p.scores().brandVoiceReasons()));
        scores.put("clarity", Map.of("score", p.scores().clarity(), "reasons", p.scores().clarityReasons()));
        scores.put("hookAlignment", Map.of("score", p.scores().hookAlignment(), "reasons", p.scores().hookAlignmentReasons()));
        scores.put("overall", p.scores().overall());
        meta.put("scores", scores);
        c.generationMetadata = meta;
        c.createdAt = Instant.now();
        return c;
    }

    Uni<GenerationJob> fail(UUID jobId, String message) {
        return jobs.findById(jobId).chain(job -> job == null || job.terminal() ? Uni.createFrom().item(job) : fail(job, message));
    }

    Uni<GenerationJob> fail(GenerationJob job, String message) {
        job.status = GenerationJob.FAILED;
        job.error = message;
        job.finishedAt = Instant.now();
        job.notBefore = null;
        job.failed = Math.max(job.failed, job.requested - job.generated);
        return outbox.publish(ContentEvents.batchCompleted(job, job.listParam("segments"), job.listParam("hooks"))).replaceWith(job);
    }
}
