package io.campaignengine.content.api;

import io.campaignengine.content.domain.Content;
import io.campaignengine.content.domain.ContentRevision;
import io.campaignengine.content.domain.GenerationJob;
import io.campaignengine.content.domain.PlatformVariant;
import io.campaignengine.content.service.ContentService;
import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON views of the API (camelCase; statuses and types lower case as stored). */
public final class Views {
    private Views() {
    }

    public record ScoresView(BigDecimal brandVoice, BigDecimal clarity, BigDecimal hookAlignment, BigDecimal overall) {
    }

    public record ContentView(UUID id, UUID businessId, UUID campaignId, UUID jobId, UUID parentId, String type, String format,
                              String status, String headline, String body, String ctaText, String ctaUrl, String trackedUrl,
                              Map<String, String> utmParams, UUID imageId, String imageUrl, Map<String, PlatformVariant> platformVariants,
                              String hookSource, String hookText, String audienceSegment, Map<String, List<String>> tags,
                              ScoresView scores, Map<String, Object> generationMetadata, BigDecimal performanceScore,
                              Map<String, Object> extra, String approvedBy, Instant approvedAt, boolean autoApproved,
                              Instant retiredAt, String retireReason, int revision, Instant createdAt, Instant updatedAt,
                              List<String> allowedActions) {
        public static ContentView of(Content c) {
            Map<String, List<String>> tags = new LinkedHashMap<>();
            tags.put("segments", c.audienceSegment == null ? List.of() : List.of(c.audienceSegment));
            tags.put("emotions", c.emotions);
            tags.put("themes", c.themes);
            tags.put("keywords", c.keywords);
            return new ContentView(c.id, c.businessId, c.campaignId, c.jobId, c.parentId, c.type, c.format, c.status, c.headline, c.body,
                    c.ctaText, c.ctaUrl, c.trackedUrl, c.utmParams, c.imageId, c.imageUrl, c.platformVariants, c.hookSource, c.hookText,
                    c.audienceSegment, tags, new ScoresView(c.scoreBrandVoice, c.scoreClarity, c.scoreHookAlignment, c.scoreOverall),
                    c.generationMetadata, c.performanceScore, c.extra, c.approvedBy, c.approvedAt, c.autoApproved, c.retiredAt,
                    c.retireReason, c.revision, c.createdAt, c.updatedAt, ContentService.allowed(c.status));
        }
    }

    public record RevisionView(int revision, String headline, String body, String ctaText, String ctaUrl,
                               Map<String, PlatformVariant> platformVariants, String editedBy, Instant editedAt, String note) {
        public static RevisionView of(ContentRevision r) {
            return new RevisionView(r.revision, r.headline, r.body, r.ctaText, r.ctaUrl, r.platformVariants, r.editedBy, r.editedAt, r.note);
        }
    }

    public record PerformanceView(UUID contentId, String status, BigDecimal performanceScore, ScoresView qualityScores) {
    }

    public record JobView(UUID id, UUID businessId, UUID campaignId, String trigger, String status, int requested, int generated,
                          int rejected, int failed, List<UUID> contentIds, List<Map<String, Object>> rejections, String error,
                          String provider, String model, long inputTokens, long outputTokens, BigDecimal costUsd, Map<String, Object> params,
                          Instant createdAt, Instant startedAt, Instant finishedAt) {
        public static JobView of(GenerationJob j) {
            return new JobView(j.id, j.businessId, j.campaignId, j.trigger, j.status, j.requested, j.generated, j.rejected, j.failed,
                    j.contentIds, j.rejections, j.error, j.provider, j.model, j.inputTokens, j.outputTokens, j.costUsd, j.params,
                    j.createdAt, j.startedAt, j.finishedAt);
        }

        boolean terminal() {
            return "completed".equals(status) || "failed".equals(status);
        }
    }

    /** The SSE progress element: the job's counters and status. */
    public record JobProgress(UUID id, String status, int requested, int generated, int rejected, int failed, String error,
                              Instant finishedAt) {
        static final String COLUMNS = "id, status, requested, generated, rejected, failed, error, finished_at";

        static JobProgress of(Row r) {
            OffsetDateTime f = r.getOffsetDateTime("finished_at");
            return new JobProgress(r.getUUID("id"), r.getString("status"), r.getInteger("requested"), r.getInteger("generated"),
                    r.getInteger("rejected"), r.getInteger("failed"), r.getString("error"), f == null ? null : f.toInstant());
        }

        static JobProgress of(GenerationJob j) {
            return new JobProgress(j.id, j.status, j.requested, j.generated, j.rejected, j.failed, j.error, j.finishedAt);
        }

        boolean terminal() {
            return "completed".equals(status) || "failed".equals(status);
        }
    }
}
