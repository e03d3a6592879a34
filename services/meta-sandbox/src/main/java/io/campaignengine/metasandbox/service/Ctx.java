package io.campaignengine.metasandbox.service;

import io.campaignengine.metasandbox.domain.World;
import io.campaignengine.metasandbox.domain.World.Token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Graph call being handled (while the world's lock is held). */
public final class Ctx {
    public final String method;
    public final List<String> segments;
    public final String version;
    public final Params params;
    public final String bearer;
    /** Absolute URL of the request without its query (for paging.next). */
    public final String url;
    public final Map<String, String> headers = new LinkedHashMap<>();
    public World w;
    public long now;
    public Token token;
    public World.User user;
    public World.Page page;
    public Simulation.Outbox outbox;
    public boolean metered;

    public Ctx(String method, List<String> segments, String version, Params params, String bearer, String url) {
        this.method = method;
        this.segments = segments;
        this.version = version;
        this.params = params;
        this.bearer = bearer;
        this.url = url;
    }

    /** The same call with other parameters (an edge expanded inside a field selection). */
    public Ctx derive(Params other) {
        Ctx c = new Ctx(method, segments, version, other, bearer, url);
        c.w = w;
        c.now = now;
        c.token = token;
        c.user = user;
        c.page = page;
        c.metered = true;
        return c;
    }

    public String path() {
        return "/" + String.join("/", segments);
    }

    public boolean get() {
        return method.equals("GET");
    }

    public boolean post() {
        return method.equals("POST");
    }

    public boolean delete() {
        return method.equals("DELETE");
    }

    public boolean scope(String s) {
        return token != null && token.scopes.contains(s);
    }

    public boolean pageToken() {
        return token != null && token.kind == World.TokenKind.PAGE;
    }
}
