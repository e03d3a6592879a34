package io.campaignengine.image;

import io.campaignengine.events.Envelope;
import io.campaignengine.events.business.BusinessCreated;
import io.campaignengine.events.common.BusinessProfile;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.events.common.UtmParams;
import io.campaignengine.events.content.ContentGenerated;
import io.campaignengine.events.content.ContentImageAssigned;
import io.campaignengine.events.content.ContentScores;
import io.campaignengine.events.content.GenerationMetadata;
import io.campaignengine.events.content.ImageAssignment;
import io.campaignengine.events.playbook.AudienceSegment;
import io.campaignengine.events.playbook.Hook;
import io.campaignengine.events.playbook.HookStatus;
import io.campaignengine.events.playbook.Playbook;
import io.campaignengine.events.playbook.PlaybookActivated;
import io.campaignengine.events.playbook.Tone;
import io.campaignengine.events.playbook.VisualDirection;
import io.campaignengine.events.publishing.PostKind;
import io.campaignengine.events.publishing.PostPublished;
import io.campaignengine.events.publishing.PostScheduled;
import io.campaignengine.testkit.TestKafka;
import io.campaignengine.testkit.TestTokens;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.GetObjectArgs;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Test data through the real event backbone (BusinessCreated, PlaybookActivated, ContentGenerated ... published to
 * Kafka as Debezium would) and a MinIO client on the test stack's S3 to check the objects themselves.
 */
public final class Fixtures {
    public static final String ALICE = TestTokens.ALICE; // admin; melissa, vaquero
    public static final String BOB = TestTokens.BOB;     // marketer; melissa
    public static final String CAROL = TestTokens.CAROL; // viewer; vaquero
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Fixtures() {
    }

    public static RequestSpecification as(String user) {
        return TestTokens.as(user);
    }

    public static Envelope envelope(UUID business, UUID campaign) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setBusinessId(business.toString()).setCampaignId(campaign == null ? null : campaign.toString())
                .setCorrelationId("test-" + UUID.randomUUID()).build();
    }

    /** A fresh business with this slug (the token scopes are slugs), known to image-service once this returns. */
    public static UUID business(String slug) {
        UUID id = UUID.randomUUID();
        TestKafka.publish(BusinessCreated.newBuilder()
                .setEnvelope(envelope(id, null))
                .setBusiness(BusinessProfile.newBuilder().setBusinessId(id).setName("Test " + slug).setSlug(slug)
                        .setBrandColors(Map.of()).setCurrency("USD").setTimezone("America/Chicago").setTargetMarkets(List.of("US-TX"))
                        .setSettings(Map.of()).setCreatedAt(Instant.now()).build())
                .setCreatedBy("test")
                .build());
        String user = slug.equals("vaquero") ? CAROL : BOB;
        await().atMost(WAIT).until(() -> as(user).queryParam("businessId", id).get("/api/images").statusCode() == 200);
        return id;
    }

    /** Activates a playbook: segments tia_seeker/true_believer, hook emotions achievement/relief, themes roi/story. */
    public static UUID playbook(UUID business) {
        UUID id = UUID.randomUUID();
        TestKafka.publish(PlaybookActivated.newBuilder()
                .setEnvelope(envelope(business, null))
                .setPlaybook(Playbook.newBuilder().setPlaybookId(id).setBusinessId(business).setName("Test playbook").setVersion(1)
                        .setPositioning("For Texas teachers who want their students' growth to count.")
                        .setAudienceSegments(List.of(segment("tia_seeker"), segment("true_believer")))
                        .setKeyMessages(List.of()).setObjectionHandlers(List.of())
                        .setHooks(List.of(
                                Hook.newBuilder().setHookId("h1").setText("What if $99 unlocked your designation?").setStatus(HookStatus.UNTESTED)
                                        .setSegmentIds(List.of("tia_seeker")).setTheme("roi").setEmotion("achievement").build(),
                                Hook.newBuilder().setHookId("h2").setText("I spent 12 Sundays on my portfolio.").setStatus(HookStatus.UNTESTED)
                                        .setSegmentIds(List.of("tia_seeker")).setTheme("story").setEmotion("relief").build()))
                        .setCallsToAction(List.of())
                        .setVisualDirection(VisualDirection.newBuilder().setStyle("warm documentary photography")
                                .setBrandColors(Map.of("primary", "#6A1A19")).setImageGuidelines(List.of("real classrooms"))
                                .setAvoid(List.of("stock-photo smiles")).setPreferredImageCategories(List.of("happy_teacher", "feature_screenshot"))
                                .build())
                        .setTone(Tone.newBuilder().setVoice("warm").setAttributes(List.of()).setDos(List.of()).setDonts(List.of()).build())
                        .setActivatedAt(Instant.now()).setActivatedBy("test").build())
                .build());
        return id;
    }

    /** Waits until image-service holds this playbook as the business's active one. */
    public static void awaitPlaybook(UUID business, UUID playbook) {
        await().atMost(WAIT).until(() -> playbook.toString().equals(
                as(BOB).queryParam("businessId", business).get("/api/images/tags").then().statusCode(200).extract().path("playbookId")));
    }

    static AudienceSegment segment(String id) {
        return AudienceSegment.newBuilder().setSegmentId(id).setName(id.replace('_', ' ')).setPainPoints(List.of()).setDesires(List.of())
                .setTargetMarkets(List.of()).build();
    }

    public static ContentGenerated content(UUID business, UUID campaign, UUID contentId, ContentType type, String segment,
                                           List<String> emotions, List<String> themes, Platform... platforms) {
        List<PlatformVariant> variants = new ArrayList<>();
        for (Platform p : platforms) {
            variants.add(PlatformVariant.newBuilder().setPlatform(p).setText("Post text").setHashtags(List.of()).setCharacterCount(9).build());
        }
        return ContentGenerated.newBuilder()
                .setEnvelope(envelope(business, campaign))
                .setContentId(contentId).setBatchId(UUID.randomUUID()).setContentType(type).setPlaybookId(UUID.randomUUID())
                .setPlaybookVersion(1).setSegmentId(segment).setHookId("h1").setHookText("What if $99 unlocked your designation?")
                .setHeadline("Your designation in ten minutes a week").setBody("Body").setCtaText("Start").setCtaUrl("https://example.com")
                .setUtm(UtmParams.newBuilder().setSource("facebook").setMedium("paid").setCampaign("c").setContent("x").build())
                .setTrackedUrl("https://example.com?utm_source=facebook").setEmotions(emotions).setThemes(themes)
                .setPlatformVariants(variants)
                .setScores(ContentScores.newBuilder().setBrandVoice(0.8).setClarity(0.8).setHookAlignment(0.8).setOverall(0.8).build())
                .setGeneration(GenerationMetadata.newBuilder().setModel("offline").setVariationIndex(0).build())
                .build();
    }

    public static ContentImageAssigned assigned(UUID business, UUID campaign, UUID content, UUID image) {
        return ContentImageAssigned.newBuilder().setEnvelope(envelope(business, campaign)).setContentId(content).setImageId(image)
                .setImageUrl("s3://x").setAssignment(ImageAssignment.MANUAL).build();
    }

    public static PostScheduled scheduled(UUID business, UUID campaign, UUID content) {
        return PostScheduled.newBuilder().setEnvelope(envelope(business, campaign)).setPostId(UUID.randomUUID()).setContentId(content)
                .setPlatform(Platform.FACEBOOK).setPostKind(PostKind.ORGANIC).setScheduledFor(Instant.now().plusSeconds(3600))
                .setTargetMarkets(List.of()).setTargeting(Map.of()).build();
    }

    public static PostPublished published(UUID business, UUID campaign, UUID content) {
        return PostPublished.newBuilder().setEnvelope(envelope(business, campaign)).setPostId(UUID.randomUUID()).setContentId(content)
                .setPlatform(Platform.FACEBOOK).setPlatformPostId("fb_" + UUID.randomUUID()).setPublishedAt(Instant.now()).setAttempt(1)
                .build();
    }

    // ------------------------------------------------------------------------------------------------ uploads

    public static Response upload(String user, UUID business, String filename, byte[] bytes, String declaredType, String... fields) {
        RequestSpecification r = as(user).contentType("multipart/form-data").multiPart("file", filename, bytes, declaredType).multiPart("businessId", business.toString());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            r = r.multiPart(fields[i], fields[i + 1]);
        }
        return r.post("/api/images/upload");
    }

    // ------------------------------------------------------------------------------------------------ S3

    private static MinioClient minio;

    public static synchronized MinioClient s3() {
        if (minio == null) {
            var c = ConfigProvider.getConfig();
            minio = MinioClient.builder().endpoint(c.getValue("campaign-engine.s3.url", String.class)).region("us-east-1")
                    .credentials(c.getValue("campaign-engine.s3.access-key", String.class), c.getValue("campaign-engine.s3.secret-key", String.class))
                    .build();
        }
        return minio;
    }

    public static String bucket() {
        return ConfigProvider.getConfig().getValue("campaign-engine.s3.bucket", String.class);
    }

    public static boolean exists(String key) {
        try {
            s3().statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build());
            return true;
        } catch (io.minio.errors.ErrorResponseException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] read(String key) {
        try (InputStream in = s3().getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key under the business's prefix (to prove nothing was left behind). */
    public static List<String> keys(UUID business) {
        List<String> out = new ArrayList<>();
        try {
            for (var item : s3().listObjects(ListObjectsArgs.builder().bucket(bucket()).prefix("businesses/" + business + "/").recursive(true)
                    .build())) {
                out.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
