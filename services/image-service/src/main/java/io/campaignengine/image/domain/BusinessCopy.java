package io.campaignengine.image.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Local copy of a business's id and slug (BusinessCreated/BusinessUpdated): the token's scope is in slugs. */
@Entity
@Table(name = "businesses")
public class BusinessCopy {
    @Id
    public UUID id;

    @Column(nullable = false, length = 100)
    public String slug;

    public String name;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
