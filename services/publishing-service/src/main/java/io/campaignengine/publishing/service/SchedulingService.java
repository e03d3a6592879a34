package io.campaignengine.publishing.service;

import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.publishing.config.PublishingConfig;
import io.campaignengine.publishing.domain.Business;
import io.campaignengine.publishing.domain.Campaign;
import io.campaignengine.publishing.domain.Content;
import io.campaignengine.publishing.domain.Post;
import io.campaignengine.publishing.events.EventFactory;
import io.campaignengine.publishing.repository.BusinessRepository;
import io.campaignengine.publishing.repository.CampaignRepository;
import io.campaignengine.publishing.repository.ContentRepository;
import io.campaignengine.publishing.repository.PostRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a campaign's approved content into posts (seed 5.3): one organic post per piece and platform at the best
 * times, one ad per ad piece and platform with an equal share of the daily budget. Idempotent (one post per content,
 * platform and kind), so it runs whenever something relevant arrives: campaign approved or launched, content
 * approved, an image assigned. Runs inside the caller's transaction (a consumer's).
 */
@ApplicationScoped
public class SchedulingService {
    private static final Logger LOG = Logger.getLogger(SchedulingService.class);
    static final List<String> SUPPORTED = List.of("FACEBOOK", "INSTAGRAM");

    private final CampaignRepository campaigns;
    private final BusinessRepository businesses;
    private final ContentRepository contents;
    private final PostRepository posts;
    private final OutboxWriter outbox;
    private final PublishingConfig.Scheduler config;
    private final Map<String, List<LocalTime>> bestTimes = new HashMap<>();
    private final Map<String, Integer> caps = new HashMap<>();

    public SchedulingService(CampaignRepository campaigns, BusinessRepository businesses, ContentRepository contents, PostRepository posts,
                             OutboxWriter outbox, PublishingConfig config) {
        this.campaigns = campaigns;
        this.businesses = businesses;
        this.contents = contents;
        this.posts = posts;
        this.outbox = outbox;
        this.config = config.scheduler();
        PublishingConfig.pairs(this.config.bestTimes()).forEach((k, v) -> bestTimes.put(k, ScheduleRules.times(v)));
        PublishingConfig.pairs(this.config.dailyCaps()).forEach((k, v) -> caps.put(k, Integer.parseInt(v)));
    }

    public List<LocalTime> bestTimes(String platform) {
        return bestTimes.getOrDefault(platform, List.of(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(19, 0)));
    }

    static ZoneId zone(Business b) {
        try {
            return b == null ? ZoneOffset.UTC : ZoneId.of(b.timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Schedules every approved piece of the campaign that has no post yet; returns the new posts. */
    public Uni<List<Post>> planCampaign(UUID campaignId) {
        return campaigns.findById(campaignId).chain(c -> {
            if (c == null || !(Campaign.APPROVED.equals(c.status) || Campaign.ACTIVE.equals(c.status))) {
                return Uni.createFrom().item(List.<Post>of());
            }
            return businesses.findById(c.businessId).chain(b -> contents.list("campaignId = ?1 and status = ?2", campaignId, Content.APPROVED)
                    .chain(approved -> posts.ofCampaign(campaignId).chain(existing -> plan(c, b, approved, existing))));
        });
    }

    private Uni<List<Post>> plan(Campaign c, Business b, List<Content> approved, List<Post> existing) {
        Instant now = Instant.now();
        ZoneId zone = zone(b);
        Set<String> have = new HashSet<>();
        for (Post p : existing) have.add(p.contentId + "/" + p.platform + "/" + p.kind);
        List<String> platforms = new ArrayList<>();
        for (String p : c.platformList()) if (SUPPORTED.contains(p)) platforms.add(p);
        if (platforms.isEmpty() && c.platformList().isEmpty()) platforms.addAll(SUPPORTED); // no channel named: Meta's two
        List<Post> created = new ArrayList<>();
        String markets = targeting(c);
        for (int pi = 0; pi < platforms.size(); pi++) {
            String platform = platforms.get(pi);
            List<ScheduleRules.Item> items = new ArrayList<>();
            Map<UUID, Content> byId = new LinkedHashMap<>();
            for (Content ct : approved) {
                boolean instagramWithoutImage = platform.equals("INSTAGRAM") && (ct.imageUrl == null || ct.imageUrl.isBlank());
                if (ct.isAd()) {
                    if (have.contains(ct.id + "/" + platform + "/" + Post.AD)) continue;
                    Post p = newPost(c, ct, platform, Post.AD, ScheduleRules.adStart(now, zone, c.startDate));
                    p.targeting = markets.replace("\"PLATFORM\"", "\"" + platform.toLowerCase() + "\"");
                    created.add(p);
                } else if (!instagramWithoutImage && !have.contains(ct.id + "/" + platform + "/" + Post.ORGANIC)) {
                    items.add(new ScheduleRules.Item(ct.id, ct.segmentId));
                    byId.put(ct.id, ct);
                }
            }
            if (items.isEmpty()) continue;
            List<Instant> taken = new ArrayList<>();
            for (Post p : existing) {
                if (p.platform.equals(platform) && !p.isAd() && !Post.CANCELLED.equals(p.status) && !Post.FAILED.equals(p.status)) taken.add(p.scheduledFor);
            }
            Map<UUID, Instant> slots = ScheduleRules.plan(items, now, zone, c.startDate, bestTimes(platform), caps.getOrDefault(platform, 3),
                    config.minLead(), taken, pi);
            slots.forEach((contentId, at) -> created.add(newPost(c, byId.get(contentId), platform, Post.ORGANIC, at)));
        }
        if (created.isEmpty()) return Uni.createFrom().item(created);
        // equal exposure for ads: the daily budget split across every live or waiting ad of the campaign
        List<Post> ads = new ArrayList<>();
        for (Post p : existing) if (p.isAd() && (Post.SCHEDULED.equals(p.status) || Post.POSTED.equals(p.status) || Post.PUBLISHING.equals(p.status))) ads.add(p);
        for (Post p : created) if (p.isAd()) ads.add(p);
        if (c.budgetDailyMinor != null && !ads.isEmpty()) {
            List<Long> shares = ScheduleRules.split(c.budgetDailyMinor, ads.size());
            for (int i = 0; i < ads.size(); i++) {
                Post p = ads.get(i);
                // live ad sets keep their budget (changed only by a decision); waiting ones take the new share
                if (!Post.POSTED.equals(p.status) && !Post.PUBLISHING.equals(p.status)) p.budgetDailyMinor = shares.get(i);
            }
        }
        LOG.infof("campaign %s: %d post(s) scheduled", c.id, created.size());
        Uni<Void> chain = posts.persist(created).replaceWithVoid();
        List<String> marketList = c.marketList();
        for (Post p : created) chain = chain.chain(() -> outbox.publish(EventFactory.scheduled(p, marketList)));
        return chain.replaceWith(created);
    }

    private Post newPost(Campaign c, Content ct, String platform, String kind, Instant at) {
        Post p = new Post();
        p.id = UUID.randomUUID();
        p.businessId = c.businessId;
        p.campaignId = c.id;
        p.contentId = ct.id;
        p.platform = platform;
        p.kind = kind;
        p.status = Post.SCHEDULED;
        p.scheduledFor = at;
        p.abGroup = ct.segmentId == null ? null : c.id + ":" + ct.segmentId;
        p.currency = c.currency;
        p.createdAt = Instant.now();
        p.updatedAt = p.createdAt;
        return p;
    }

    /** Meta's targeting spec from the campaign's markets ("US-TX" → country US); PLATFORM is replaced per post. */
    String targeting(Campaign c) {
        Set<String> countries = new LinkedHashSet<>();
        for (String m : c.marketList()) {
            String cc = m.split("[-_]")[0].trim().toUpperCase();
            if (cc.length() == 2) countries.add(cc);
        }
        if (countries.isEmpty()) countries.addAll(config.defaultCountries());
        StringBuilder sb = new StringBuilder("{\"geo_locations\":{\"countries\":[");
        String sep = "";
        for (String cc : countries) {
            sb.append(sep).append('"').append(cc).append('"');
            sep = ",";
        }
        return sb.append("]},\"publisher_platforms\":[\"PLATFORM\"]}").toString();
    }

    /**
     * At launch: organic posts whose slot has already passed (the campaign waited in setup) get new slots, so that a
     * launch does not publish everything at once; then anything still unscheduled is planned.
     */
    public Uni<Void> onLaunch(UUID campaignId) {
        return campaigns.findById(campaignId).chain(c -> c == null ? Uni.createFrom().voidItem()
                : businesses.findById(c.businessId).chain(b -> posts.ofCampaign(campaignId).chain(all -> {
            Instant now = Instant.now();
            ZoneId zone = zone(b);
            List<Post> moved = new ArrayList<>();
            for (int pi = 0; pi < SUPPORTED.size(); pi++) {
                String platform = SUPPORTED.get(pi);
                List<ScheduleRules.Item> items = new ArrayList<>();
                Map<UUID, Post> byContent = new HashMap<>();
                List<Instant> taken = new ArrayList<>();
                for (Post p : all) {
                    if (!p.platform.equals(platform) || p.isAd()) continue;
                    if (Post.SCHEDULED.equals(p.status) && !p.publishNow && p.scheduledFor.isBefore(now.plus(config.minLead()))) {
                        items.add(new ScheduleRules.Item(p.contentId, p.abGroup));
                        byContent.put(p.contentId, p);
                    } else if (Post.SCHEDULED.equals(p.status) || Post.POSTED.equals(p.status)) {
                        taken.add(p.scheduledFor);
                    }
                }
                if (items.isEmpty()) continue;
                ScheduleRules.plan(items, now, zone, c.startDate, bestTimes(platform), caps.getOrDefault(platform, 3), config.minLead(), taken, pi)
                        .forEach((contentId, at) -> {
                            Post p = byContent.get(contentId);
                            p.scheduledFor = at;
                            p.updatedAt = now;
                            moved.add(p);
                        });
            }
            for (Post p : all) {
                if (p.isAd() && Post.SCHEDULED.equals(p.status) && p.scheduledFor.isBefore(now)) p.scheduledFor = ScheduleRules.adStart(now, zone, c.startDate);
            }
            Uni<Void> chain = posts.flush();
            List<String> markets = c.marketList();
            for (Post p : moved) chain = chain.chain(() -> outbox.publish(EventFactory.scheduled(p, markets)));
            return chain.chain(() -> planCampaign(campaignId)).replaceWithVoid();
        })));
    }
}
