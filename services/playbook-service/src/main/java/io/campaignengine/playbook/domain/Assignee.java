package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Seed: tasks.assignee ENUM('human','system'); also the actor of an activity log entry. */
public enum Assignee {
    HUMAN, SYSTEM;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static Assignee of(String code) {
        return Codes.require(Assignee.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class DbConverter implements jakarta.persistence.AttributeConverter<Assignee, String> {
        public String convertToDatabaseColumn(Assignee s) {
            return Codes.code(s);
        }

        public Assignee convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
