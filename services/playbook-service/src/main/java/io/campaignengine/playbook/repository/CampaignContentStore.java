package io.campaignengine.playbook.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * What other services reported about a campaign's content pieces (campaign_content) and image requests
 * (campaign_image_requests): the facts system tasks complete on. Native SQL (upserts), in the caller's transaction.
 */
@ApplicationScoped
public class CampaignContentStore {

    /** Pieces of a completed generation batch. */
    public Uni<Void> addBatch(UUID campaignId, UUID batchId, List<UUID> contentIds) {
        return Panache.getSession().chain(s -> Multi.createFrom().iterable(contentIds)
                .onItem().transformToUniAndConcatenate(id -> s.createNativeQuery(
                                "insert into campaign_content (campaign_id, content_id, batch_id) values (:c, :id, :b)"
                                        + " on conflict (campaign_id, content_id) do update set batch_id = excluded.batch_id, updated_at = now()")
                        .setParameter("c", campaignId)
                        .setParameter("id", id)
                        .setParameter("b", batchId)
                        .executeUpdate())
                .collect().last()).replaceWithVoid();
    }

    /** A piece got an image (matched) or an image request (requested). */
    public Uni<Void> imageState(UUID campaignId, UUID contentId, String state, UUID imageId, UUID requestId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into campaign_content (campaign_id, content_id, image_state, image_id, image_request_id)"
                                + " values (:c, :id, :state, :image, :request)"
                                + " on conflict (campaign_id, content_id) do update set"
                                + " image_state = case when campaign_content.image_state = 'matched' then 'matched' else excluded.image_state end,"
                                + " image_id = coalesce(excluded.image_id, campaign_content.image_id),"
                                + " image_request_id = coalesce(excluded.image_request_id, campaign_content.image_request_id),"
                                + " updated_at = now()")
                .setParameter("c", campaignId)
                .setParameter("id", contentId)
                .setParameter("state", state)
                .setParameter("image", imageId)
                .setParameter("request", requestId)
                .executeUpdate()).replaceWithVoid();
    }

    /** A post of the piece was scheduled. */
    public Uni<Void> scheduled(UUID campaignId, UUID contentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into campaign_content (campaign_id, content_id, scheduled) values (:c, :id, true)"
                                + " on conflict (campaign_id, content_id) do update set scheduled = true, updated_at = now()")
                .setParameter("c", campaignId)
                .setParameter("id", contentId)
                .executeUpdate()).replaceWithVoid();
    }

    /** Counts over the pieces confirmed by a batch: [total, with image state, matched, requested, scheduled]. */
    public Uni<long[]> counts(UUID campaignId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*), count(image_state), count(*) filter (where image_state = 'matched'),"
                                + " count(*) filter (where image_state = 'requested'), count(*) filter (where scheduled)"
                                + " from campaign_content where campaign_id = :c and batch_id is not null", Object[].class)
                .setParameter("c", campaignId)
                .getSingleResult()
                .map(row -> {
                    long[] r = new long[row.length];
                    for (int i = 0; i < row.length; i++) {
                        r[i] = ((Number) row[i]).longValue();
                    }
                    return r;
                }));
    }

    /** Ids of the campaign's generated pieces (from batches). */
    public Uni<List<UUID>> contentIds(UUID campaignId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select content_id from campaign_content where campaign_id = :c and batch_id is not null order by created_at, content_id",
                        UUID.class)
                .setParameter("c", campaignId)
                .getResultList());
    }

    /** Records an image request; false when it was known already. */
    public Uni<Boolean> addImageRequest(UUID requestId, UUID campaignId, UUID contentId, String description) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into campaign_image_requests (request_id, campaign_id, content_id, description) values (:r, :c, :id, :d)"
                                + " on conflict (request_id) do nothing")
                .setParameter("r", requestId)
                .setParameter("c", campaignId)
                .setParameter("id", contentId)
                .setParameter("d", description)
                .executeUpdate()).map(n -> n > 0);
    }

    /** Marks an image request fulfilled; returns its campaign, or null when the request is unknown. */
    public Uni<UUID> fulfillImageRequest(UUID requestId) {
        return closeImageRequest(requestId, "fulfilled_at");
    }

    /** Marks an image request cancelled; returns its campaign, or null when the request is unknown. */
    public Uni<UUID> cancelImageRequest(UUID requestId) {
        return closeImageRequest(requestId, "cancelled_at");
    }

    private Uni<UUID> closeImageRequest(UUID requestId, String column) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select campaign_id from campaign_image_requests where request_id = :r", UUID.class)
                .setParameter("r", requestId)
                .getResultList()
                .chain(l -> l.isEmpty() ? Uni.createFrom().<UUID>nullItem()
                        : s.createNativeQuery("update campaign_image_requests set " + column + " = coalesce(" + column + ", now()) where request_id = :r")
                        .setParameter("r", requestId)
                        .executeUpdate()
                        .replaceWith(l.get(0))));
    }

    /** [total, open] image requests of the campaign (open: neither fulfilled nor cancelled). */
    public Uni<long[]> imageRequestCounts(UUID campaignId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*), count(*) filter (where fulfilled_at is null and cancelled_at is null) from campaign_image_requests where campaign_id = :c",
                        Object[].class)
                .setParameter("c", campaignId)
                .getSingleResult()
                .map(row -> new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue()}));
    }
}
