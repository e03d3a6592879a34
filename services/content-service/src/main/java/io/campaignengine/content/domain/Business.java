package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Business id -> slug, from BusinessCreated/BusinessUpdated (tokens scope callers by slug). */
@Entity
@Table(name = "businesses")
public class Business {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
