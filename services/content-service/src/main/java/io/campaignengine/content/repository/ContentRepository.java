package io.campaignengine.content.repository;

import io.campaignengine.content.domain.Content;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ContentRepository implements PanacheRepositoryBase<Content, UUID> {

    public record Filters(Collection<UUID> businessIds, UUID campaignId, String status, String type, String segment, String hook,
                          UUID parentId, UUID jobId) {
    }

    public Uni<PageResult<Content>> page(Filters f, String sort, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        where.add("c.businessId in :businesses");
        p.and("businesses", f.businessIds());
        if (f.campaignId() != null) {
            where.add("c.campaignId = :campaign");
            p.and("campaign", f.campaignId());
        }
        if (f.status() != null) {
            where.add("c.status = :status");
            p.and("status", f.status());
        }
        if (f.type() != null) {
            where.add("c.type = :type");
            p.and("type", f.type());
        }
        if (f.segment() != null) {
            where.add("c.audienceSegment = :segment");
            p.and("segment", f.segment());
        }
        if (f.hook() != null) {
            where.add("c.hookSource = :hook");
            p.and("hook", f.hook());
        }
        if (f.parentId() != null) {
            where.add("c.parentId = :parent");
            p.and("parent", f.parentId());
        }
        if (f.jobId() != null) {
            where.add("c.jobId = :job");
            p.and("job", f.jobId());
        }
        Sort s = switch (sort) {
            case "score" -> Sort.ascending("scoreOverall").and("createdAt", Sort.Direction.Descending);
            case "-score" -> Sort.by("scoreOverall", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                    .and("createdAt", Sort.Direction.Descending);
            case "performance" -> Sort.ascending("performanceScore").and("createdAt", Sort.Direction.Descending);
            case "-performance" -> Sort.by("performanceScore", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                    .and("createdAt", Sort.Direction.Descending);
            case "createdAt" -> Sort.ascending("createdAt").and("id");
            default -> Sort.descending("createdAt").and("id");
        };
        return PageResult.of(find("from Content c where " + String.join(" and ", where), s, p), page, size);
    }

    /** Headline/body of a campaign's live pieces (near-duplicate check across batches). */
    public Uni<List<String[]>> texts(UUID campaignId) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select headline, body from content where campaign_id = :c and status <> 'retired' and parent_id is null", Object[].class)
                        .setParameter("c", campaignId).getResultList())
                .map(rows -> rows.stream().map(r -> new String[]{(String) r[0], (String) r[1]}).toList());
    }

    /** Hooks a campaign already has content for (so that "untried" means untried here too). */
    public Uni<Set<String>> hooksUsed(UUID campaignId) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select distinct hook_source from content where campaign_id = :c and hook_source is not null", String.class)
                        .setParameter("c", campaignId).getResultList())
                .map(HashSet::new);
    }

    public Uni<List<Content>> ofCampaign(UUID campaignId) {
        return list("campaignId", Sort.ascending("createdAt"), campaignId);
    }

    public Uni<List<Content>> children(UUID parentId) {
        return list("parentId", Sort.ascending("createdAt"), parentId);
    }

    /** Row-locks a piece (native: serializes edits, approvals and event handlers on it). */
    public Uni<Content> lock(UUID id) {
        return getSession().chain(s -> s.createNativeQuery("select cast(id as text) from content where id = :id for update", String.class)
                        .setParameter("id", id).getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : getSession().chain(s -> s.find(Content.class, id).call(c -> c == null ? Uni.createFrom().voidItem() : s.refresh(c))));
    }
}
