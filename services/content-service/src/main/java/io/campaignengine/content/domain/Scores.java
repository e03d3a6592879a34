package io.campaignengine.content.domain;

import java.util.List;

/** Quality scores of a variation, 0..100 each, with the reasons behind each (kept in generation_metadata). */
public record Scores(double brandVoice, double clarity, double hookAlignment, double overall,
                     List<String> brandVoiceReasons, List<String> clarityReasons, List<String> hookAlignmentReasons) {

    public boolean allAtLeast(double floor) {
        return brandVoice >= floor && clarity >= floor && hookAlignment >= floor;
    }
}
