package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlaybookSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The deterministic offline provider (the default): composes variations from the playbook's hooks, key messages,
 * objection handlers, pain points/desires and CTAs with templates per content type. Seeded by (seed, variation index):
 * the same inputs give the same text; different indexes pick different openers, messages, objections and closers.
 * Every template is a complete sentence around the playbook's own phrases, so output stays grammatical.
 */
public class OfflineGenerator implements VariationProvider {
    public static final String MODEL = "offline-templates-v1";

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public double cost(long inputTokens, long outputTokens) {
        return 0;
    }

    @Override
    public ProviderResult generate(GenerationRequest r) {
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < r.count(); i++) {
            drafts.add(draft(r, r.firstIndex() + i));
        }
        return new ProviderResult(drafts, name(), MODEL, null, 0, 0, 1, List.of());
    }

    Draft draft(GenerationRequest r, int index) {
        PlaybookSnapshot p = r.playbook();
        SplittableRandom rnd = new SplittableRandom(r.seed() * 31 + index * 1_000_003L + r.segmentId().hashCode());
        PlaybookSnapshot.Segment seg = p.segment(r.segmentId());
        String segName = seg == null ? Text.capitalize(r.segmentId().replace('_', ' ')) : seg.name();
        String audience = segName.toLowerCase(Locale.ROOT);
        String hook = Text.sentence(r.hook().text());
        List<String> messages = nonEmpty(p.messagesFor(r.segmentId()), List.of(Text.sentence(p.positioning())));
        List<PlaybookSnapshot.Objection> objections = p.objectionsFor(r.segmentId());
        List<String> pains = seg == null || seg.painPoints() == null ? List.of() : seg.painPoints();
        List<String> desires = seg == null || seg.desires() == null ? List.of() : seg.desires();
        List<PlaybookSnapshot.Cta> ctas = p.ctasFor(r.segmentId());

        String message = Text.sentence(pick(messages, index, rnd));
        String pain = pains.isEmpty() ? null : Text.clause(pick(pains, index + 1, rnd)).toLowerCase(Locale.ROOT);
        String desire = desires.isEmpty() ? null : Text.clause(pick(desires, index + 2, rnd)).toLowerCase(Locale.ROOT);
        PlaybookSnapshot.Objection objection = objections.isEmpty() ? null : objections.get(Math.floorMod(index + rnd.nextInt(3), objections.size()));
        String cta = ctas.isEmpty() ? "Learn more" : Text.clause(ctas.get(Math.floorMod(index, ctas.size())).text());
        if (Text.length(cta) > 100) {
            cta = Text.shorten(cta, 100);
        }

        String headline = headline(r, index, hook, segName, audience, message, pain, desire, p.name());
        String opener = opener(index, rnd, hook, audience, pain);
        String body = switch (r.contentType()) {
            case "ad" -> String.join(" ", nonNull(opener, message, proof(objection, index), Text.sentence(cta) + " " + closer(index, desire)));
            case "story" -> String.join(" ", nonNull(hook, message, Text.sentence(cta)));
            default -> {
                List<String> parts = new ArrayList<>();
                parts.add(opener);
                if (pain != null && index % 2 == 0) {
                    parts.add("If " + pain + " is taking more of your week than it should, you are not alone.");
                }
                parts.add(message);
                String second = messages.size() > 1 ? Text.sentence(messages.get(Math.floorMod(index + 1, messages.size()))) : null;
                if (second != null && !second.equals(message)) {
                    parts.add(second);
                }
                String proof = proof(objection, index);
                if (proof != null) {
                    parts.add(proof);
                }
                if (p.founderStory() != null && !p.founderStory().isBlank() && index % 3 == 1) {
                    parts.add(Text.sentence(Text.sentences(p.founderStory()).get(0)));
                }
                parts.add(closer(index, desire));
                parts.add(Text.sentence(cta) + (index % 2 == 0 ? " It takes a few minutes." : ""));
                yield String.join(" ", nonNull(parts.toArray(String[]::new)));
            }
        };
        if (r.guidance() != null && !r.guidance().isBlank() && "organic_post".equals(r.contentType())) {
            body = body + " " + Text.sentence(r.guidance());
        }
        return new Draft(Text.shorten(headline, 255), body.replaceAll("\\s+", " ").strip(), cta, List.of(), List.of());
    }

    static String headline(GenerationRequest r, int index, String hook, String segName, String audience, String message, String pain,
                           String desire, String product) {
        String hookClause = Text.clause(hook);
        List<String> options = new ArrayList<>();
        if (Text.words(hook).size() <= 12) {
            options.add(Text.capitalize(hook));
        }
        options.add(segName + ": " + Text.decapitalize(hookClause));
        if (desire != null && pain != null) {
            options.add(Text.capitalize(desire) + ", without the " + pain);
        }
        options.add("Why " + audience + " are talking about " + product);
        String firstMessage = Text.clause(Text.sentences(message).isEmpty() ? message : Text.sentences(message).get(0));
        if (Text.words(firstMessage).size() <= 12) {
            options.add(Text.capitalize(firstMessage));
        }
        if (desire != null) {
            options.add("For " + audience + " who want " + desire);
        }
        return options.get(Math.floorMod(index, options.size()));
    }

    static String opener(int index, SplittableRandom rnd, String hook, String audience, String pain) {
        String h = Text.clause(hook);
        return switch (Math.floorMod(index + rnd.nextInt(2), 4)) {
            case 0 -> hook;
            case 1 -> "Here is a question for " + audience + ": " + Text.decapitalize(h) + (hook.endsWith("?") ? "" : "?");
            case 2 -> pain == null ? hook : Text.sentence(Text.capitalize(h)) + " Especially if " + pain + " keeps getting in the way.";
            default -> "Let's be honest. " + hook;
        };
    }

    static String proof(PlaybookSnapshot.Objection o, int index) {
        if (o == null) {
            return null;
        }
        String objection = Text.clause(o.objection());
        objection = objection.endsWith("?") ? objection.substring(0, objection.length() - 1) : objection;
        return switch (Math.floorMod(index, 3)) {
            case 0 -> "Worried that " + Text.decapitalize(objection) + "? " + Text.sentence(o.response());
            case 1 -> "\"" + Text.capitalize(objection) + ".\" We hear that a lot. " + Text.sentence(o.response());
            default -> Text.sentence(o.response());
        };
    }

    static String closer(int index, String desire) {
        if (desire == null) {
            return index % 2 == 0 ? "You deserve a plan that works." : "Start with one small step.";
        }
        return switch (Math.floorMod(index, 3)) {
            case 0 -> "You deserve " + desire + ".";
            case 1 -> "Picture what " + desire + " would change for you.";
            default -> Text.capitalize(desire) + " is closer than it looks.";
        };
    }

    static <T> T pick(List<T> list, int index, SplittableRandom rnd) {
        return list.get(Math.floorMod(index + rnd.nextInt(Math.max(1, list.size())), list.size()));
    }

    static List<String> nonEmpty(List<String> l, List<String> fallback) {
        return l == null || l.isEmpty() ? fallback : l;
    }

    static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
