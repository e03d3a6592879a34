package io.campaignengine.image.service;

import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageRequest;
import io.campaignengine.image.domain.RequestStatus;
import io.campaignengine.image.events.EventFactory;
import io.campaignengine.image.repository.ContentRepository;
import io.campaignengine.image.repository.ImageRepository;
import io.campaignengine.image.repository.ImageRequestRepository;
import io.campaignengine.image.repository.PageResult;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.security.CallerContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Image requests (seed 3.2, flow 3): list, start, fulfill with an uploaded image (→ ImageRequestFulfilled), cancel (→ ImageRequestCancelled). */
@ApplicationScoped
public class RequestService {
    private final ImageRequestRepository requests;
    private final ImageRepository images;
    private final ContentRepository contents;
    private final OutboxWriter outbox;
    private final EventFactory events;
    private final Scope scope;

    public RequestService(ImageRequestRepository requests, ImageRepository images, ContentRepository contents, OutboxWriter outbox,
                          EventFactory events, Scope scope) {
        this.requests = requests;
        this.images = images;
        this.contents = contents;
        this.outbox = outbox;
        this.events = events;
        this.scope = scope;
    }

    public Uni<PageResult<ImageRequest>> list(CallerContext caller, UUID businessId, UUID campaignId, Collection<RequestStatus> statuses,
                                              int page, int size) {
        return Panache.withSession(() -> {
            Uni<List<UUID>> visible = businessId == null ? scope.visible(caller)
                    : scope.requireBusiness(caller, businessId).map(x -> List.of(businessId));
            return visible.chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new PageResult<>(List.<ImageRequest>of(), page, size, 0))
                    : requests.list(ids, campaignId, statuses, page, size));
        });
    }

    public Uni<ImageRequest> get(CallerContext caller, UUID id) {
        return Panache.withSession(() -> requests.findById(id)
                .onItem().ifNull().failWith(() -> NotFound.of("image request", id))
                .call(r -> scope.require(caller, r.businessId, "image request", id)));
    }

    /** Someone is making the image: pending → in_progress. */
    public Uni<ImageRequest> start(CallerContext caller, UUID id) {
        return Panache.withTransaction(() -> locked(caller, id).invoke(r -> {
            requireOpen(r, "start");
            r.status = RequestStatus.IN_PROGRESS;
        }));
    }

    /**
     * Links the request to an image of the same business: completed, the content that waited now uses the image here
     * too, and ImageRequestFulfilled names that content (content-service assigns it; playbook's create_images task
     * completes when every request is fulfilled).
     */
    public Uni<ImageRequest> fulfill(CallerContext caller, UUID id, UUID imageId) {
        return Panache.withTransaction(() -> locked(caller, id).chain(r -> {
            requireOpen(r, "fulfill");
            return images.findById(imageId).chain(i -> {
                if (i == null || !i.businessId.equals(r.businessId)) {
                    return Uni.createFrom().failure(NotFound.of("image", imageId).with("field", "imageId"));
                }
                Instant now = Instant.now();
                r.status = RequestStatus.COMPLETED;
                r.fulfilledBy = i.id;
                r.completedBy = caller.userName();
                r.completedAt = now;
                Uni<Void> content = r.contentId == null ? Uni.createFrom().voidItem()
                        : contents.ensure(r.contentId, r.businessId, r.campaignId).invoke(c -> {
                            c.imageId = i.id;
                            c.assignment = "request_fulfilled";
                        }).replaceWithVoid();
                return content.chain(() -> outbox.publish(events.fulfilled(r, i, caller.userName(), now))).replaceWith(r);
            });
        }));
    }

    public Uni<ImageRequest> cancel(CallerContext caller, UUID id, String reason) {
        // ImageRequestCancelled: playbook-service's create_images task no longer waits for this request
        return Panache.withTransaction(() -> locked(caller, id).invoke(r -> {
            requireOpen(r, "cancel");
            r.status = RequestStatus.CANCELLED;
            r.cancelReason = reason;
            r.completedBy = caller.userName();
            r.completedAt = Instant.now();
        }).call(r -> outbox.publish(events.cancelled(r, caller.userName(), r.completedAt))));
    }

    private Uni<ImageRequest> locked(CallerContext caller, UUID id) {
        return requests.lock(id)
                .onItem().ifNull().failWith(() -> NotFound.of("image request", id))
                .call(r -> scope.require(caller, r.businessId, "image request", id));
    }

    private static void requireOpen(ImageRequest r, String action) {
        if (!r.status.open()) {
            throw new Conflict("image request " + r.id + " is " + r.status.code() + "; it cannot " + action)
                    .currentStatus(r.status.code()).allowedActions(List.of());
        }
        if (action.equals("start") && r.status == RequestStatus.IN_PROGRESS) {
            throw new Conflict("image request " + r.id + " is already in progress").currentStatus(r.status.code())
                    .allowedActions(List.of("fulfill", "cancel"));
        }
    }

}
