package io.campaignengine.playbook.api;

import io.campaignengine.playbook.domain.CampaignStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * Rendered pages of {@code GET /api/campaigns?businessId=…}, each with the version of the business's campaign list it
 * was read at ({@code campaign_list_versions}, moved by triggers in every transaction that writes one of the
 * business's campaigns or tasks, on whichever instance). A request asks PostgreSQL for the version alone — one index
 * lookup that also checks the caller's scope — and while it has not moved, the page is answered as it was rendered.
 * The list screen is polled by every marketer of a business and changes far less often than it is read; rendering it
 * (20 campaigns, ~30 KB of JSON) was most of the request's CPU (bench/gateway). Lists without a businessId span the
 * caller's whole scope and are not kept.
 * <p>
 * Bounded: at most {@code campaign-engine.playbook.list-cache.max-entries} pages (256; 0 turns the cache off) and
 * {@code .max-bytes} of them (16 MiB); the least recently used go first.
 */
@ApplicationScoped
public class CampaignListCache {
    /** Everything a business's page depends on besides the data: the filters and the page asked for. */
    record Key(UUID businessId, CampaignStatus status, UUID playbookId, int page, int size) {
    }

    /** The JSON body as sent, and the list version it shows. */
    record Page(long version, byte[] body) {
    }

    private final int maxEntries;
    private final long maxBytes;
    /** Access order: the least recently used page first. Guarded by itself. */
    private final LinkedHashMap<Key, Page> pages = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public CampaignListCache(@ConfigProperty(name = "campaign-engine.playbook.list-cache.max-entries", defaultValue = "256") int maxEntries,
                             @ConfigProperty(name = "campaign-engine.playbook.list-cache.max-bytes", defaultValue = "16777216") long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    boolean enabled() {
        return maxEntries > 0 && maxBytes > 0;
    }

    /** The page rendered at {@code version}, or null (never rendered, evicted, or the list moved on since). */
    Page get(Key key, long version) {
        synchronized (pages) {
            Page p = pages.get(key);
            return p != null && p.version() == version ? p : null;
        }
    }

    /** Keeps the newer of two renderings that finish out of order; drops the least recently used beyond the bounds. */
    void put(Key key, Page page) {
        if (page.body().length > maxBytes) {
            return;
        }
        synchronized (pages) {
            Page old = pages.get(key);
            if (old != null && old.version() > page.version()) {
                return;
            }
            if (old != null) {
                bytes -= old.body().length;
            }
            pages.put(key, page);
            bytes += page.body().length;
            var eldest = pages.entrySet().iterator();
            while ((pages.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
                bytes -= eldest.next().getValue().body().length;
                eldest.remove();
            }
        }
    }

    int size() {
        synchronized (pages) {
            return pages.size();
        }
    }

    /** The list version as an HTTP entity tag: the same page of the same version is the same bytes. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** If-None-Match (RFC 9110 §13.1.2): {@code *}, or a list of tags, weak ones compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*") || t.equals(etag) || (t.startsWith("W/") && t.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
