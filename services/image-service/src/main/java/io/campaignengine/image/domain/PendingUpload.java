package io.campaignengine.image.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A presigned PUT handed out (POST /api/images/upload-url), waiting for its confirm call. */
@Entity
@Table(name = "pending_uploads")
public class PendingUpload {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "object_key", nullable = false, length = 500)
    public String objectKey;

    @Column(nullable = false)
    public String filename;

    /** The metadata and tags given with the request (type, category, tags, altText, description, fulfillsRequestId). */
    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(metadata as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> metadata = Map.of();

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
