package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** Seed: ENUM('draft','active','archived'). */
public enum PlaybookStatus {
    DRAFT, ACTIVE, ARCHIVED;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static PlaybookStatus of(String code) {
        return Codes.require(PlaybookStatus.class, code);
    }

    /** Actions a playbook in this status accepts. */
    public List<String> allowedActions() {
        return switch (this) {
            case DRAFT -> List.of("update", "activate", "delete");
            case ACTIVE -> List.of("update");
            case ARCHIVED -> List.of("activate");
        };
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class DbConverter implements jakarta.persistence.AttributeConverter<PlaybookStatus, String> {
        public String convertToDatabaseColumn(PlaybookStatus s) {
            return Codes.code(s);
        }

        public PlaybookStatus convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
