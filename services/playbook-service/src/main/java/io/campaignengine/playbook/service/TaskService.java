package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.Channel;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;
import io.campaignengine.playbook.domain.TaskType;
import io.campaignengine.playbook.repository.CampaignRepository;
import io.campaignengine.playbook.repository.PageResult;
import io.campaignengine.playbook.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tasks of campaigns: created on approval (seed flow 1), completed by people or by the system's events. */
@ApplicationScoped
public class TaskService {
    private final TaskRepository tasks;
    private final CampaignRepository campaigns;
    private final BusinessScope scope;
    private final ActivityLog activity;

    public TaskService(TaskRepository tasks, CampaignRepository campaigns, BusinessScope scope, ActivityLog activity) {
        this.tasks = tasks;
        this.campaigns = campaigns;
        this.scope = scope;
        this.activity = activity;
    }

    @WithSession
    public Uni<PageResult<Task>> list(Caller caller, UUID businessId, UUID campaignId, Assignee assignee, TaskStatus status,
                                      String type, int page, int size) {
        if (caller.seesNothing()) {
            return Uni.createFrom().item(new PageResult<>(List.of(), page, size, 0));
        }
        return tasks.page(caller.scope(), businessId, campaignId, assignee, status, type, page, size);
    }

    @WithSession
    public Uni<Task> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    Uni<Task> find(Caller caller, UUID id) {
        return tasks.findById(id).chain(t -> {
            if (t == null) {
                throw ApiProblem.notFound("task", id);
            }
            return scope.check(caller, t.businessId, "task", id).replaceWith(t);
        });
    }

    /** Locks the task's campaign (serializes with launch and the event consumers), then loads the task (404 out of scope). */
    private Uni<Task> findLocked(Caller caller, UUID id) {
        return tasks.campaignOf(id).chain(campaignId -> {
            if (campaignId == null) {
                throw ApiProblem.notFound("task", id);
            }
            return campaigns.lock(campaignId).chain(c -> find(caller, id));
        });
    }

    @WithTransaction
    public Uni<Task> update(Caller caller, UUID id, TaskInput in) {
        return findLocked(caller, id).chain(t -> {
            if (t.status == TaskStatus.COMPLETED) {
                throw ApiProblem.invalidTransition("task", id, "update", t.status.code(), t.status.allowedActions());
            }
            if (in.status() == TaskStatus.COMPLETED || in.status() == TaskStatus.BLOCKED) {
                throw ApiProblem.invalid("status", "use POST /api/tasks/" + id + "/" + (in.status() == TaskStatus.COMPLETED
                        ? "complete" : "block") + " to set '" + in.status().code() + "'");
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            if (in.title() != null) {
                t.title = in.title().trim();
                changes.put("title", t.title);
            }
            if (in.description() != null) {
                t.description = in.description();
                changes.put("description", true);
            }
            if (in.instructions() != null) {
                t.instructions = in.instructions();
                changes.put("instructions", true);
            }
            if (in.priority() != null) {
                t.priority = in.priority();
                changes.put("priority", t.priority);
            }
            if (in.dueDate() != null) {
                t.dueDate = in.dueDate();
                changes.put("dueDate", t.dueDate.toString());
            }
            if (in.status() != null && in.status() != t.status) {
                changes.put("status", in.status().code());
                changes.put("previousStatus", t.status.code());
                t.status = in.status();
                t.blockedReason = null;
            }
            t.updatedAt = Instant.now();
            return tasks.flush()
                    .call(() -> activity.record(caller, t.businessId, t.campaignId, "task_updated", "task", t.id, changes))
                    .replaceWith(t);
        });
    }

    @WithTransaction
    public Uni<Task> complete(Caller caller, UUID id, String notes) {
        return findLocked(caller, id).chain(t -> complete(caller, t, notes, null));
    }

    /** Completes an open task (in the caller's transaction; its campaign must be locked); 409 when a dependency is open. */
    Uni<Task> complete(Caller caller, Task t, String notes, Map<String, Object> progress) {
        if (t.status == TaskStatus.COMPLETED) {
            throw ApiProblem.invalidTransition("task", t.id, "complete", t.status.code(), t.status.allowedActions());
        }
        Uni<Task> dependency = t.dependsOn == null ? Uni.createFrom().nullItem() : tasks.findById(t.dependsOn);
        return dependency.chain(dep -> {
            if (dep != null && dep.status != TaskStatus.COMPLETED) {
                Map<String, Object> ext = new LinkedHashMap<>();
                ext.put("currentStatus", t.status.code());
                ext.put("dependsOn", Map.of("id", dep.id, "type", dep.type, "title", dep.title, "status", dep.status.code()));
                throw ApiProblem.conflict("task " + t.id + " depends on task " + dep.id + " (" + dep.type + "), which is "
                        + dep.status.code(), ext);
            }
            t.status = TaskStatus.COMPLETED;
            t.completedAt = Instant.now();
            t.completedBy = caller.name();
            t.completionNotes = notes;
            t.blockedReason = null;
            if (progress != null) {
                t.progress = progress;
            }
            t.updatedAt = t.completedAt;
            return tasks.flush()
                    .call(() -> activity.record(caller, t.businessId, t.campaignId, "task_completed", "task", t.id,
                            Details.of("type", t.type, "assignee", t.assignee.code(), "notes", notes)))
                    .replaceWith(t);
        });
    }

    @WithTransaction
    public Uni<Task> block(Caller caller, UUID id, String reason) {
        return findLocked(caller, id).chain(t -> block(caller, t, reason));
    }

    Uni<Task> block(Caller caller, Task t, String reason) {
        if (t.status == TaskStatus.COMPLETED || t.status == TaskStatus.BLOCKED) {
            throw ApiProblem.invalidTransition("task", t.id, "block", t.status.code(), t.status.allowedActions());
        }
        t.status = TaskStatus.BLOCKED;
        t.blockedReason = reason;
        t.updatedAt = Instant.now();
        return tasks.flush()
                .call(() -> activity.record(caller, t.businessId, t.campaignId, "task_blocked", "task", t.id,
                        Details.of("type", t.type, "reason", reason)))
                .replaceWith(t);
    }

    /** Completes the open tasks of a type in every campaign of a business (e.g. connect_meta once Meta is connected). */
    Uni<Void> completeOpenOfBusiness(Caller caller, UUID businessId, String type, String notes) {
        return tasks.find("businessId = ?1 and type = ?2 and status <> ?3", businessId, type, TaskStatus.COMPLETED).list()
                .chain(open -> Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(t -> campaigns.lock(t.campaignId)
                                .chain(() -> complete(caller, t, notes, null)))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * Creates the human and system tasks of an approved campaign (seed flow 1): human — connect Meta accounts (when
     * the business has none and the campaign publishes on Facebook/Instagram), review budget and targeting; system —
     * generate content, match images (after content), set up publishing (after images). "Create images" is added
     * when the first image request arrives.
     */
    Uni<List<Task>> createForApproval(Caller caller, Campaign c, Business b) {
        Instant now = Instant.now();
        List<Task> created = new ArrayList<>();
        if (c.channels.stream().anyMatch(Channel::isMeta) && !b.hasMetaAccounts()) {
            created.add(task(c, now, Assignee.HUMAN, TaskType.CONNECT_META, "Connect Meta accounts", 1, null,
                    b.name + " has no Facebook Page / Instagram account connected yet; the campaign publishes on "
                            + String.join(", ", c.channels.stream().map(Channel::code).toList()) + ".",
                    "1. Open the business settings (or POST /api/businesses/" + b.id + "/connect-meta).\n"
                            + "2. Connect the Facebook Page, the Instagram business account and the ad account.\n"
                            + "3. Add the Meta Pixel id so conversions can be attributed."));
        }
        created.add(task(c, now, Assignee.HUMAN, TaskType.REVIEW_BUDGET, "Review budget and targeting", 3, null,
                "Confirm the budget, audience, markets and dates of \"" + c.name + "\" before launch.",
                "Daily budget: " + (c.budgetDaily == null ? "none (organic only)" : c.budgetDaily + " " + c.currency)
                        + "\nTotal budget: " + (c.budgetTotal == null ? "open" : c.budgetTotal + " " + c.currency)
                        + "\nAudience: " + c.targetAudience
                        + "\nMarkets: " + (c.targetMarkets.isEmpty() ? "business defaults" : String.join(", ", c.targetMarkets))
                        + "\nDates: " + c.startDate + (c.endDate == null ? " until stopped" : " to " + c.endDate)));
        Task generate = task(c, now, Assignee.SYSTEM, TaskType.GENERATE_CONTENT, "Generate content variations", 2, null,
                "content-service generates " + c.contentCountPerSegment + " variations per segment from the playbook's hooks.",
                "Completes when content-service reports ContentBatchCompleted for this campaign.");
        Task match = task(c, now, Assignee.SYSTEM, TaskType.MATCH_IMAGES, "Match images to content", 2, generate.id,
                "image-service pairs every piece with a library image or requests a new one.",
                "Completes when every generated piece has ImageMatched or ImageRequested.");
        Task publish = task(c, now, Assignee.SYSTEM, TaskType.SETUP_PUBLISHING, "Set up ad objects and schedule posts", 2, match.id,
                "publishing-service creates the ad objects and schedules every piece on " + String.join(", ",
                        c.channels.stream().map(Channel::code).toList()) + ".",
                "Completes when every piece has PostScheduled.");
        created.add(generate);
        created.add(match);
        created.add(publish);
        return Multi.createFrom().iterable(created)
                .onItem().transformToUniAndConcatenate(t -> tasks.persist(t).call(tasks::flush))
                .collect().asList()
                .call(() -> activity.record(caller, c.businessId, c.id, "tasks_created", "campaign", c.id,
                        Map.of("tasks", created.stream().map(t -> Map.of("id", t.id, "type", t.type, "assignee", t.assignee.code())).toList())));
    }

    /** The human task asking for images, created when the first image request of the campaign arrives. */
    Uni<Task> ensureCreateImagesTask(Caller caller, Campaign c, UUID matchTaskId) {
        return tasks.findByCampaignAndType(c.id, TaskType.CREATE_IMAGES).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Task t = task(c, Instant.now(), Assignee.HUMAN, TaskType.CREATE_IMAGES, "Create images for open image requests", 2,
                    matchTaskId, "The image library has no good match for some content pieces of \"" + c.name + "\".",
                    "1. Open the image requests of the campaign (image library → requests).\n"
                            + "2. Create each image (e.g. with the suggested prompt) and upload it with the suggested tags.\n"
                            + "3. Mark the request fulfilled; this task completes when every request is fulfilled.");
            return tasks.persist(t).call(tasks::flush)
                    .call(() -> activity.record(caller, c.businessId, c.id, "task_created", "task", t.id,
                            Details.of("type", t.type, "assignee", t.assignee.code())));
        });
    }

    private static Task task(Campaign c, Instant now, Assignee assignee, String type, String title, int priority, UUID dependsOn,
                             String description, String instructions) {
        Task t = new Task();
        t.id = UUID.randomUUID();
        t.campaignId = c.id;
        t.businessId = c.businessId;
        t.assignee = assignee;
        t.type = type;
        t.title = title;
        t.priority = priority;
        t.dependsOn = dependsOn;
        t.description = description;
        t.instructions = instructions;
        t.dueDate = c.startDate;
        t.status = TaskStatus.PENDING;
        t.createdAt = now;
        return t;
    }
}
