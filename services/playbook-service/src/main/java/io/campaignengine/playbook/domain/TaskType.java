package io.campaignengine.playbook.domain;

/** The task types created for a campaign (seed flow 1: human tasks and system tasks). */
public final class TaskType {
    private TaskType() {
    }

    // human
    /** Connect the business's Facebook Page / Instagram account / ad account (only when the business has none). */
    public static final String CONNECT_META = "connect_meta";
    /** Review budget, targeting and schedule before launch. */
    public static final String REVIEW_BUDGET = "review_budget";
    /** Create the images the image library lacks (open image requests); created when the first request arrives. */
    public static final String CREATE_IMAGES = "create_images";

    // system
    /** content-service generates the variations: completes on ContentBatchCompleted. */
    public static final String GENERATE_CONTENT = "generate_content";
    /** image-service pairs every piece with an image: completes when every piece has ImageMatched or ImageRequested. */
    public static final String MATCH_IMAGES = "match_images";
    /** publishing-service sets up ad objects and schedules every piece: completes when every piece has PostScheduled. */
    public static final String SETUP_PUBLISHING = "setup_publishing";
}
