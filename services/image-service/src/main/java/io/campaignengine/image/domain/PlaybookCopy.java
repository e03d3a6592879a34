package io.campaignengine.image.domain;

import io.campaignengine.kit.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Local copy of a business's active playbook (PlaybookActivated), reduced to the tag vocabulary (segment ids, the
 * hooks' emotions and themes, preferred image categories) and the visual direction for image prompts.
 */
@Entity
@Table(name = "playbooks")
public class PlaybookCopy {
    @Id
    @Column(name = "business_id")
    public UUID businessId;

    @Column(name = "playbook_id", nullable = false)
    public UUID playbookId;

    @Column(nullable = false)
    public int version;

    public String name;

    public String positioning;

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(segments as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> segments = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(emotions as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> emotions = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(themes as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> themes = List.of();

    @Convert(converter = JsonColumn.StringList.class)
    @ColumnTransformer(read = "cast(categories as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<String> categories = List.of();

    @Convert(converter = JsonColumns.Visual.class)
    @ColumnTransformer(read = "cast(visual_direction as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "visual_direction", nullable = false, columnDefinition = "jsonb")
    public VisualDirection visualDirection = VisualDirection.EMPTY;

    @Column(name = "activated_at")
    public Instant activatedAt;

    /** Set by PlaybookArchived when no other playbook replaced it; an archived copy no longer defines the vocabulary. */
    @Column(name = "archived_at")
    public Instant archivedAt;
}
