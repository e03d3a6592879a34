package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** This service's copy of a playbook version received in PlaybookActivated. */
@Entity
@Table(name = "playbooks")
public class PlaybookCopy {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public boolean active;

    @Convert(converter = JsonColumns.Playbook.class)
    @ColumnTransformer(read = "cast(snapshot as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public PlaybookSnapshot snapshot;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
