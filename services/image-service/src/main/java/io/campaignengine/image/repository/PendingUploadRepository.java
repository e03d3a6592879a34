package io.campaignengine.image.repository;

import io.campaignengine.image.domain.PendingUpload;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PendingUploadRepository implements PanacheRepositoryBase<PendingUpload, UUID> {

    public Uni<List<PendingUpload>> expired(Instant now, int max) {
        return find("expiresAt < ?1 order by expiresAt", now).page(0, max).list();
    }
}
