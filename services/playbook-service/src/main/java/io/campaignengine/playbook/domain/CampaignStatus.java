package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/**
 * Seed: ENUM('draft','review','approved','setup','live','paused','completed','failed').
 * Lifecycle: draft → review → approved → setup → live ⇄ paused → completed; failed from setup or live.
 */
public enum CampaignStatus {
    DRAFT, REVIEW, APPROVED, SETUP, LIVE, PAUSED, COMPLETED, FAILED;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static CampaignStatus of(String code) {
        return Codes.require(CampaignStatus.class, code);
    }

    /** The actions (see {@link CampaignAction}) a campaign in this status accepts, in lifecycle order. */
    public List<String> allowedActions() {
        return Arrays.stream(CampaignAction.values()).filter(a -> a.allowedFrom(this)).map(CampaignAction::code).toList();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class DbConverter implements jakarta.persistence.AttributeConverter<CampaignStatus, String> {
        public String convertToDatabaseColumn(CampaignStatus s) {
            return Codes.code(s);
        }

        public CampaignStatus convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
