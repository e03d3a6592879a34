package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;
import io.campaignengine.playbook.domain.TaskType;
import io.campaignengine.playbook.repository.BusinessRepository;
import io.campaignengine.playbook.repository.CampaignContentStore;
import io.campaignengine.playbook.repository.CampaignRepository;
import io.campaignengine.playbook.repository.TaskRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * System tasks complete themselves as the other services report progress (events): generate_content on
 * ContentBatchCompleted; match_images once every generated piece has ImageMatched or ImageRequested;
 * setup_publishing once every piece has PostScheduled; create_images (human) once every image request is fulfilled or cancelled;
 * connect_meta once a Meta connection is CONNECTED. Every method runs inside the consuming transaction (see the
 * idempotent consumers) and row-locks the campaign first.
 */
@ApplicationScoped
public class TaskAutomation {
    private final CampaignRepository campaigns;
    private final TaskRepository tasks;
    private final BusinessRepository businesses;
    private final TaskService taskService;
    private final BusinessService businessService;
    private final CampaignContentStore content;
    private final ActivityLog activity;

    public TaskAutomation(CampaignRepository campaigns, TaskRepository tasks, BusinessRepository businesses, TaskService taskService,
                          BusinessService businessService, CampaignContentStore content, ActivityLog activity) {
        this.campaigns = campaigns;
        this.tasks = tasks;
        this.businesses = businesses;
        this.taskService = taskService;
        this.businessService = businessService;
        this.content = content;
        this.activity = activity;
    }

    /** Runs {@code work} on the locked campaign; events of campaigns this service does not know are ignored. */
    private Uni<Void> onCampaign(UUID campaignId, String event, Function<Campaign, Uni<Void>> work) {
        if (campaignId == null) {
            return Uni.createFrom().voidItem();
        }
        return campaigns.lock(campaignId).chain(c -> {
            if (c == null) {
                Log.debugf("%s for unknown campaign %s ignored", event, campaignId);
                return Uni.createFrom().voidItem();
            }
            return work.apply(c);
        });
    }

    public Uni<Void> contentBatchCompleted(Caller caller, UUID campaignId, UUID batchId, List<UUID> contentIds, int generated,
                                           int requested, String error) {
        return onCampaign(campaignId, "ContentBatchCompleted", c -> content.addBatch(c.id, batchId, contentIds)
                .chain(() -> tasks.findByCampaignAndType(c.id, TaskType.GENERATE_CONTENT))
                .chain(t -> {
                    if (t == null || t.status == TaskStatus.COMPLETED) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> progress = new LinkedHashMap<>();
                    progress.put("batchId", batchId.toString());
                    progress.put("requested", requested);
                    progress.put("generated", generated);
                    if (generated <= 0 || contentIds.isEmpty()) {
                        t.progress = progress;
                        return t.status == TaskStatus.BLOCKED ? Uni.createFrom().voidItem()
                                : taskService.block(caller, t, "content generation produced nothing"
                                + (error == null ? "" : ": " + error)).replaceWithVoid();
                    }
                    return taskService.complete(caller, t, "ContentBatchCompleted: " + generated + " piece(s) generated", progress)
                            .replaceWithVoid();
                })
                .chain(() -> reevaluate(caller, c)));
    }

    public Uni<Void> imageMatched(Caller caller, UUID campaignId, UUID contentId, UUID imageId) {
        return onCampaign(campaignId, "ImageMatched", c -> content.imageState(c.id, contentId, "matched", imageId, null)
                .chain(() -> reevaluate(caller, c)));
    }

    public Uni<Void> imageRequested(Caller caller, UUID campaignId, UUID requestId, UUID contentId, String description) {
        return onCampaign(campaignId, "ImageRequested", c -> {
            Uni<Void> piece = contentId == null ? Uni.createFrom().voidItem()
                    : content.imageState(c.id, contentId, "requested", null, requestId);
            return piece.chain(() -> content.addImageRequest(requestId, c.id, contentId, description))
                    .chain(() -> tasks.findByCampaignAndType(c.id, TaskType.MATCH_IMAGES))
                    .chain(match -> match == null ? Uni.createFrom().voidItem()
                            : taskService.ensureCreateImagesTask(caller, c, match.id).chain(t -> reopenIfNeeded(caller, t, c)))
                    .chain(() -> reevaluate(caller, c));
        });
    }

    public Uni<Void> imageRequestFulfilled(Caller caller, UUID requestId) {
        return content.fulfillImageRequest(requestId).chain(campaignId -> onCampaign(campaignId, "ImageRequestFulfilled",
                c -> reevaluate(caller, c)));
    }

    /** A cancelled request is no longer waited for (nobody will make that image). */
    public Uni<Void> imageRequestCancelled(Caller caller, UUID requestId) {
        return content.cancelImageRequest(requestId).chain(campaignId -> onCampaign(campaignId, "ImageRequestCancelled",
                c -> reevaluate(caller, c)));
    }

    public Uni<Void> postScheduled(Caller caller, UUID campaignId, UUID contentId) {
        return onCampaign(campaignId, "PostScheduled", c -> content.scheduled(c.id, contentId).chain(() -> reevaluate(caller, c)));
    }

    /** A Meta connection of the business became CONNECTED: keep its account ids, complete connect_meta tasks. */
    public Uni<Void> metaConnected(Caller caller, UUID businessId, String pageId, String instagramId, String adAccountId) {
        return businesses.lock(businessId).chain(b -> {
            if (b == null) {
                return Uni.createFrom().voidItem();
            }
            return businessService.setMetaAccounts(caller, b, pageId, instagramId, adAccountId, null, "business_meta_connected")
                    .replaceWithVoid();
        });
    }

    /** A new image request after create_images was completed opens it again. */
    private Uni<Void> reopenIfNeeded(Caller caller, Task t, Campaign c) {
        if (t.status != TaskStatus.COMPLETED) {
            return Uni.createFrom().voidItem();
        }
        t.status = TaskStatus.PENDING;
        t.completedAt = null;
        t.completedBy = null;
        t.updatedAt = Instant.now();
        return tasks.flush().call(() -> activity.record(caller, c.businessId, c.id, "task_reopened", "task", t.id,
                Details.of("type", t.type, "reason", "new image request"))).replaceWithVoid();
    }

    /** Completes the system tasks whose facts are all in, in dependency order; updates their progress otherwise. */
    private Uni<Void> reevaluate(Caller caller, Campaign c) {
        return tasks.listByCampaign(c.id).chain(list -> content.counts(c.id).chain(n -> {
            long total = n[0], withImage = n[1], matched = n[2], requestedImages = n[3], scheduled = n[4];
            Task generate = byType(list, TaskType.GENERATE_CONTENT);
            Task match = byType(list, TaskType.MATCH_IMAGES);
            Task publish = byType(list, TaskType.SETUP_PUBLISHING);
            Task createImages = byType(list, TaskType.CREATE_IMAGES);
            boolean generated = generate != null && generate.status == TaskStatus.COMPLETED && total > 0;

            Uni<Void> chain = Uni.createFrom().voidItem();
            if (match != null && match.status != TaskStatus.COMPLETED) {
                Map<String, Object> p = Map.of("pieces", total, "matched", matched, "requested", requestedImages);
                chain = chain.chain(() -> generated && withImage >= total
                        ? taskService.complete(caller, match, "every piece has an image or an image request ("
                        + matched + " matched, " + requestedImages + " requested)", p).replaceWithVoid()
                        : progress(match, p));
            }
            if (publish != null && publish.status != TaskStatus.COMPLETED) {
                Map<String, Object> p = Map.of("pieces", total, "scheduled", scheduled);
                chain = chain.chain(() -> {
                    boolean matchDone = match == null || match.status == TaskStatus.COMPLETED;
                    return generated && matchDone && scheduled >= total
                            ? taskService.complete(caller, publish, "every piece is scheduled (" + scheduled + ")", p).replaceWithVoid()
                            : progress(publish, p);
                });
            }
            if (createImages != null && createImages.status != TaskStatus.COMPLETED) {
                chain = chain.chain(() -> content.imageRequestCounts(c.id).chain(r -> {
                    Map<String, Object> p = Map.of("requests", r[0], "open", r[1]);
                    boolean matchDone = match == null || match.status == TaskStatus.COMPLETED;
                    return r[0] > 0 && r[1] == 0 && matchDone
                            ? taskService.complete(caller, createImages, "every image request is fulfilled or cancelled (" + r[0] + ")", p)
                            .replaceWithVoid()
                            : progress(createImages, p);
                }));
            }
            return chain;
        }));
    }

    private Uni<Void> progress(Task t, Map<String, Object> p) {
        if (p.equals(t.progress)) {
            return Uni.createFrom().voidItem();
        }
        t.progress = p;
        t.updatedAt = Instant.now();
        if (t.status == TaskStatus.PENDING && t.assignee == io.campaignengine.playbook.domain.Assignee.SYSTEM) {
            t.status = TaskStatus.IN_PROGRESS;
        }
        return tasks.flush();
    }

    private static Task byType(List<Task> list, String type) {
        return list.stream().filter(t -> t.type.equals(type)).findFirst().orElse(null);
    }
}
