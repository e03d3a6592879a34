package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.Playbook;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class PlaybookRepository implements PanacheRepositoryBase<Playbook, UUID> {

    public Uni<Playbook> findActive(UUID businessId) {
        return find("businessId = :b and status = :s",
                Parameters.with("b", businessId).and("s", PlaybookStatus.ACTIVE)).firstResult();
    }

    /** Every version of a playbook, newest first. */
    public Uni<List<Playbook>> versions(UUID lineageId) {
        return find("lineageId", Sort.descending("version"), lineageId).list();
    }

    public Uni<Integer> latestVersion(UUID lineageId) {
        return find("select max(p.version) from Playbook p where p.lineageId = ?1", lineageId)
                .project(Integer.class).firstResult();
    }

    /**
     * Playbooks of the businesses with the given slugs; by default only the latest version of each playbook
     * (or its active version), all versions with {@code allVersions}.
     */
    public Uni<PageResult<Playbook>> page(Set<String> scopeSlugs, UUID businessId, PlaybookStatus status,
                                          boolean allVersions, int page, int size) {
        Filter f = new Filter()
                .where("p.businessId in (select b.id from Business b where b.slug in :slugs)", "slugs", scopeSlugs)
                .where("p.businessId = :businessId", "businessId", businessId)
                .where("p.status = :status", "status", status);
        if (!allVersions && status == null) {
            f.always("(p.status = :active or p.version = (select max(p2.version) from Playbook p2 where p2.lineageId = p.lineageId))",
                    "active", PlaybookStatus.ACTIVE);
        }
        var query = find("from Playbook p where " + f.query(), Sort.descending("createdAt").and("id"), f.params());
        return PageResult.of(query, page, size);
    }
}
