package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** Seed: ENUM('pending','in_progress','completed','blocked'). */
public enum TaskStatus {
    PENDING, IN_PROGRESS, COMPLETED, BLOCKED;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static TaskStatus of(String code) {
        return Codes.require(TaskStatus.class, code);
    }

    public boolean isOpen() {
        return this != COMPLETED;
    }

    public List<String> allowedActions() {
        return switch (this) {
            case PENDING, IN_PROGRESS -> List.of("update", "complete", "block");
            case BLOCKED -> List.of("update", "complete");
            case COMPLETED -> List.of();
        };
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class DbConverter implements jakarta.persistence.AttributeConverter<TaskStatus, String> {
        public String convertToDatabaseColumn(TaskStatus s) {
            return Codes.code(s);
        }

        public TaskStatus convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
