package io.campaignengine.image.service;

import io.campaignengine.image.domain.PlaybookCopy;
import io.campaignengine.image.domain.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags are free (a library outlives playbooks), but a tag the business's active playbook does not know cannot match
 * its content: it is accepted with a warning. Vocabulary: segment ids of the audiences, the emotions and themes of
 * its hooks, the preferred image categories of its visual direction.
 */
public final class TagCheck {
    private TagCheck() {
    }

    public static List<Warning> warnings(Tags tags, String category, PlaybookCopy playbook) {
        List<Warning> out = new ArrayList<>();
        if (playbook == null) {
            if (!tags.segments().isEmpty() || !tags.emotions().isEmpty() || !tags.themes().isEmpty()) {
                out.add(new Warning("tags", "the business has no active playbook here yet; tags were not checked against one"));
            }
            return out;
        }
        unknown(out, "tags.segments", tags.segments(), playbook.segments, "segment");
        unknown(out, "tags.emotions", tags.emotions(), playbook.emotions, "emotion");
        unknown(out, "tags.themes", tags.themes(), playbook.themes, "theme");
        if (category != null && !playbook.categories.isEmpty() && !playbook.categories.contains(category)) {
            out.add(new Warning("category", "'" + category + "' is not one of the playbook's preferred image categories "
                    + playbook.categories));
        }
        return out;
    }

    private static void unknown(List<Warning> out, String field, List<String> given, List<String> known, String what) {
        for (int i = 0; i < given.size(); i++) {
            String tag = given.get(i);
            if (!known.contains(tag)) {
                out.add(new Warning(field + "[" + i + "]", "'" + tag + "' is not a " + what + " of the active playbook "
                        + known + "; accepted, but content of that playbook will not match it"));
            }
        }
    }
}
