package io.campaignengine.image.domain;

import java.util.Locale;

/** Seed 3.2 image_requests.status. */
public enum RequestStatus {
    PENDING, IN_PROGRESS, COMPLETED, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this == PENDING || this == IN_PROGRESS;
    }

    public static RequestStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
