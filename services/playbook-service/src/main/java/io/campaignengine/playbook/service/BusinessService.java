package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.domain.TaskType;
import io.campaignengine.playbook.events.EventFactory;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.playbook.repository.BusinessRepository;
import io.campaignengine.playbook.repository.CampaignRepository;
import io.campaignengine.playbook.repository.PageResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Businesses (tenants): CRUD, Meta accounts; emits BusinessCreated / BusinessUpdated. */
@ApplicationScoped
public class BusinessService {
    private final BusinessRepository businesses;
    private final CampaignRepository campaigns;
    private final BusinessScope scope;
    private final OutboxWriter outbox;
    private final ActivityLog activity;
    private final TaskService tasks;

    public BusinessService(BusinessRepository businesses, CampaignRepository campaigns, BusinessScope scope,
                           OutboxWriter outbox, ActivityLog activity, TaskService tasks) {
        this.businesses = businesses;
        this.campaigns = campaigns;
        this.scope = scope;
        this.outbox = outbox;
        this.activity = activity;
        this.tasks = tasks;
    }

    @WithSession
    public Uni<PageResult<Business>> list(Caller caller, int page, int size) {
        return caller.seesNothing() ? Uni.createFrom().item(new PageResult<>(List.of(), page, size, 0))
                : businesses.pageBySlugs(caller.scope(), page, size);
    }

    /** By id, or by slug when {@code idOrSlug} is not a UUID. */
    @WithSession
    public Uni<Business> get(Caller caller, String idOrSlug) {
        return resolve(caller, idOrSlug);
    }

    Uni<Business> resolve(Caller caller, String idOrSlug) {
        UUID id = parseUuid(idOrSlug);
        if (id != null) {
            return scope.require(caller, id);
        }
        return businesses.findBySlug(idOrSlug).map(b -> {
            if (b == null || !caller.canSee(b.slug)) {
                throw ApiProblem.notFound("business", idOrSlug);
            }
            return b;
        });
    }

    /**
     * Creates a business. Its slug must be one of the caller's businesses (the identity provider's group for the
     * business comes first), else 403; a slug that exists already is a 409.
     */
    @WithTransaction
    public Uni<Business> create(Caller caller, BusinessInput in) {
        Validation v = new Validation()
                .check(in.name() != null && !in.name().isBlank(), "name", "must not be blank")
                .check(in.slug() != null && !in.slug().isBlank(), "slug", "must not be blank");
        checkTimezone(v, in.timezone());
        v.throwIfAny();
        if (!caller.canSee(in.slug())) {
            throw ApiProblem.forbidden("business '" + in.slug() + "' is not in your scope (token claim 'businesses')");
        }
        return businesses.findBySlug(in.slug()).chain(existing -> {
            if (existing != null) {
                throw ApiProblem.conflict("a business with slug '" + in.slug() + "' exists already",
                        Map.of("field", "slug", "existingId", existing.id));
            }
            Business b = new Business();
            b.id = UUID.randomUUID();
            b.slug = in.slug();
            b.createdBy = caller.name();
            b.createdAt = Instant.now();
            apply(b, in);
            return businesses.persist(b)
                    .call(() -> outbox.publish(EventFactory.businessCreated(b, caller)))
                    .call(() -> activity.record(caller, b.id, null, "business_created", "business", b.id,
                            Details.of("slug", b.slug, "name", b.name)));
        });
    }

    @WithTransaction
    public Uni<Business> update(Caller caller, String idOrSlug, BusinessInput in) {
        Validation v = new Validation();
        checkTimezone(v, in.timezone());
        v.check(in.name() == null || !in.name().isBlank(), "name", "must not be blank");
        v.throwIfAny();
        return resolve(caller, idOrSlug).chain(b -> {
            if (in.slug() != null && !in.slug().equals(b.slug)) {
                throw ApiProblem.invalid("slug", "cannot be changed (was '" + b.slug + "')");
            }
            List<String> changed = apply(b, in);
            if (changed.isEmpty()) {
                return Uni.createFrom().item(b);
            }
            b.updatedAt = Instant.now();
            return businesses.flush()
                    .call(() -> outbox.publish(EventFactory.businessUpdated(b, changed, caller)))
                    .call(() -> activity.record(caller, b.id, null, "business_updated", "business", b.id,
                            Details.of("changedFields", changed)))
                    .replaceWith(b);
        });
    }

    /** Sets the Meta accounts (seed: POST /api/businesses/:id/connect-meta); completes open connect_meta tasks. */
    @WithTransaction
    public Uni<Business> connectMeta(Caller caller, String idOrSlug, MetaAccounts accounts) {
        return resolve(caller, idOrSlug).chain(b -> setMetaAccounts(caller, b, accounts.metaPageId(), accounts.metaInstagramId(),
                accounts.metaAdAccountId(), accounts.pixelId(), "business_meta_connected"));
    }

    /** In the caller's transaction: applies non-null Meta ids, emits BusinessUpdated, completes connect_meta tasks. */
    Uni<Business> setMetaAccounts(Caller caller, Business b, String pageId, String igId, String adAccountId, String pixelId,
                                  String action) {
        BusinessInput in = new BusinessInput(null, null, null, null, null, pageId, igId, adAccountId, pixelId, null, null, null, null);
        List<String> changed = apply(b, in);
        Uni<Void> emit = Uni.createFrom().voidItem();
        if (!changed.isEmpty()) {
            b.updatedAt = Instant.now();
            emit = businesses.flush()
                    .call(() -> outbox.publish(EventFactory.businessUpdated(b, changed, caller)))
                    .call(() -> activity.record(caller, b.id, null, action, "business", b.id, Details.of("changedFields", changed)));
        }
        return emit.chain(() -> b.hasMetaAccounts()
                        ? tasks.completeOpenOfBusiness(caller, b.id, TaskType.CONNECT_META, "Meta accounts connected")
                        : Uni.createFrom().voidItem())
                .replaceWith(b);
    }

    /** Deletes a business with everything it owns; 409 while one of its campaigns is live or paused. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String idOrSlug) {
        return resolve(caller, idOrSlug).chain(b -> campaigns.findByBusinessAndStatuses(b.id,
                List.of(CampaignStatus.LIVE, CampaignStatus.PAUSED)).chain(running -> {
            if (!running.isEmpty()) {
                throw ApiProblem.conflict("business '" + b.slug + "' has " + running.size()
                        + " live or paused campaign(s); complete them first", Map.of("campaigns",
                        running.stream().map(c -> Map.of("id", c.id, "name", c.name, "status", c.status.code())).toList()));
            }
            return businesses.delete(b)
                    .call(() -> activity.record(caller, null, null, "business_deleted", "business", b.id,
                            Details.of("slug", b.slug, "name", b.name)))
                    .invoke(() -> scope.forget(b.id));
        }));
    }

    /** Applies the non-null fields; returns the names of the fields that changed. */
    private static List<String> apply(Business b, BusinessInput in) {
        List<String> changed = new ArrayList<>();
        if (in.name() != null && !in.name().equals(b.name)) {
            b.name = in.name().trim();
            changed.add("name");
        }
        if (in.description() != null && !in.description().equals(b.description)) {
            b.description = in.description();
            changed.add("description");
        }
        if (in.websiteUrl() != null && !in.websiteUrl().equals(b.websiteUrl)) {
            b.websiteUrl = in.websiteUrl();
            changed.add("websiteUrl");
        }
        if (in.brandColors() != null && !in.brandColors().equals(b.brandColors)) {
            b.brandColors = Map.copyOf(in.brandColors());
            changed.add("brandColors");
        }
        if (in.metaPageId() != null && !in.metaPageId().equals(b.metaPageId)) {
            b.metaPageId = in.metaPageId();
            changed.add("metaPageId");
        }
        if (in.metaInstagramId() != null && !in.metaInstagramId().equals(b.metaInstagramId)) {
            b.metaInstagramId = in.metaInstagramId();
            changed.add("metaInstagramId");
        }
        if (in.metaAdAccountId() != null && !in.metaAdAccountId().equals(b.metaAdAccountId)) {
            b.metaAdAccountId = in.metaAdAccountId();
            changed.add("metaAdAccountId");
        }
        if (in.pixelId() != null && !in.pixelId().equals(b.pixelId)) {
            b.pixelId = in.pixelId();
            changed.add("pixelId");
        }
        if (in.currency() != null && !in.currency().equals(b.currency)) {
            b.currency = in.currency();
            changed.add("currency");
        }
        if (in.timezone() != null && !in.timezone().equals(b.timezone)) {
            b.timezone = in.timezone();
            changed.add("timezone");
        }
        if (in.targetMarkets() != null && !in.targetMarkets().equals(b.targetMarkets)) {
            b.targetMarkets = List.copyOf(in.targetMarkets());
            changed.add("targetMarkets");
        }
        if (in.settings() != null && !Objects.equals(in.settings(), b.settings)) {
            b.settings = Map.copyOf(in.settings());
            changed.add("settings");
        }
        return changed;
    }

    private static void checkTimezone(Validation v, String tz) {
        if (tz != null) {
            try {
                ZoneId.of(tz);
            } catch (DateTimeException e) {
                v.add("timezone", "'" + tz + "' is not an IANA time zone");
            }
        }
    }

    static UUID parseUuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** For the campaign service: the business of a campaign, in scope. */
    Uni<Business> of(Campaign c) {
        return businesses.findById(c.businessId);
    }
}
