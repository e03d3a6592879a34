package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.CampaignAction;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.domain.Channel;
import io.campaignengine.playbook.domain.ContentKind;
import io.campaignengine.playbook.domain.PerformanceThresholds;
import io.campaignengine.playbook.domain.Playbook;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.campaignengine.playbook.domain.ScoreWeights;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;
import io.campaignengine.playbook.events.EventFactory;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.playbook.repository.BusinessRepository;
import io.campaignengine.playbook.repository.CampaignContentStore;
import io.campaignengine.playbook.repository.CampaignListQuery;
import io.campaignengine.playbook.repository.CampaignRepository;
import io.campaignengine.playbook.repository.PageResult;
import io.campaignengine.playbook.repository.PlaybookRepository;
import io.campaignengine.playbook.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Campaigns and their lifecycle (seed status machine, {@link CampaignAction}): draft → review → approved → setup →
 * live ⇄ paused → completed, failed from setup or live. Every transition is logged and emitted through the outbox.
 */
@ApplicationScoped
public class CampaignService {
    private final CampaignRepository campaigns;
    private final PlaybookRepository playbooks;
    private final BusinessRepository businesses;
    private final TaskRepository taskRepository;
    private final TaskService tasks;
    private final BusinessScope scope;
    private final OutboxWriter outbox;
    private final ActivityLog activity;
    private final CampaignContentStore content;
    private final CampaignListQuery listQuery;

    public CampaignService(CampaignRepository campaigns, PlaybookRepository playbooks, BusinessRepository businesses,
                           TaskRepository taskRepository, TaskService tasks, BusinessScope scope, OutboxWriter outbox,
                           ActivityLog activity, CampaignContentStore content, CampaignListQuery listQuery) {
        this.listQuery = listQuery;
        this.campaigns = campaigns;
        this.playbooks = playbooks;
        this.businesses = businesses;
        this.taskRepository = taskRepository;
        this.tasks = tasks;
        this.scope = scope;
        this.outbox = outbox;
        this.activity = activity;
        this.content = content;
    }

    /** No Hibernate session: the list has its own read path ({@link CampaignListQuery}). */
    public Uni<PageResult<CampaignView>> list(Caller caller, UUID businessId, CampaignStatus status, UUID playbookId, int page,
                                              int size) {
        if (caller.seesNothing()) {
            return Uni.createFrom().item(new PageResult<>(List.of(), page, size, 0));
        }
        return listQuery.page(caller.scope(), businessId, status, playbookId, page, size);
    }

    /** The version of a business's campaign list (null: not in the caller's scope, or no campaign yet): see CampaignListCache. */
    public Uni<Long> listVersion(Caller caller, UUID businessId) {
        if (caller.seesNothing()) {
            return Uni.createFrom().nullItem();
        }
        return listQuery.version(caller.scope(), businessId);
    }

    @WithSession
    public Uni<CampaignView> get(Caller caller, UUID id) {
        return find(caller, id).chain(this::view);
    }

    Uni<Campaign> find(Caller caller, UUID id) {
        return campaigns.findById(id).chain(c -> {
            if (c == null) {
                throw ApiProblem.notFound("campaign", id);
            }
            return scope.check(caller, c.businessId, "campaign", id).replaceWith(c);
        });
    }

    /** Row-locks and finds the campaign (404 when missing or out of scope). */
    private Uni<Campaign> findLocked(Caller caller, UUID id) {
        return campaigns.lock(id).chain(c -> {
            if (c == null) {
                throw ApiProblem.notFound("campaign", id);
            }
            return scope.check(caller, c.businessId, "campaign", id).replaceWith(c);
        });
    }

    private Uni<CampaignView> view(Campaign c) {
        return taskRepository.listByCampaign(c.id).map(t -> CampaignView.of(c, t));
    }

    // ------------------------------------------------------------------------------------------------ create / update

    @WithTransaction
    public Uni<CampaignView> create(Caller caller, CampaignInput in) {
        new Validation()
                .check(in.playbookId() != null, "playbookId", "must not be null")
                .check(in.name() != null && !in.name().isBlank(), "name", "must not be blank")
                .check(in.targetAudience() != null && !in.targetAudience().isBlank(), "targetAudience", "must not be blank")
                .throwIfAny();
        return activePlaybook(caller, in.playbookId()).chain(p -> businesses.findById(p.businessId).chain(b -> {
            Campaign c = new Campaign();
            c.id = UUID.randomUUID();
            c.businessId = p.businessId;
            c.status = CampaignStatus.DRAFT;
            c.currency = b.currency;
            c.targetMarkets = List.copyOf(b.targetMarkets);
            c.channels = List.of(Channel.FACEBOOK, Channel.INSTAGRAM);
            c.contentTypes = List.of(ContentKind.AD, ContentKind.ORGANIC_POST);
            c.createdBy = caller.name();
            c.createdAt = Instant.now();
            apply(c, p, in);
            return campaigns.persist(c)
                    .call(() -> activity.record(caller, c.businessId, c.id, "campaign_created", "campaign", c.id,
                            Details.of("name", c.name, "playbookId", c.playbookId, "playbookVersion", c.playbookVersion)))
                    .chain(this::view);
        }));
    }

    /** The playbook for a new campaign: in scope (else 404) and active (else 400 naming playbookId). */
    private Uni<Playbook> activePlaybook(Caller caller, UUID playbookId) {
        return playbooks.findById(playbookId).chain(p -> {
            if (p == null) {
                throw ApiProblem.invalid("playbookId", "playbook " + playbookId + " does not exist");
            }
            return scope.check(caller, p.businessId, "playbook", playbookId).map(x -> {
                if (p.status != PlaybookStatus.ACTIVE) {
                    throw ApiProblem.invalid("playbookId", "playbook " + playbookId + " is " + p.status.code()
                            + "; campaigns are created from the business's active playbook");
                }
                return p;
            });
        });
    }

    @WithTransaction
    public Uni<CampaignView> update(Caller caller, UUID id, CampaignInput in) {
        new Validation()
                .check(in.name() == null || !in.name().isBlank(), "name", "must not be blank")
                .check(in.targetAudience() == null || !in.targetAudience().isBlank(), "targetAudience", "must not be blank")
                .throwIfAny();
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.UPDATE);
            Uni<Playbook> playbook = in.playbookId() != null && !in.playbookId().equals(c.playbookId)
                    ? activePlaybook(caller, in.playbookId()).map(p -> {
                        if (!p.businessId.equals(c.businessId)) {
                            throw ApiProblem.invalid("playbookId", "playbook belongs to another business");
                        }
                        return p;
                    })
                    : playbooks.findById(c.playbookId);
            return playbook.chain(p -> {
                Map<String, Object> before = snapshot(c);
                apply(c, p, in);
                c.updatedAt = Instant.now();
                Map<String, Object> after = snapshot(c);
                List<String> changed = after.keySet().stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
                return campaigns.flush()
                        .call(() -> activity.record(caller, c.businessId, c.id, "campaign_updated", "campaign", c.id,
                                Map.of("changedFields", changed)))
                        .chain(() -> view(c));
            });
        });
    }

    private static Map<String, Object> snapshot(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("playbookId", c.playbookId);
        m.put("name", c.name);
        m.put("objective", c.objective);
        m.put("targetAudience", c.targetAudience);
        m.put("targetMarkets", c.targetMarkets);
        m.put("channels", c.channels);
        m.put("contentTypes", c.contentTypes);
        m.put("hookIds", c.hookIds);
        m.put("budgetDaily", c.budgetDaily);
        m.put("budgetTotal", c.budgetTotal);
        m.put("currency", c.currency);
        m.put("startDate", c.startDate);
        m.put("endDate", c.endDate);
        m.put("contentCountPerSegment", c.contentCountPerSegment);
        m.put("landingUrl", c.landingUrl);
        m.put("successMetrics", c.successMetrics);
        m.put("performanceThresholds", c.performanceThresholds);
        m.put("scoreWeights", c.scoreWeights);
        m.put("autoOptimize", c.autoOptimize);
        return m;
    }

    /** Applies the non-null fields of {@code in}; checks them against the playbook (400 naming the field). */
    private static void apply(Campaign c, Playbook p, CampaignInput in) {
        Validation v = new Validation();
        c.playbookId = p.id;
        c.playbookVersion = p.version;
        if (in.name() != null) {
            c.name = in.name().trim();
        }
        if (in.objective() != null) {
            c.objective = in.objective();
        }
        if (in.targetAudience() != null) {
            c.targetAudience = in.targetAudience();
        }
        if (c.targetAudience != null && p.segment(c.targetAudience).isEmpty()) {
            v.add("targetAudience", "'" + c.targetAudience + "' is not an audience segment of the playbook " + p.segmentIds());
        }
        if (in.targetMarkets() != null) {
            c.targetMarkets = List.copyOf(in.targetMarkets());
        }
        if (in.channels() != null) {
            c.channels = List.copyOf(new java.util.LinkedHashSet<>(in.channels()));
        }
        if (in.contentTypes() != null) {
            c.contentTypes = List.copyOf(new java.util.LinkedHashSet<>(in.contentTypes()));
        }
        if (in.hookIds() != null) {
            c.hookIds = List.copyOf(in.hookIds());
        }
        List<String> known = p.hookIds();
        for (int i = 0; i < c.hookIds.size(); i++) {
            if (!known.contains(c.hookIds.get(i))) {
                v.add("hookIds[" + i + "]", "'" + c.hookIds.get(i) + "' is not a hook of the playbook " + known);
            }
        }
        if (in.budgetDaily() != null) {
            c.budgetDaily = money(in.budgetDaily());
        }
        if (in.budgetTotal() != null) {
            c.budgetTotal = money(in.budgetTotal());
        }
        if (in.currency() != null) {
            c.currency = in.currency();
        }
        if (in.startDate() != null) {
            c.startDate = in.startDate();
        }
        if (in.endDate() != null) {
            c.endDate = in.endDate();
        }
        if (in.contentCountPerSegment() != null) {
            c.contentCountPerSegment = in.contentCountPerSegment();
        }
        if (in.landingUrl() != null) {
            c.landingUrl = in.landingUrl();
        }
        if (in.successMetrics() != null) {
            c.successMetrics = new LinkedHashMap<>(in.successMetrics());
        }
        if (in.performanceThresholds() != null) {
            c.performanceThresholds = in.performanceThresholds().withDefaults();
        }
        if (in.scoreWeights() != null) {
            c.scoreWeights = in.scoreWeights().withDefaults();
        }
        if (in.autoOptimize() != null) {
            c.autoOptimize = in.autoOptimize();
        }
        if (c.performanceThresholds == null) {
            c.performanceThresholds = PerformanceThresholds.defaults();
        }
        if (c.scoreWeights == null) {
            c.scoreWeights = ScoreWeights.defaults();
        }
        CampaignRules.check(v, c);
        v.throwIfAny();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private static void requireAllowed(Campaign c, CampaignAction action) {
        if (!action.allowedFrom(c.status)) {
            throw ApiProblem.invalidTransition("campaign", c.id, action.code(), c.status.code(), c.status.allowedActions());
        }
    }

    /** draft → review. */
    @WithTransaction
    public Uni<CampaignView> submit(Caller caller, UUID id) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.SUBMIT);
            return transition(caller, c, CampaignStatus.REVIEW, "campaign_submitted", Map.of());
        });
    }

    /**
     * (draft →) review → approved → setup: records who approved and when, creates the human and system tasks, emits
     * CampaignApproved (the full campaign with thresholds and score weights).
     */
    @WithTransaction
    public Uni<CampaignView> approve(Caller caller, UUID id) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.APPROVE);
            Uni<Void> review = c.status == CampaignStatus.DRAFT
                    ? transition(caller, c, CampaignStatus.REVIEW, "campaign_submitted", Map.of("automatic", true)).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return review.chain(() -> businesses.findById(c.businessId)).chain(b -> {
                Instant now = Instant.now();
                c.status = CampaignStatus.APPROVED;
                c.approvedAt = now;
                c.approvedBy = caller.name();
                if (c.startDate == null) {
                    c.startDate = LocalDate.now(ZoneId.of(b.timezone));
                }
                c.updatedAt = now;
                return campaigns.flush()
                        .call(() -> activity.record(caller, c.businessId, c.id, "campaign_approved", "campaign", c.id,
                                Details.of("approvedBy", c.approvedBy, "from", "review")))
                        .chain(() -> tasks.createForApproval(caller, c, b))
                        .chain(created -> {
                            c.humanTasks = created.stream().filter(t -> t.assignee == io.campaignengine.playbook.domain.Assignee.HUMAN)
                                    .map(t -> new Campaign.TaskRef(t.id, t.type, t.title)).toList();
                            c.aiTasks = created.stream().filter(t -> t.assignee == io.campaignengine.playbook.domain.Assignee.SYSTEM)
                                    .map(t -> new Campaign.TaskRef(t.id, t.type, t.title)).toList();
                            c.status = CampaignStatus.SETUP;
                            return campaigns.flush()
                                    .call(() -> outbox.publish(EventFactory.campaignApproved(c, caller)))
                                    .call(() -> activity.record(caller, c.businessId, c.id, "campaign_setup_started", "campaign",
                                            c.id, Details.of("from", "approved", "to", "setup", "tasks", created.size())));
                        })
                        .chain(() -> view(c));
            });
        });
    }

    /** setup → live, only when every task is completed (else 409 listing the open tasks). */
    @WithTransaction
    public Uni<CampaignView> launch(Caller caller, UUID id) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.LAUNCH);
            return taskRepository.listByCampaign(c.id).chain(all -> {
                List<Task> open = all.stream().filter(t -> t.status != TaskStatus.COMPLETED).toList();
                if (!open.isEmpty()) {
                    Map<String, Object> ext = new LinkedHashMap<>();
                    ext.put("currentStatus", c.status.code());
                    ext.put("allowedActions", c.status.allowedActions());
                    ext.put("openTasks", open.stream().map(t -> Map.of("id", t.id, "type", t.type, "title", t.title,
                            "assignee", t.assignee.code(), "status", t.status.code())).toList());
                    throw ApiProblem.conflict("campaign " + id + " cannot launch: " + open.size() + " task(s) still open ("
                            + String.join(", ", open.stream().map(t -> t.type + "=" + t.status.code()).toList()) + ")", ext);
                }
                c.launchedAt = Instant.now();
                return content.contentIds(c.id).chain(contentIds -> transition(caller, c, CampaignStatus.LIVE, "campaign_launched",
                        Map.of()).call(() -> outbox.publish(EventFactory.campaignLaunched(c, contentIds, caller))));
            });
        });
    }

    /** live → paused. */
    @WithTransaction
    public Uni<CampaignView> pause(Caller caller, UUID id, String reason) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.PAUSE);
            return transition(caller, c, CampaignStatus.PAUSED, "campaign_paused", Details.of("reason", reason))
                    .call(() -> outbox.publish(EventFactory.campaignPaused(c, reason, caller)));
        });
    }

    /** paused → live. */
    @WithTransaction
    public Uni<CampaignView> resume(Caller caller, UUID id, String note) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.RESUME);
            return transition(caller, c, CampaignStatus.LIVE, "campaign_resumed", Details.of("note", note))
                    .call(() -> outbox.publish(EventFactory.campaignResumed(c, note, caller)));
        });
    }

    /** live | paused → completed. */
    @WithTransaction
    public Uni<CampaignView> complete(Caller caller, UUID id, String summary) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.COMPLETE);
            c.completedAt = Instant.now();
            return transition(caller, c, CampaignStatus.COMPLETED, "campaign_completed", Details.of("summary", summary))
                    .call(() -> outbox.publish(EventFactory.campaignCompleted(c, summary, caller)));
        });
    }

    /** setup | live → failed. */
    @WithTransaction
    public Uni<CampaignView> fail(Caller caller, UUID id, String reason) {
        new Validation().check(reason != null && !reason.isBlank(), "reason", "must not be blank").throwIfAny();
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.FAIL);
            c.failedAt = Instant.now();
            c.failureReason = reason;
            return transition(caller, c, CampaignStatus.FAILED, "campaign_failed", Details.of("reason", reason))
                    .call(() -> outbox.publish(EventFactory.campaignFailed(c, caller)));
        });
    }

    /** Changes the budget of an approved campaign (setup, live, paused) and emits CampaignBudgetChanged. */
    @WithTransaction
    public Uni<CampaignView> changeBudget(Caller caller, UUID id, BigDecimal daily, BigDecimal total, String reason) {
        new Validation().check(daily != null || total != null, "budgetDaily", "budgetDaily or budgetTotal is required").throwIfAny();
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.BUDGET);
            BigDecimal prevDaily = c.budgetDaily;
            BigDecimal prevTotal = c.budgetTotal;
            if (daily != null) {
                c.budgetDaily = money(daily);
            }
            if (total != null) {
                c.budgetTotal = money(total);
            }
            Validation v = new Validation();
            CampaignRules.check(v, c);
            v.throwIfAny();
            if (Objects.equals(prevDaily, c.budgetDaily) && Objects.equals(prevTotal, c.budgetTotal)) {
                return view(c);
            }
            c.updatedAt = Instant.now();
            return campaigns.flush()
                    .call(() -> outbox.publish(EventFactory.budgetChanged(c, prevDaily, prevTotal, reason, caller)))
                    .call(() -> activity.record(caller, c.businessId, c.id, "campaign_budget_changed", "campaign", c.id,
                            Details.of("previousBudgetDaily", prevDaily, "budgetDaily", c.budgetDaily,
                                    "previousBudgetTotal", prevTotal, "budgetTotal", c.budgetTotal, "reason", reason)))
                    .chain(() -> view(c));
        });
    }

    /** Deletes a campaign that was never approved (draft or review). */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return findLocked(caller, id).chain(c -> {
            requireAllowed(c, CampaignAction.DELETE);
            return campaigns.delete(c).call(() -> activity.record(caller, c.businessId, null, "campaign_deleted", "campaign",
                    c.id, Details.of("name", c.name)));
        });
    }

    /** Amounts always with two decimals (numeric(10,2)), so that JSON shows the same value before and after a reload. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private Uni<CampaignView> transition(Caller caller, Campaign c, CampaignStatus to, String action, Map<String, Object> details) {
        CampaignStatus from = c.status;
        c.status = to;
        c.updatedAt = Instant.now();
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("from", from.code());
        d.put("to", to.code());
        return campaigns.flush()
                .call(() -> activity.record(caller, c.businessId, c.id, action, "campaign", c.id, d))
                .chain(() -> view(c));
    }
}
