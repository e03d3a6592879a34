package io.campaignengine.image.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where an image is shown, with what Meta accepts there: the allowed aspect ratios (width / height) and the minimum
 * size. Facebook feed: 1.91:1 down to 4:5; Instagram feed: 1:1 or 4:5; stories (both platforms): 9:16. Ratios match
 * within {@link #TOLERANCE} (cropping a few pixels is fine; a 3:2 photo is not a square).
 */
public enum Placement {
    FACEBOOK_FEED("1.91:1", 600, 315, new double[0], 0.8, 1.91),
    INSTAGRAM_FEED("1:1", 600, 600, new double[]{1.0, 0.8}, 0, 0),
    STORY("9:16", 600, 1067, new double[]{9.0 / 16.0}, 0, 0);

    /** Relative tolerance on an exact aspect ratio. */
    public static final double TOLERANCE = 0.02;

    private final String aspectRatio;
    private final int minWidth;
    private final int minHeight;
    private final double[] exactRatios;
    private final double minRatio;
    private final double maxRatio;

    Placement(String aspectRatio, int minWidth, int minHeight, double[] exactRatios, double minRatio, double maxRatio) {
        this.aspectRatio = aspectRatio;
        this.minWidth = minWidth;
        this.minHeight = minHeight;
        this.exactRatios = exactRatios;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
    }

    /** The aspect ratio to ask for when an image has to be made for this placement. */
    public String aspectRatio() {
        return aspectRatio;
    }

    public int minWidth() {
        return minWidth;
    }

    public int minHeight() {
        return minHeight;
    }

    /** Whether an image of this size suits the placement. */
    public boolean suits(int width, int height) {
        if (width < minWidth || height < minHeight || height <= 0) {
            return false;
        }
        double ratio = (double) width / height;
        if (exactRatios.length == 0) {
            return ratio >= minRatio * (1 - TOLERANCE) && ratio <= maxRatio * (1 + TOLERANCE);
        }
        for (double r : exactRatios) {
            if (Math.abs(ratio - r) <= r * TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Placement parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (v.equals("STORIES")) {
            return STORY;
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
