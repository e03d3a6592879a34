package io.campaignengine.content.repository;

import io.campaignengine.content.domain.ContentRevision;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RevisionRepository implements PanacheRepositoryBase<ContentRevision, UUID> {
    public Uni<List<ContentRevision>> of(UUID contentId) {
        return find("contentId", Sort.descending("revision"), contentId).list();
    }
}
