package io.campaignengine.metasandbox.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole sandbox state: plain public fields so it snapshots to JSON as is; references between objects are ids.
 * Guarded by its own monitor (one lock: the sandbox favours simplicity over throughput, and calls are microseconds).
 */
public class World {

    public long seed;
    /** Global id sequence: ids are deterministic for a seed and a sequence of calls. */
    public long seq;
    public long tokenSeq;
    /** Simulated clock: anchorSim + (wall - anchorWall) * speed, or a frozen instant. */
    public long anchorSimMs;
    public long anchorWallMs;
    public double speed = 1;
    public Long frozenAtMs;
    public boolean frozen;

    public Map<String, User> users = new LinkedHashMap<>();
    public Map<String, Page> pages = new LinkedHashMap<>();
    public Map<String, IgUser> igUsers = new LinkedHashMap<>();
    public Map<String, AdAccount> adAccounts = new LinkedHashMap<>();
    public Map<String, Token> tokens = new LinkedHashMap<>();
    public Map<String, AuthCode> codes = new LinkedHashMap<>();
    public Map<String, Post> posts = new LinkedHashMap<>();
    /** photo id -> post id (a /photos upload creates both, like Meta). */
    public Map<String, String> photos = new LinkedHashMap<>();
    public Map<String, Comment> comments = new LinkedHashMap<>();
    public Map<String, IgContainer> containers = new LinkedHashMap<>();
    public Map<String, IgMedia> igMedia = new LinkedHashMap<>();
    public Map<String, Campaign> campaigns = new LinkedHashMap<>();
    public Map<String, AdSet> adSets = new LinkedHashMap<>();
    public Map<String, Creative> creatives = new LinkedHashMap<>();
    public Map<String, Ad> ads = new LinkedHashMap<>();
    /** "act_x:hash" -> uploaded ad image (only its hash, name and a URL are kept, not the bytes). */
    public Map<String, AdImage> adImages = new LinkedHashMap<>();

    public String nextId(String prefix, int width) {
        seq++;
        String n = Long.toString(seq);
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = n.length(); i < width; i++) sb.append('0');
        return sb.append(n).toString();
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Opaque strings shaped like Meta's (EAA... tokens, AQ... codes); deterministic per seed. */
    public String opaque(String prefix, int length) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + (++tokenSeq) * 0xBF58476D1CE4E5B9L);
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < length) sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        return sb.toString();
    }

    // ------------------------------------------------------------------ accounts

    public static class User {
        public String id;
        public String name;
        public String businessId;
        public List<String> pageIds = new ArrayList<>();
        public List<String> adAccountIds = new ArrayList<>();
    }

    public static class Page {
        public String id;
        public String name;
        public String category = "Software";
        public String ownerUserId;
        public String igUserId;
        public long followers;
        public List<String> postIds = new ArrayList<>();
    }

    public static class IgUser {
        public String id;
        public String username;
        public String name;
        public String pageId;
        public long followers;
        public List<String> mediaIds = new ArrayList<>();
        /** Publish instants (sim ms) for the rolling 24 h quota. */
        public List<Long> publishes = new ArrayList<>();
    }

    public static class AdAccount {
        public String id;          // act_<n>
        public String accountId;   // <n>
        public String name;
        public String ownerUserId;
        public String businessId;
        public String currency = "USD";
        public String timezoneName = "Etc/UTC";
    }

    public enum TokenKind { USER, PAGE }

    public static class Token {
        public String value;
        public TokenKind kind;
        public String userId;
        public String pageId;
        public Set<String> scopes = new LinkedHashSet<>();
        public long issuedAtMs;
        /** null: never expires (page tokens from a long-lived user token). */
        public Long expiresAtMs;
        public boolean longLived;
        /** Set when invalidated (e.g. 460 password changed, 467 logged out). */
        public Integer invalidSubcode;
    }

    public static class AuthCode {
        public String code;
        public String userId;
        public String redirectUri;
        public Set<String> scopes = new LinkedHashSet<>();
        public long expiresAtMs;
        public boolean used;
    }

    // ------------------------------------------------------------------ organic

    public static class Post {
        public String id;          // <page-id>_<n>
        public String pageId;
        public String message;
        public String link;
        public String photoId;
        public String imageUrl;
        public long createdMs;
        /** When it is (or will be) visible; scheduled posts carry their scheduled time. */
        public long publishMs;
        public boolean scheduled;
        public boolean deleted;
        public Exposure exposure = new Exposure();
    }

    public static class Comment {
        public String id;
        public String parentId;    // post or IG media
        public String fromId;
        public String fromName;
        public String message;
        public long createdMs;
    }

    public static class IgContainer {
        public String id;
        public String igUserId;
        public String imageUrl;
        public String caption;
        public String mediaType = "IMAGE";
        public long createdMs;
        /** Outcome of the real fetch of image_url: null while in flight. */
        public Boolean fetchOk;
        public String fetchError;
        public Integer fetchSubcode;
        public String publishedMediaId;
    }

    public static class IgMedia {
        public String id;
        public String igUserId;
        public String containerId;
        public String caption;
        public String imageUrl;
        public String shortcode;
        public long publishMs;
        public Exposure exposure = new Exposure();
    }

    // ------------------------------------------------------------------ marketing API

    public static class Campaign {
        public String id;
        public String accountId;   // act_...
        public String name;
        public String objective;
        public String status;      // ACTIVE | PAUSED | ARCHIVED | DELETED
        public String buyingType = "AUCTION";
        public List<String> specialAdCategories = new ArrayList<>();
        public Long dailyBudget;
        public Long lifetimeBudget;
        public long createdMs;
        public long updatedMs;
    }

    public static class AdSet {
        public String id;
        public String accountId;
        public String campaignId;
        public String name;
        public String status;
        public Long dailyBudget;
        public Long lifetimeBudget;
        public Long bidAmount;
        public String billingEvent;
        public String optimizationGoal;
        public String bidStrategy;
        /** Targeting spec as JSON text, kept as given. */
        public String targeting;
        public Long startMs;
        public Long endMs;
        public long createdMs;
        public long updatedMs;
    }

    public static class Creative {
        public String id;
        public String accountId;
        public String name;
        public String objectStorySpec;   // JSON text
        public String pageId;
        public String message;
        public String headline;
        public String link;
        public String imageUrl;
        public String imageHash;
        public String callToActionType;
        public String urlTags;
        public long createdMs;
    }

    public static class AdImage {
        public String hash;
        public String accountId;
        public String name;
        public String url;
        public long createdMs;
    }

    public static class Ad {
        public String id;
        public String accountId;
        public String adsetId;
        public String campaignId;
        public String creativeId;
        public String name;
        public String status;
        public long createdMs;
        public long updatedMs;
        public Exposure exposure = new Exposure();
    }

    // ------------------------------------------------------------------ simulated audience

    /** Hidden truth and accrued delivery of one creative or post. */
    public static class Exposure {
        public String hook;
        public String segment;
        public String image;
        public String variation;
        /** The link clicks go to (CTA URL with its UTM parameters). */
        public String link;
        public String geo = "US";
        public boolean initialised;
        public double trueCtr;
        public double trueCvr;
        public double reactionRate;
        public double commentRate;
        /** Cost per 1000 impressions in minor units (ads). */
        public double cpmMinor;
        /** Audience size (reach saturation). */
        public double audience;
        /** Sim ms up to which delivery has been accrued. */
        public long cursorMs = -1;
        public long sampledHour = Long.MIN_VALUE;
        /** Counts drawn for the sampled hour, in the order of {@link Metric}. */
        public long[] hourCounts;
        public double hourSpendMinor;
        /** epoch day -> stats. */
        public TreeMap<Long, DayStats> days = new TreeMap<>();
        public long totalImpressions;
    }

    /** The counters drawn per hour. */
    public enum Metric { IMPRESSIONS, CLICKS, REACTIONS, COMMENTS, SHARES, SAVES, LANDING_VIEWS, SIGNUPS, TRIALS, PURCHASES }

    public static class DayStats {
        public long[] counts = new long[Metric.values().length];
        public double spendMinor;
        public double purchaseValue;

        public long get(Metric m) { return counts[m.ordinal()]; }

        public void add(DayStats o) {
            for (int i = 0; i < counts.length; i++) counts[i] += o.counts[i];
            spendMinor += o.spendMinor;
            purchaseValue += o.purchaseValue;
        }
    }
}
