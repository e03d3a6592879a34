package io.campaignengine.bench.kit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls of the benchmarks' set-up: an unexpected status is an exception naming the call and the body. */
public final class Http {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Http() {
    }

    /** A demo user's access token (password = user name) from the dev-only public client campaign-engine-cli. */
    public static String token(HttpClient http, String oidcUrl, String user) throws Exception {
        String form = "grant_type=password&client_id=campaign-engine-cli&username=" + user + "&password="
                + URLEncoder.encode(user, StandardCharsets.UTF_8);
        String body = send(http, HttpRequest.newBuilder(URI.create(oidcUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30)).build(), 200);
        Matcher m = ACCESS_TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no access token: " + body);
        }
        return m.group(1);
    }

    /** The body, when the status is one of {@code ok}. */
    public static String send(HttpClient http, HttpRequest request, int... ok) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (Arrays.stream(ok).noneMatch(s -> s == r.statusCode())) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
