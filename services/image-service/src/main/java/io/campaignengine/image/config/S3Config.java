package io.campaignengine.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where the image bytes live: an S3 endpoint (S3Proxy locally, MinIO or any S3 in production) and one bucket. */
@ConfigMapping(prefix = "campaign-engine.s3")
public interface S3Config {
    String url();

    String accessKey();

    String secretKey();

    String bucket();

    @WithDefault("us-east-1")
    String region();

    /** Base URL under which objects are publicly readable (for Meta), e.g. a CDN; none by default. */
    Optional<String> publicUrl();

    @WithDefault("PT15M")
    Duration presignExpiry();
}
