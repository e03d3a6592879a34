package io.campaignengine.playbook;

import java.util.List;
import java.util.Map;

import static io.campaignengine.playbook.Api.ALICE;
import static io.campaignengine.playbook.Api.BOB;
import static io.campaignengine.playbook.Api.as;

/** Drives a campaign to live through the API (tasks completed by people, in dependency order). */
final class LifecycleSupport {
    private LifecycleSupport() {
    }

    static final List<String> COMPLETION_ORDER = List.of("connect_meta", "review_budget", "generate_content", "match_images",
            "create_images", "setup_publishing");

    static void completeAllTasks(String campaignId) {
        for (String type : COMPLETION_ORDER) {
            Map<String, Object> t = Api.task(campaignId, type);
            if (t != null && !"completed".equals(t.get("status"))) {
                as(BOB).body(Map.of("notes", "done by hand")).post("/api/tasks/" + t.get("id") + "/complete").then().statusCode(200);
            }
        }
    }

    static String liveCampaign(String name) {
        String id = Api.approvedCampaign(name);
        completeAllTasks(id);
        as(ALICE).post("/api/campaigns/" + id + "/launch").then().statusCode(200);
        return id;
    }
}
