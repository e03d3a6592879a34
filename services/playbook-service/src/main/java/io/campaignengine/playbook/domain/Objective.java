package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a campaign optimizes for (CampaignObjective of the event contract, lower case). */
public enum Objective {
    AWARENESS, ENGAGEMENT, TRAFFIC, LEAD_GENERATION, TRIALS, SALES, APP_INSTALLS, RETENTION, RE_ENGAGEMENT, UPSELL,
    REFERRAL, EVENT_PROMOTION;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static Objective of(String code) {
        return Codes.require(Objective.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class DbConverter implements jakarta.persistence.AttributeConverter<Objective, String> {
        public String convertToDatabaseColumn(Objective s) {
            return Codes.code(s);
        }

        public Objective convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
