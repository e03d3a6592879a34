package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.domain.Task;
import io.campaignengine.playbook.domain.TaskStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {

    public Uni<List<Task>> listByCampaign(UUID campaignId) {
        return find("campaignId", Sort.by("createdAt").and("priority").and("id"), campaignId).list();
    }

    /** The campaign of a task (without loading it), null when the task does not exist. */
    public Uni<UUID> campaignOf(UUID taskId) {
        return getSession().chain(s -> s.createNativeQuery("select campaign_id from tasks where id = :id", UUID.class)
                        .setParameter("id", taskId)
                        .getResultList())
                .map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Task> findByCampaignAndType(UUID campaignId, String type) {
        return find("campaignId = :c and type = :t", Parameters.with("c", campaignId).and("t", type)).firstResult();
    }

    public Uni<PageResult<Task>> page(Set<String> scopeSlugs, UUID businessId, UUID campaignId, Assignee assignee,
                                      TaskStatus status, String type, int page, int size) {
        Filter f = new Filter()
                .where("t.businessId in (select b.id from Business b where b.slug in :slugs)", "slugs", scopeSlugs)
                .where("t.businessId = :businessId", "businessId", businessId)
                .where("t.campaignId = :campaignId", "campaignId", campaignId)
                .where("t.assignee = :assignee", "assignee", assignee)
                .where("t.status = :status", "status", status)
                .where("t.type = :type", "type", type);
        var query = find("from Task t where " + f.query(), Sort.descending("createdAt").and("priority").and("id"), f.params());
        return PageResult.of(query, page, size);
    }
}
