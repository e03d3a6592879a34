package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.ActivityEntry;
import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.repository.ActivityRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Writes activity_log entries, in the transaction of the state change they describe. */
@ApplicationScoped
public class ActivityLog {
    private final ActivityRepository repository;

    public ActivityLog(ActivityRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> record(Caller caller, UUID businessId, UUID campaignId, String action, String entityType, UUID entityId,
                            Map<String, Object> details) {
        ActivityEntry e = new ActivityEntry();
        e.id = UUID.randomUUID();
        e.businessId = businessId;
        e.campaignId = campaignId;
        e.actor = caller.system() ? Assignee.SYSTEM : Assignee.HUMAN;
        e.actorName = caller.name();
        e.action = action;
        e.entityType = entityType;
        e.entityId = entityId;
        e.details = details == null ? Map.of() : details;
        e.createdAt = Instant.now();
        return repository.persist(e).replaceWithVoid();
    }
}
