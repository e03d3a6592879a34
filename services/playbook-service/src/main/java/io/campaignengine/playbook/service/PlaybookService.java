package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.Playbook;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.campaignengine.playbook.domain.Tone;
import io.campaignengine.playbook.domain.VisualDirection;
import io.campaignengine.playbook.events.EventFactory;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.playbook.repository.CampaignRepository;
import io.campaignengine.playbook.repository.PageResult;
import io.campaignengine.playbook.repository.PlaybookRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Playbooks: versioned, one active per business. Updating an active playbook creates a new (active) version and
 * archives the old one; activating archives the business's previous active playbook. Emits PlaybookActivated
 * (full snapshot) and PlaybookArchived.
 */
@ApplicationScoped
public class PlaybookService {
    private final PlaybookRepository playbooks;
    private final CampaignRepository campaigns;
    private final BusinessScope scope;
    private final OutboxWriter outbox;
    private final ActivityLog activity;
    private final PlaybookGenerator generator;

    public PlaybookService(PlaybookRepository playbooks, CampaignRepository campaigns, BusinessScope scope,
                           OutboxWriter outbox, ActivityLog activity, PlaybookGenerator generator) {
        this.playbooks = playbooks;
        this.campaigns = campaigns;
        this.scope = scope;
        this.outbox = outbox;
        this.activity = activity;
        this.generator = generator;
    }

    @WithSession
    public Uni<PageResult<Playbook>> list(Caller caller, UUID businessId, PlaybookStatus status, boolean allVersions,
                                          int page, int size) {
        if (caller.seesNothing()) {
            return Uni.createFrom().item(new PageResult<>(List.of(), page, size, 0));
        }
        return playbooks.page(caller.scope(), businessId, status, allVersions, page, size);
    }

    @WithSession
    public Uni<Playbook> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** Every version of the playbook, newest first. */
    @WithSession
    public Uni<List<Playbook>> versions(Caller caller, UUID id) {
        return find(caller, id).chain(p -> playbooks.versions(p.lineageId));
    }

    Uni<Playbook> find(Caller caller, UUID id) {
        return playbooks.findById(id).chain(p -> {
            if (p == null) {
                throw ApiProblem.notFound("playbook", id);
            }
            return scope.check(caller, p.businessId, "playbook", id).replaceWith(p);
        });
    }

    @WithTransaction
    public Uni<Playbook> create(Caller caller, PlaybookInput in) {
        return create(caller, in, "manual");
    }

    Uni<Playbook> create(Caller caller, PlaybookInput in, String generatedBy) {
        Validation v = new Validation()
                .check(in.businessId() != null, "businessId", "must not be null")
                .check(in.name() != null && !in.name().isBlank(), "name", "must not be blank");
        v.throwIfAny();
        return scope.require(caller, in.businessId()).chain(business -> {
            Playbook p = new Playbook();
            p.id = UUID.randomUUID();
            p.lineageId = p.id;
            p.businessId = business.id;
            p.version = 1;
            p.status = PlaybookStatus.DRAFT;
            p.createdBy = caller.name();
            p.createdAt = Instant.now();
            p.generatedBy = generatedBy;
            apply(p, in);
            return playbooks.persist(p)
                    .call(() -> activity.record(caller, p.businessId, null, "playbook_created", "playbook", p.id,
                            Details.of("name", p.name, "version", p.version, "generatedBy", generatedBy)));
        });
    }

    /**
     * A draft is changed in place; an active playbook gets a new active version (the old one is archived and stays
     * readable); an archived version cannot be changed (409).
     */
    @WithTransaction
    public Uni<Playbook> update(Caller caller, UUID id, PlaybookInput in) {
        new Validation().check(in.name() == null || !in.name().isBlank(), "name", "must not be blank").throwIfAny();
        return find(caller, id).chain(p -> {
            if (in.businessId() != null && !in.businessId().equals(p.businessId)) {
                throw ApiProblem.invalid("businessId", "a playbook cannot move to another business");
            }
            switch (p.status) {
                case DRAFT -> {
                    apply(p, in);
                    p.updatedAt = Instant.now();
                    return playbooks.flush()
                            .call(() -> activity.record(caller, p.businessId, null, "playbook_updated", "playbook", p.id,
                                    Details.of("version", p.version)))
                            .replaceWith(p);
                }
                case ACTIVE -> {
                    return newActiveVersion(caller, p, in);
                }
                default -> throw ApiProblem.invalidTransition("playbook", id, "update", p.status.code(), p.status.allowedActions());
            }
        });
    }

    private Uni<Playbook> newActiveVersion(Caller caller, Playbook current, PlaybookInput in) {
        Playbook next = copy(current);
        apply(next, in);
        checkActivatable(next);
        return playbooks.latestVersion(current.lineageId).chain(latest -> {
            next.version = latest + 1;
            Instant now = Instant.now();
            current.status = PlaybookStatus.ARCHIVED;
            current.archivedAt = now;
            current.updatedAt = now;
            next.status = PlaybookStatus.ACTIVE;
            next.activatedAt = now;
            next.activatedBy = caller.name();
            next.createdBy = caller.name();
            next.createdAt = now;
            // archive first: at most one active playbook per business (partial unique index)
            return playbooks.flush()
                    .chain(() -> playbooks.persist(next))
                    .call(playbooks::flush)
                    .call(() -> outbox.publish(EventFactory.playbookArchived(current, next.id, "new version " + next.version, caller)))
                    .call(() -> outbox.publish(EventFactory.playbookActivated(next, current.id, caller)))
                    .call(() -> activity.record(caller, next.businessId, null, "playbook_version_created", "playbook", next.id,
                            Details.of("version", next.version, "previousId", current.id, "previousVersion", current.version)));
        });
    }

    /** Makes the playbook the business's active one; the previously active playbook is archived. */
    @WithTransaction
    public Uni<Playbook> activate(Caller caller, UUID id) {
        return find(caller, id).chain(p -> {
            if (p.status == PlaybookStatus.ACTIVE) {
                throw ApiProblem.invalidTransition("playbook", id, "activate", p.status.code(), p.status.allowedActions());
            }
            checkActivatable(p);
            return playbooks.findActive(p.businessId).chain(previous -> {
                Instant now = Instant.now();
                Uni<Void> archive = Uni.createFrom().voidItem();
                if (previous != null) {
                    previous.status = PlaybookStatus.ARCHIVED;
                    previous.archivedAt = now;
                    previous.updatedAt = now;
                    archive = playbooks.flush()
                            .call(() -> outbox.publish(EventFactory.playbookArchived(previous, p.id, "superseded", caller)))
                            .call(() -> activity.record(caller, previous.businessId, null, "playbook_archived", "playbook",
                                    previous.id, Details.of("version", previous.version, "supersededBy", p.id)));
                }
                return archive.chain(() -> {
                    p.status = PlaybookStatus.ACTIVE;
                    p.activatedAt = now;
                    p.activatedBy = caller.name();
                    p.archivedAt = null;
                    p.updatedAt = now;
                    return playbooks.flush()
                            .call(() -> outbox.publish(EventFactory.playbookActivated(p, previous == null ? null : previous.id, caller)))
                            .call(() -> activity.record(caller, p.businessId, null, "playbook_activated", "playbook", p.id,
                                    Details.of("version", p.version, "previousId", previous == null ? null : previous.id)))
                            .replaceWith(p);
                });
            });
        });
    }

    /** Drafts a playbook from a brief (AI when configured, else the offline generator) and stores it as a draft. */
    public Uni<Playbook> generate(Caller caller, PlaybookBrief brief) {
        return Panache.withSession(() -> scope.require(caller, brief.businessId()))
                .chain(business -> generator.generate(business, brief))
                .chain(draft -> Panache.withTransaction(() -> create(caller, draft.input(), draft.generatedBy())));
    }

    /** Deletes a draft playbook that no campaign uses. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return find(caller, id).chain(p -> {
            if (p.status != PlaybookStatus.DRAFT) {
                throw ApiProblem.invalidTransition("playbook", id, "delete", p.status.code(), p.status.allowedActions());
            }
            return campaigns.countByPlaybook(p.id).chain(n -> {
                if (n > 0) {
                    throw ApiProblem.conflict("playbook " + id + " is used by " + n + " campaign(s)", Map.of("campaigns", n));
                }
                return playbooks.delete(p).call(() -> activity.record(caller, p.businessId, null, "playbook_deleted",
                        "playbook", p.id, Details.of("name", p.name, "version", p.version)));
            });
        });
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** A playbook content-service can work from: positioning, at least one audience and one hook. */
    static void checkActivatable(Playbook p) {
        new Validation()
                .check(p.positioning != null && !p.positioning.isBlank(), "positioning", "must not be blank to activate")
                .check(!p.audiences.isEmpty(), "audiences", "at least one audience segment is needed to activate")
                .check(!p.hooks.isEmpty(), "hooks", "at least one hook is needed to activate")
                .throwIfAny();
    }

    /** Applies the non-null fields of {@code in}, validating references between sections (400 naming the field). */
    static void apply(Playbook p, PlaybookInput in) {
        Validation v = new Validation();
        if (in.name() != null) {
            p.name = in.name().trim();
        }
        if (in.positioning() != null) {
            p.positioning = in.positioning();
        }
        if (in.founderStory() != null) {
            p.founderStory = in.founderStory();
        }
        if (in.audiences() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < in.audiences().size(); i++) {
                AudienceSegment a = in.audiences().get(i);
                v.check(seen.add(a.id()), "audiences[" + i + "].id", "duplicate segment id '" + a.id() + "'");
            }
            p.audiences = List.copyOf(in.audiences());
        }
        Set<String> segments = new HashSet<>(p.segmentIds());
        if (in.keyMessages() != null) {
            Map<String, List<String>> km = new LinkedHashMap<>();
            in.keyMessages().forEach((segment, messages) -> {
                v.check(segments.contains(segment), "keyMessages." + segment, "is not an audience segment of the playbook " + segments);
                v.check(messages != null && messages.stream().allMatch(m -> m != null && !m.isBlank()), "keyMessages." + segment,
                        "messages must not be blank");
                km.put(segment, messages == null ? List.of() : List.copyOf(messages));
            });
            p.keyMessages = km;
        }
        if (in.objectionHandlers() != null) {
            for (int i = 0; i < in.objectionHandlers().size(); i++) {
                ObjectionHandler o = in.objectionHandlers().get(i);
                checkSegments(v, "objectionHandlers[" + i + "].segmentIds", o.segmentIds(), segments);
            }
            p.objectionHandlers = List.copyOf(in.objectionHandlers());
        }
        if (in.hooks() != null) {
            Set<String> ids = new HashSet<>();
            in.hooks().stream().map(Hook::id).filter(java.util.Objects::nonNull).forEach(ids::add);
            List<Hook> hooks = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int n = 0;
            for (int i = 0; i < in.hooks().size(); i++) {
                Hook h = in.hooks().get(i);
                if (h.id() == null) {
                    String gen;
                    do {
                        gen = "h" + (++n);
                    } while (ids.contains(gen));
                    ids.add(gen);
                    h = h.withId(gen);
                }
                v.check(seen.add(h.id()), "hooks[" + i + "].id", "duplicate hook id '" + h.id() + "'");
                checkSegments(v, "hooks[" + i + "].segmentIds", h.segmentIds(), segments);
                hooks.add(h);
            }
            p.hooks = List.copyOf(hooks);
        }
        if (in.callsToAction() != null) {
            for (int i = 0; i < in.callsToAction().size(); i++) {
                checkSegments(v, "callsToAction[" + i + "].segmentIds", in.callsToAction().get(i).segmentIds(), segments);
            }
            p.callsToAction = List.copyOf(in.callsToAction());
        }
        if (in.visualDirection() != null) {
            p.visualDirection = in.visualDirection();
        }
        if (in.tone() != null) {
            p.tone = in.tone();
        }
        if (in.content() != null) {
            p.content = new LinkedHashMap<>(in.content());
        }
        // sections kept from before must still refer to existing segments
        if (in.audiences() != null && in.keyMessages() == null) {
            p.keyMessages.keySet().forEach(s -> v.check(segments.contains(s), "keyMessages." + s,
                    "refers to a removed audience segment"));
        }
        v.throwIfAny();
    }

    private static void checkSegments(Validation v, String field, List<String> ids, Set<String> segments) {
        for (String s : ids) {
            v.check(segments.contains(s), field, "'" + s + "' is not an audience segment of the playbook " + segments);
        }
    }

    private static Playbook copy(Playbook src) {
        Playbook p = new Playbook();
        p.id = UUID.randomUUID();
        p.businessId = src.businessId;
        p.lineageId = src.lineageId;
        p.name = src.name;
        p.positioning = src.positioning;
        p.founderStory = src.founderStory;
        p.audiences = src.audiences;
        p.keyMessages = src.keyMessages;
        p.objectionHandlers = src.objectionHandlers;
        p.hooks = src.hooks;
        p.callsToAction = src.callsToAction;
        p.visualDirection = src.visualDirection == null ? VisualDirection.empty() : src.visualDirection;
        p.tone = src.tone == null ? Tone.empty() : src.tone;
        p.content = src.content;
        p.generatedBy = src.generatedBy;
        return p;
    }
}
