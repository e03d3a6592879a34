package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A publishing channel of a campaign (seed: channels ["facebook", "instagram"]). */
public enum Channel {
    FACEBOOK, INSTAGRAM, TWITTER, LINKEDIN, TIKTOK, EMAIL;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static Channel of(String code) {
        return Codes.require(Channel.class, code);
    }

    /** Channels published through Meta (need connected Meta accounts). */
    public boolean isMeta() {
        return this == FACEBOOK || this == INSTAGRAM;
    }
}
