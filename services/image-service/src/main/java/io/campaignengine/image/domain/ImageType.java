package io.campaignengine.image.domain;

import java.util.Locale;

/** Seed 3.2 images.type. */
public enum ImageType {
    PRODUCT, GENERIC, VIDEO_THUMBNAIL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageType parse(String value) {
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
