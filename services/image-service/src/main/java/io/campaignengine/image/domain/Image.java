package io.campaignengine.image.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** A library image (seed 3.2 images); the bytes live in S3 under {@link #storageKey}, the thumbnail under {@link #thumbnailKey}. */
@Entity
@Table(name = "images")
public class Image {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(nullable = false)
    public String filename;

    @Column(name = "storage_key", nullable = false, length = 500)
    public String storageKey;

    @Column(name = "thumbnail_key", length = 500)
    public String thumbnailKey;

    /** Why the thumbnail is what it is, when it is not a 320 px rendition (e.g. a WebP that could not be decoded). */
    @Column(name = "thumbnail_note")
    public String thumbnailNote;

    @Convert(converter = Codes.ImageTypeCode.class)
    @Column(nullable = false, length = 20)
    public ImageType type = ImageType.GENERIC;

    @Column(length = 100)
    public String category;

    @Convert(converter = JsonColumns.TagsJson.class)
    @ColumnTransformer(read = "cast(tags as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Tags tags = Tags.EMPTY;

    @Column(name = "alt_text", length = 500)
    public String altText;

    public String description;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    @Column(name = "mime_type", nullable = false, length = 100)
    public String mimeType;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "usage_count", nullable = false)
    public int usageCount;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
