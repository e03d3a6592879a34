package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * S3Proxy with the filesystem backend under {@code <datadir>/s3/data}, real authentication with the dev keys
 * (AWS signature v2 or v4); creates bucket {@code images}.
 */
public final class S3ProxyComponent implements Component {
    public static final String NAME = "s3";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortSpec> ports(StackContext ctx) {
        return List.of(new PortSpec("S3 API", ctx.port(Ports.S3)));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public void start(StackContext ctx) throws Exception {
        Path dir = ctx.componentDir(NAME);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "# written by libs/devstack on every start",
                "s3proxy.endpoint=http://127.0.0.1:" + ctx.port(Ports.S3),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + StackContext.S3_ACCESS_KEY,
                "s3proxy.credential=" + StackContext.S3_SECRET_KEY,
                "s3proxy.cors-allow-all=true",
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                "") + "\n");
        List<String> cmd = new ArrayList<>(List.of(ctx.javaBin()));
        cmd.addAll(StackContext.smallJvmFlags("128m"));
        cmd.addAll(ctx.cdsFlags(NAME));
        cmd.addAll(List.of("-Dlogback.configurationFile=" + writeLogback(dir), "-jar",
                ctx.artifacts().archive("s3proxy").toString(), "--properties", props.toString()));
        ctx.launch(NAME, ProcessSpec.of(cmd).workDir(dir));
    }

    private static Path writeLogback(Path dir) throws java.io.IOException {
        Path p = dir.resolve("logback.xml");
        Files.writeString(p, """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>[%d] %-5level %msg \\(%logger{0}\\)%n</pattern></encoder>
                  </appender>
                  <root level="warn"><appender-ref ref="STDOUT"/></root>
                  <logger name="org.gaul.s3proxy.Main" level="info"/>
                </configuration>
                """);
        return p;
    }

    @Override
    public boolean isReady(StackContext ctx) {
        return ctx.httpStatus(ctx.s3Url() + "/") > 0;
    }

    @Override
    public void afterReady(StackContext ctx) throws Exception {
        // two plain S3 calls signed with the dev keys (AWS signature v2, accepted next to v4): no SDK on the launcher
        String bucket = "/" + StackContext.S3_BUCKET;
        int head = s3(ctx, "HEAD", bucket);
        if (head == 404) {
            int put = s3(ctx, "PUT", bucket);
            if (put != 200) {
                throw new IllegalStateException("creating bucket " + StackContext.S3_BUCKET + " failed: HTTP " + put);
            }
            ctx.log(NAME, "created bucket " + StackContext.S3_BUCKET);
        } else if (head != 200) {
            throw new IllegalStateException("checking bucket " + StackContext.S3_BUCKET + " failed: HTTP " + head
                    + (head == 403 ? " (credentials rejected)" : ""));
        }
    }

    /** An S3 request without a body, signed with AWS signature v2; returns the HTTP status. */
    static int s3(StackContext ctx, String method, String resource) throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String toSign = method + "\n\n\n" + date + "\n" + resource;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(StackContext.S3_SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        HttpRequest req = HttpRequest.newBuilder(URI.create(ctx.s3Url() + resource)).timeout(Duration.ofSeconds(10))
                .header("Date", date)
                .header("Authorization", "AWS " + StackContext.S3_ACCESS_KEY + ":" + signature)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", ctx.s3Url() + " (bucket " + StackContext.S3_BUCKET + ", " + StackContext.S3_ACCESS_KEY
                + " / " + StackContext.S3_SECRET_KEY + ")"));
    }
}
