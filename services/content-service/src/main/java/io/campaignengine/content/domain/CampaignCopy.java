package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** This service's copy of an approved campaign (CampaignApproved), its status kept current by later campaign events. */
@Entity
@Table(name = "campaigns")
public class CampaignCopy {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "playbook_id", nullable = false)
    public UUID playbookId;

    @Column(name = "playbook_version", nullable = false)
    public int playbookVersion;

    @Column(nullable = false)
    public String name;

    /** approved | live | paused | completed | failed */
    @Column(nullable = false)
    public String status;

    @Convert(converter = JsonColumns.Campaign.class)
    @ColumnTransformer(read = "cast(snapshot as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public CampaignSnapshot snapshot;

    /** Auto-approval floor: content whose three scores all reach it is approved without a person. */
    @Column(name = "quality_floor", nullable = false)
    public int qualityFloor;

    @Column(name = "approved_at", nullable = false)
    public Instant approvedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
