package io.campaignengine.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Upload limits, thumbnails and matching. */
@ConfigMapping(prefix = "campaign-engine.images")
public interface ImageConfig {
    /** Largest accepted file (default 30 MB): 413 above. */
    @WithDefault("31457280")
    long maxUploadBytes();

    /** Largest accepted decoded image (width x height), against decompression bombs. */
    @WithDefault("100000000")
    long maxPixels();

    /** Long side of thumbnails in pixels. */
    @WithDefault("320")
    int thumbnailSize();

    /** Seed 5.2: a top score below it makes an image request. */
    @WithDefault("0.6")
    double matchThreshold();

    /** Order of images whose scores tie: embedding (message vs alt text/description, all-MiniLM-L6-v2) or none. */
    @WithDefault("embedding")
    String tieBreaker();

    /** Candidates named in ImageMatched. */
    @WithDefault("5")
    int matchCandidates();

    /**
     * Rank from the in-memory per-business match index (checked against the library version per match), or, false,
     * straight from a database projection of the whole library per match (the old path, kept for comparison).
     */
    @WithDefault("true")
    boolean matchIndex();

    /** A business's match index not used for this long is dropped; its next match loads it again. */
    @WithDefault("PT30M")
    java.time.Duration matchIndexIdle();
}
