package io.campaignengine.playbook.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of content a campaign asks for (seed content.type, extended: the event contract's ContentType). */
public enum ContentKind {
    AD, ORGANIC_POST, STORY, REEL, CAROUSEL, EMAIL, VIDEO_SCRIPT, LANDING_PAGE;

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    @JsonCreator
    public static ContentKind of(String code) {
        return Codes.require(ContentKind.class, code);
    }
}
