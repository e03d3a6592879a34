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
import java.util.Optional;
import java.util.UUID;

/**
 * A version of a business's strategic playbook (seed 3.2 playbooks). Versions of one playbook share a
 * {@code lineageId}; at most one playbook per business is active.
 */
@Entity
@Table(name = "playbooks")
public class Playbook {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "lineage_id", nullable = false)
    public UUID lineageId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int version = 1;

    @Column(nullable = false, length = 16)
    public PlaybookStatus status = PlaybookStatus.DRAFT;

    public String positioning;

    @Column(name = "founder_story")
    public String founderStory;

    @Convert(converter = JsonColumns.Audiences.class)
    @ColumnTransformer(read = "cast(audiences as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<AudienceSegment> audiences = List.of();

    /** Key messages by segment id. */
    @Convert(converter = JsonColumn.StringListMap.class)
    @ColumnTransformer(read = "cast(key_messages as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "key_messages", nullable = false, columnDefinition = "jsonb")
    public Map<String, List<String>> keyMessages = Map.of();

    @Convert(converter = JsonColumns.Objections.class)
    @ColumnTransformer(read = "cast(objection_handlers as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "objection_handlers", nullable = false, columnDefinition = "jsonb")
    public List<ObjectionHandler> objectionHandlers = List.of();

    @Convert(converter = JsonColumns.Hooks.class)
    @ColumnTransformer(read = "cast(hooks as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Hook> hooks = List.of();

    @Convert(converter = JsonColumns.Visual.class)
    @ColumnTransformer(read = "cast(visual_direction as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "visual_direction", nullable = false, columnDefinition = "jsonb")
    public VisualDirection visualDirection = VisualDirection.empty();

    @Convert(converter = JsonColumns.ToneJson.class)
    @ColumnTransformer(read = "cast(tone as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Tone tone = Tone.empty();

    @Convert(converter = JsonColumns.Ctas.class)
    @ColumnTransformer(read = "cast(calls_to_action as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "calls_to_action", nullable = false, columnDefinition = "jsonb")
    public List<CallToAction> callsToAction = List.of();

    /** Full playbook content beyond the structured sections (free form). */
    @Convert(converter = JsonColumn.ObjectMap.class)
    @ColumnTransformer(read = "cast(content as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> content = Map.of();

    /** "manual", "offline-generator" or the AI model that drafted it. */
    @Column(name = "generated_by", length = 50)
    public String generatedBy;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "activated_by")
    public String activatedBy;

    @Column(name = "archived_at")
    public Instant archivedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    public Optional<AudienceSegment> segment(String segmentId) {
        return audiences.stream().filter(a -> a.id().equals(segmentId)).findFirst();
    }

    public List<String> segmentIds() {
        return audiences.stream().map(AudienceSegment::id).toList();
    }

    public List<String> hookIds() {
        return hooks.stream().map(Hook::id).toList();
    }
}
