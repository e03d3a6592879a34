package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlaybookSnapshot;
import io.campaignengine.content.domain.Scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores a variation 0..100 for brand voice, clarity and hook alignment (seed 5.1 step 5), deterministically, with the
 * reasons for every deduction or bonus. The same scorer judges offline and AI output, so scores are comparable.
 */
public final class Scorer {
    private Scorer() {
    }

    private static final Set<String> HYPE = Set.of("guaranteed", "amazing", "incredible", "unbelievable", "revolutionary",
            "best ever", "act now", "100%", "miracle", "insane", "crazy");

    public static Scores score(PlaybookSnapshot playbook, PlaybookSnapshot.Hook hook, String headline, String body, String cta) {
        List<String> voiceReasons = new ArrayList<>();
        List<String> clarityReasons = new ArrayList<>();
        List<String> hookReasons = new ArrayList<>();
        String all = (headline + " " + body + " " + (cta == null ? "" : cta));
        String lower = all.toLowerCase(Locale.ROOT);

        // ---- brand voice: the playbook's tone (attributes, dos, donts), no hype, no shouting
        double voice = 80;
        PlaybookSnapshot.Tone tone = playbook.tone();
        if (tone != null) {
            for (String dont : safe(tone.donts())) {
                Set<String> words = Text.contentWords(dont);
                if (!words.isEmpty() && Text.contentWords(all).containsAll(words) && words.size() <= 3) {
                    voice -= 20;
                    voiceReasons.add("uses something the tone avoids: \"" + dont + "\"");
                }
            }
            Set<String> toneWords = Text.contentWords(String.join(" ", safe(tone.attributes())) + " " + String.join(" ", safe(tone.dos())));
            Set<String> textWords = Text.contentWords(all);
            long shared = toneWords.stream().filter(textWords::contains).count();
            if (shared > 0) {
                voice += Math.min(10, shared * 4);
                voiceReasons.add("echoes the tone (" + shared + " word(s) of its attributes/dos)");
            }
        }
        for (String h : HYPE) {
            if (lower.contains(h)) {
                voice -= 12;
                voiceReasons.add("hype word \"" + h + "\"");
            }
        }
        long exclamations = all.chars().filter(c -> c == '!').count();
        if (exclamations > 2) {
            voice -= 5 * (exclamations - 2);
            voiceReasons.add(exclamations + " exclamation marks");
        }
        long capsWords = Text.words(all.replaceAll("[^A-Za-z' ]", " ")).stream().count() == 0 ? 0
                : java.util.Arrays.stream(all.split("\\s+")).filter(w -> w.length() > 3 && w.equals(w.toUpperCase(Locale.ROOT))
                        && w.chars().anyMatch(Character::isLetter)).count();
        if (capsWords > 1) {
            voice -= 6 * capsWords;
            voiceReasons.add(capsWords + " words in capitals");
        }
        if (voiceReasons.isEmpty()) {
            voiceReasons.add("neutral: nothing against the playbook's tone");
        }

        // ---- clarity: sentence length, headline length, body length, a clear call to action
        double clarity = 90;
        List<String> sentences = Text.sentences(body);
        int words = Text.words(body).size();
        double avg = sentences.isEmpty() ? words : (double) words / sentences.size();
        if (avg > 22) {
            clarity -= Math.min(30, (avg - 22) * 2);
            clarityReasons.add(String.format(Locale.ROOT, "long sentences (%.1f words on average)", avg));
        } else {
            clarityReasons.add(String.format(Locale.ROOT, "sentences of %.1f words on average", avg));
        }
        int hw = Text.words(headline).size();
        if (hw < 3) {
            clarity -= 15;
            clarityReasons.add("headline of " + hw + " word(s) says little");
        } else if (hw > 14) {
            clarity -= 10;
            clarityReasons.add("headline of " + hw + " words is hard to scan");
        }
        if (words < 12) {
            clarity -= 20;
            clarityReasons.add("body of " + words + " words is too thin");
        } else if (words > 220) {
            clarity -= 10;
            clarityReasons.add("body of " + words + " words is long for social");
        }
        if (cta == null || cta.isBlank()) {
            clarity -= 15;
            clarityReasons.add("no call to action");
        } else {
            clarityReasons.add("clear call to action \"" + cta + "\"");
        }

        // ---- hook alignment: the hook's content words (and theme/emotion) in the headline and the body's opening
        double alignment;
        if (hook == null) {
            alignment = 50;
            hookReasons.add("no hook to align with");
        } else {
            Set<String> hookWords = Text.contentWords(hook.text());
            Set<String> head = Text.contentWords(headline + " " + (sentences.isEmpty() ? "" : sentences.get(0)));
            Set<String> whole = Text.contentWords(all);
            long inHead = hookWords.stream().filter(head::contains).count();
            long inAll = hookWords.stream().filter(whole::contains).count();
            double coverage = hookWords.isEmpty() ? 1 : (double) inAll / hookWords.size();
            double lead = hookWords.isEmpty() ? 1 : (double) inHead / hookWords.size();
            alignment = 35 + 40 * coverage + 25 * lead;
            hookReasons.add(String.format(Locale.ROOT, "%d of %d hook words in the text, %d in the headline/opening", inAll,
                    hookWords.size(), inHead));
            if (hook.theme() != null && whole.contains(Text.stem(hook.theme().toLowerCase(Locale.ROOT).replace('_', ' ').split(" ")[0]))) {
                hookReasons.add("names the hook's theme " + hook.theme());
            }
        }
        voice = clamp(voice);
        clarity = clamp(clarity);
        alignment = clamp(alignment);
        double overall = Math.round((voice + clarity + alignment) / 3 * 100) / 100.0;
        return new Scores(voice, clarity, alignment, overall, voiceReasons, clarityReasons, hookReasons);
    }

    static double clamp(double v) {
        return Math.round(Math.max(0, Math.min(100, v)) * 100) / 100.0;
    }

    private static List<String> safe(List<String> l) {
        return l == null ? List.of() : l;
    }
}
