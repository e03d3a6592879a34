package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.CallToAction;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.Tone;
import io.campaignengine.playbook.domain.VisualDirection;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic playbook drafts without a language model: the same brief always gives the same draft, built from
 * templates over the brief's product, audiences, goals, differentiators, price and tone. Good enough to start
 * from and to run the whole loop offline; a person edits it before activating.
 */
@ApplicationScoped
public class OfflinePlaybookGenerator {
    public static final String NAME = "offline-generator";

    /** Hook themes and the emotion each one plays on (tags image matching understands). */
    private static final String[][] THEMES = {
            {"roi", "achievement"}, {"story", "connection"}, {"feature", "relief"},
            {"comparison", "confidence"}, {"social_proof", "belonging"}, {"urgency", "anticipation"}};

    public PlaybookInput generate(Business business, PlaybookBrief brief) {
        String product = brief.product().trim();
        String goal = brief.goals().isEmpty() ? "get better results with less effort" : lowerFirst(brief.goals().get(0));
        String diff = brief.differentiators().isEmpty() ? "is built for exactly this job" : lowerFirst(brief.differentiators().get(0));
        String price = brief.price() == null || brief.price().isBlank() ? null : brief.price().trim();
        List<String> markets = !brief.markets().isEmpty() ? brief.markets() : business.targetMarkets;

        // audiences
        List<AudienceSegment> segments = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String a : brief.audiences()) {
            String id = uniqueId(slug(a), ids);
            segments.add(new AudienceSegment(id, titleCase(a),
                    titleCase(a) + " who want to " + goal + ".",
                    List.of("Not enough time to " + goal, "Tools that promise a lot and deliver little",
                            "Unclear return on money and effort"),
                    List.of("To " + goal, "Visible results they can point to", "Something simple that just works"),
                    List.copyOf(markets)));
        }
        String audienceList = joinNatural(segments.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());

        String positioning = "For " + audienceList + " who want to " + goal + ", " + product + " is "
                + (brief.description() == null || brief.description().isBlank() ? "the straightforward way to get there"
                : lowerFirst(stripPeriod(brief.description().trim())))
                + (price != null ? " — for " + price : "") + ". Unlike generic alternatives, it " + diff + ".";

        String founderStory = brief.founderStory() != null && !brief.founderStory().isBlank() ? brief.founderStory()
                : business.name + " started because its founders lived the problem: " + audienceList
                + " kept asking for a way to " + goal + " without the overhead. " + product
                + " is the answer they built — and keep improving with the people who use it.";

        // key messages per segment
        Map<String, List<String>> keyMessages = new LinkedHashMap<>();
        for (AudienceSegment s : segments) {
            List<String> m = new ArrayList<>();
            m.add(product + " helps " + s.name().toLowerCase(Locale.ROOT) + " " + goal + ".");
            m.add("Unlike the alternatives, " + product + " " + diff + ".");
            if (price != null) {
                m.add("All of it for " + price + " — less than the cost of the problem it solves.");
            } else {
                m.add("Start small, see the results, then grow with it.");
            }
            for (int i = 1; i < brief.goals().size() && m.size() < 5; i++) {
                m.add("Built to help you " + lowerFirst(brief.goals().get(i)) + ".");
            }
            keyMessages.put(s.id(), List.copyOf(m));
        }

        List<ObjectionHandler> objections = List.of(
                new ObjectionHandler(price != null ? "Is it worth " + price + "?" : "Is it worth the money?",
                        "Count what the problem costs you today: " + product + " pays for itself as soon as it helps you "
                                + goal + ".", List.of()),
                new ObjectionHandler("I don't have time to learn another tool.",
                        product + " is set up in minutes and fits into what you already do.", List.of()),
                new ObjectionHandler("How is this different from what I already use?",
                        "It " + diff + " — generic tools leave that part to you.", List.of()),
                new ObjectionHandler("Will it work for someone like me?",
                        "It was built with " + audienceList + "; start with a trial and judge by your own results.", List.of()));

        // hooks: at least six, one per theme, cycling through the segments
        List<Hook> hooks = new ArrayList<>();
        int n = Math.max(6, segments.size() * 2);
        for (int i = 0; i < n; i++) {
            AudienceSegment s = segments.get(i % segments.size());
            String[] theme = THEMES[i % THEMES.length];
            hooks.add(new Hook("h" + (i + 1), hookText(theme[0], s, product, goal, diff, price), List.of(s.id()),
                    theme[0], theme[1], "untested"));
        }

        String url = business.websiteUrl;
        List<CallToAction> ctas = List.of(
                new CallToAction(price != null ? "Start Free Trial" : "Get Started", url, List.of()),
                new CallToAction("Learn More", url, List.of()));

        String voice = brief.tone() == null || brief.tone().isBlank() ? "warm, clear and confident" : brief.tone().trim();
        Tone tone = new Tone(voice,
                Arrays.stream(voice.split("\\s*(,|and)\\s*")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
                List.of("Lead with the reader's outcome", "Use concrete numbers and examples", "One message per post"),
                List.of("Hype and superlatives", "Jargon", "Guilt or fear as the main driver"));

        VisualDirection visual = new VisualDirection(
                "Authentic, bright photography of real " + audienceList + " in their own setting; clean layouts with space for one short headline",
                business.brandColors,
                List.of("Show the outcome, not the tool", "Real people, natural light", "Brand colors as accents, not backgrounds",
                        "Readable on a phone: large type, high contrast"),
                List.of("Stock-photo handshakes and forced smiles", "Cluttered screenshots", "Walls of text in images"),
                List.of("product_screenshot", "happy_customer", "before_after", "lifestyle"));

        Map<String, Object> content = new LinkedHashMap<>();
        content.put("generator", NAME);
        content.put("brief", briefMap(brief));

        String name = brief.name() != null && !brief.name().isBlank() ? brief.name().trim() : product + " Playbook";
        return new PlaybookInput(business.id, name, positioning, founderStory, segments, keyMessages, objections, hooks, ctas,
                visual, tone, content);
    }

    private static String hookText(String theme, AudienceSegment s, String product, String goal, String diff, String price) {
        String who = s.name();
        return switch (theme) {
            case "roi" -> price != null
                    ? "What if " + price + " was all it took to " + goal + "?"
                    : "The simplest return you'll get this year: " + goal + " with " + product + ".";
            case "story" -> "\"I tried everything to " + goal + ". Then I found " + product + ".\" — a story every " + singular(who) + " knows.";
            case "feature" -> who + ": stop doing it the hard way. " + product + " " + diff + ".";
            case "comparison" -> "Generic tools vs. " + product + ": only one was built for " + who.toLowerCase(Locale.ROOT) + ".";
            case "social_proof" -> who + " are already using " + product + " to " + goal + ". Here's what changed.";
            default -> "This is the week to " + goal + " — " + product + " gets you there faster.";
        };
    }

    private static Map<String, Object> briefMap(PlaybookBrief b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product", b.product());
        if (b.description() != null) {
            m.put("description", b.description());
        }
        if (b.price() != null) {
            m.put("price", b.price());
        }
        m.put("audiences", b.audiences());
        m.put("goals", b.goals());
        if (b.tone() != null) {
            m.put("tone", b.tone());
        }
        m.put("markets", b.markets());
        m.put("differentiators", b.differentiators());
        return m;
    }

    static String slug(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (n.isEmpty()) {
            n = "segment";
        }
        return n.length() > 40 ? n.substring(0, 40).replaceAll("_+$", "") : n;
    }

    private static String uniqueId(String base, Set<String> ids) {
        String id = base;
        for (int i = 2; !ids.add(id); i++) {
            id = base + "_" + i;
        }
        return id;
    }

    private static String titleCase(String s) {
        String t = s.trim();
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static String lowerFirst(String s) {
        String t = stripPeriod(s.trim());
        if (t.length() > 1 && Character.isUpperCase(t.charAt(0)) && Character.isLowerCase(t.charAt(1))) {
            return Character.toLowerCase(t.charAt(0)) + t.substring(1);
        }
        return t;
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String singular(String who) {
        String w = who.toLowerCase(Locale.ROOT);
        return w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }

    private static String joinNatural(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
