package io.campaignengine.image.api;

import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageRequest;
import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.service.ImageService;
import io.campaignengine.image.service.Matcher;
import io.campaignengine.image.service.MatchingService;
import io.campaignengine.image.service.Warning;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON in and out (camelCase; enum values lower case). */
public final class Views {
    private Views() {
    }

    public record UrlsView(String original, String thumbnail, String publicUrl, String publicThumbnailUrl, Instant expiresAt) {
        static UrlsView of(ImageService.Urls u) {
            return u == null ? null : new UrlsView(u.original(), u.thumbnail(), u.publicUrl(), u.publicThumbnailUrl(), u.expiresAt());
        }
    }

    public record ImageView(UUID id, UUID businessId, String filename, String type, String category, Tags tags, String altText,
                            String description, int width, int height, long fileSize, String mimeType, int usageCount,
                            String storageKey, String thumbnailKey, String thumbnailNote, String uploadedBy, Instant createdAt,
                            Instant updatedAt, UrlsView urls, ImageService.Usage usedBy, List<Warning> warnings) {
        static ImageView of(Image i, ImageService.Urls urls, List<Warning> warnings) {
            return new ImageView(i.id, i.businessId, i.filename, i.type.code(), i.category, i.tags, i.altText, i.description, i.width,
                    i.height, i.fileSize, i.mimeType, i.usageCount, i.storageKey, i.thumbnailKey, i.thumbnailNote, i.uploadedBy,
                    i.createdAt, i.updatedAt, UrlsView.of(urls), null, warnings);
        }

        ImageView with(ImageService.Usage usage, List<Warning> w) {
            return new ImageView(id, businessId, filename, type, category, tags, altText, description, width, height, fileSize, mimeType,
                    usageCount, storageKey, thumbnailKey, thumbnailNote, uploadedBy, createdAt, updatedAt, urls, usage, w);
        }
    }

    /** PUT /api/images/{id}: null = unchanged; a facet given replaces that facet. */
    public record UpdateImageRequest(String type, @Size(max = 100) String category, TagsInput tags, @Size(max = 500) String altText,
                                     String description) {
    }

    public record TagsInput(List<String> segments, List<String> emotions, List<String> themes, List<String> keywords) {
    }

    public record UploadUrlRequest(@NotNull String businessId, @NotBlank @Size(max = 255) String filename, Long sizeBytes, String type,
                                   @Size(max = 100) String category, TagsInput tags, @Size(max = 500) String altText, String description,
                                   String fulfillsRequestId) {
    }

    public record UploadTicketView(UUID uploadId, String url, String method, String objectKey, Instant expiresAt, long maxBytes,
                                   String confirmUrl) {
    }

    public record MatchRequest(@NotNull String businessId, String segment, List<String> emotions, List<String> themes,
                               List<String> placements, String placement, @Size(max = 2000) String text, Integer limit) {
    }

    public record BreakdownView(double segment, double emotion, double theme, double usageBalance) {
    }

    public record MatchResultView(UUID imageId, double score, BreakdownView breakdown, boolean aboveThreshold, String filename,
                                  String category, Tags tags, String altText, int width, int height, int usageCount, String thumbnailUrl) {
    }

    public record MatchView(String segment, List<String> emotions, List<String> themes, List<Placement> placements, double threshold,
                            boolean matched, int libraryCount, int suitableCount, int maxUsage, List<MatchResultView> results) {
        static MatchView of(MatchingService.Ranking r, List<String> thumbs) {
            List<MatchResultView> results = new java.util.ArrayList<>();
            for (int k = 0; k < r.scores().size(); k++) {
                Matcher.Score s = r.scores().get(k);
                Image i = r.images().get(s.imageId());
                results.add(new MatchResultView(s.imageId(), s.total(), new BreakdownView(s.segment(), s.emotion(), s.theme(), s.usageBalance()),
                        s.total() >= r.threshold(), i.filename, i.category, i.tags, i.altText, i.width, i.height, i.usageCount,
                        thumbs.get(k)));
            }
            return new MatchView(r.query().segment(), r.query().emotions(), r.query().themes(), r.query().placements(), r.threshold(),
                    r.matched(), r.libraryCount(), r.suitableCount(), r.maxUsage(), results);
        }
    }

    public record RequestView(UUID id, UUID businessId, UUID campaignId, UUID contentId, String status, String description,
                              String suggestedPrompt, String promptSource, Tags suggestedTags, int priority, String aspectRatio,
                              List<Placement> placements, Double bestMatchScore, double threshold, UUID fulfilledBy, String completedBy,
                              String cancelReason, Instant requestedAt, Instant completedAt) {
        static RequestView of(ImageRequest r) {
            return new RequestView(r.id, r.businessId, r.campaignId, r.contentId, r.status.code(), r.description, r.suggestedPrompt,
                    r.promptSource, r.suggestedTags, r.priority, r.aspectRatio, r.placements, r.bestMatchScore, r.threshold, r.fulfilledBy,
                    r.completedBy, r.cancelReason, r.requestedAt, r.completedAt);
        }
    }

    public record FulfillRequest(@NotNull String imageId) {
    }

    public record CancelRequest(@Size(max = 1000) String reason) {
    }
}
