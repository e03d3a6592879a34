package io.campaignengine.playbook.domain;

import java.util.List;

/** Brand voice: how content sounds. */
public record Tone(String voice, List<String> attributes, List<String> dos, List<String> donts) {
    public Tone {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        dos = dos == null ? List.of() : List.copyOf(dos);
        donts = donts == null ? List.of() : List.copyOf(donts);
    }

    public static Tone empty() {
        return new Tone(null, null, null, null);
    }
}
