package io.campaignengine.playbook.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A business (tenant), e.g. Melissa for Educators (slug {@code melissa}). Seed 3.2 businesses. */
@Entity
@Table(name = "businesses")
public class Business {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true, length = 100)
    public String slug;

    public String description;

    @Column(name = "website_url", length = 500)
    public String websiteUrl;

    @Convert(converter = JsonColumn.StringMap.class)
    @ColumnTransformer(read = "cast(brand_colors as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "brand_colors", nullable = false, columnDefinition = "jsonb")
    public Map<String, String> brandColors = Map.of();

    @Column(name = "meta_page_id", length = 100)
    public String metaPageId;

    @Column(name = "meta_ig_id", length = 100)
    public String metaInstagramId;

    @Column(name = "meta_ad_account", length = 100)
    public String metaAdAccountId;

    @Column(name = "pixel_id", length = 100)
    public String pixelId;

    @Column(nullable = false, length = 3)
    public String currency = "USD";

    @Column(nullable = false, length = 64)
    public String timezone = "UTC";

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(target_markets as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "target_markets", nullable = false, columnDefinition = "jsonb")
    public List<String> targetMarkets = List.of();

    @Convert(converter = JsonColumn.StringMap.class)
    @ColumnTransformer(read = "cast(settings as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> settings = Map.of();

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    /** Whether the Meta accounts needed to publish on Facebook and Instagram are known. */
    public boolean hasMetaAccounts() {
        return metaPageId != null && !metaPageId.isBlank();
    }
}
