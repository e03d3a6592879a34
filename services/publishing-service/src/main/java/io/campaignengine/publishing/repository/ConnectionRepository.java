package io.campaignengine.publishing.repository;

import io.campaignengine.publishing.domain.Connection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<Connection, UUID> {

    public Uni<Connection> meta(UUID businessId) {
        return find("businessId = ?1 and platform = ?2", businessId, Connection.META).firstResult();
    }

    public Uni<List<Connection>> ofBusiness(UUID businessId) {
        return list("businessId", businessId);
    }

    /** Connected tokens expiring before {@code before} (to be re-exchanged). */
    public Uni<List<Connection>> expiringBefore(Instant before) {
        return list("status = :s and tokenExpiresAt is not null and tokenExpiresAt < :b",
                Parameters.with("s", Connection.CONNECTED).and("b", before));
    }
}
