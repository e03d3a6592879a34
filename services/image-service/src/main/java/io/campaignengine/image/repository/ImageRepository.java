package io.campaignengine.image.repository;

import io.campaignengine.kit.persistence.JsonColumn;
import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageType;
import io.campaignengine.image.domain.JsonColumns;
import io.campaignengine.image.service.Matcher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, UUID> {

    /** List filters; null = any. {@code tag} matches any facet (segments, emotions, themes, keywords). */
    public record Filter(ImageType type, String category, String segment, String emotion, String theme, String keyword, String tag,
                         Boolean unused) {
    }

    public Uni<Image> bySha(UUID businessId, String sha256) {
        return find("businessId = ?1 and sha256 = ?2", businessId, sha256).firstResult();
    }

    public Uni<Image> lock(UUID id) {
        return getSession().chain(s -> s.find(Image.class, id, org.hibernate.LockMode.PESSIMISTIC_WRITE));
    }

    /**
     * One page of a business's library, newest first. Tag facets are jsonb containment ({@code tags @> '{"segments":["x"]}'},
     * served by the GIN index), hence a native query for the ids, then the entities.
     */
    public Uni<PageResult<Image>> list(UUID businessId, Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" from images i where i.business_id = :business");
        Map<String, Object> params = new HashMap<>();
        params.put("business", businessId);
        if (f.type() != null) {
            where.append(" and i.type = :type");
            params.put("type", f.type().code());
        }
        if (f.category() != null) {
            where.append(" and i.category = :category");
            params.put("category", f.category());
        }
        facet(where, params, "segments", f.segment());
        facet(where, params, "emotions", f.emotion());
        facet(where, params, "themes", f.theme());
        facet(where, params, "keywords", f.keyword());
        if (f.tag() != null) {
            where.append(" and (i.tags @> cast(cast(:tagS as text) as jsonb) or i.tags @> cast(cast(:tagE as text) as jsonb) or i.tags @> cast(cast(:tagT as text) as jsonb)"
                    + " or i.tags @> cast(cast(:tagK as text) as jsonb))");
            params.put("tagS", json("segments", f.tag()));
            params.put("tagE", json("emotions", f.tag()));
            params.put("tagT", json("themes", f.tag()));
            params.put("tagK", json("keywords", f.tag()));
        }
        if (f.unused() != null) {
            String used = "(i.usage_count > 0 or exists (select 1 from contents c where c.image_id = i.id and c.retired_at is null))";
            where.append(f.unused() ? " and not " : " and ").append(used);
        }
        return Panache.getSession().chain(s -> {
            var ids = s.createNativeQuery("select i.id" + where + " order by i.created_at desc, i.id limit :limit offset :offset",
                    UUID.class);
            params.forEach(ids::setParameter);
            ids.setParameter("limit", size).setParameter("offset", (long) page * size);
            return ids.getResultList().chain(idList -> {
                Uni<Long> total;
                if (page == 0 && idList.size() < size) {
                    total = Uni.createFrom().item((long) idList.size());
                } else {
                    var count = s.createNativeQuery("select count(*)" + where, Long.class);
                    params.forEach(count::setParameter);
                    total = count.getSingleResult();
                }
                Uni<List<Image>> items = idList.isEmpty() ? Uni.createFrom().item(List.<Image>of())
                        : list("id in ?1", idList).map(found -> {
                            Map<UUID, Integer> order = new HashMap<>();
                            for (int i = 0; i < idList.size(); i++) {
                                order.put(idList.get(i), i);
                            }
                            List<Image> sorted = new ArrayList<>(found);
                            sorted.sort(Comparator.comparingInt(im -> order.get(im.id)));
                            return sorted;
                        });
                return items.chain(list -> total.map(t -> new PageResult<>(list, page, size, t)));
            });
        });
    }

    /** What matching needs of every image of the business: one projection query, no S3. */
    public Uni<List<Matcher.Candidate>> candidates(UUID businessId) {
        return getSession().chain(s -> s.createSelectionQuery("select new io.campaignengine.image.repository.CandidateRow(i.id, i.tags,"
                        + " i.width, i.height, i.usageCount, i.createdAt) from Image i where i.businessId = :business", CandidateRow.class)
                .setParameter("business", businessId).getResultList())
                .map(rows -> rows.stream().map(r -> new Matcher.Candidate(r.id(), r.tags(), r.width(), r.height(), r.usageCount(),
                        r.createdAt() == null ? 0 : r.createdAt().toEpochMilli())).toList());
    }

    /** usage_count + 1 (a post with the image was published), atomically. */
    public Uni<Integer> incrementUsage(UUID imageId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update images set usage_count = usage_count + 1, row_version = row_version + 1, updated_at = :now where id = :id")
                .setParameter("id", imageId).setParameter("now", Instant.now()).executeUpdate());
    }

    private static void facet(StringBuilder where, Map<String, Object> params, String facet, String value) {
        if (value != null) {
            where.append(" and i.tags @> cast(cast(:").append(facet).append(" as text) as jsonb)");
            params.put(facet, json(facet, value));
        }
    }

    private static String json(String facet, String value) {
        try {
            return JsonColumn.MAPPER.writeValueAsString(Map.of(facet, List.of(value)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
