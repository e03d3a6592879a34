package io.campaignengine.content.domain;

import java.util.List;

/**
 * One platform's version of a piece (seed: platform_variants {facebook: {text, specs}}): the text within the
 * platform's limit, its headline/CTA, hashtags, the UTM-tagged link and the image specs.
 */
public record PlatformVariant(String platform, String placement, String text, String headline, String ctaText, List<String> hashtags,
                              String linkUrl, int characterCount, Integer characterLimit, Integer headlineLimit, boolean shortened,
                              String aspectRatio, Integer imageWidth, Integer imageHeight) {
}
