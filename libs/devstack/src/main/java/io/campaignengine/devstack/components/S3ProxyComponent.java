package io.campaignengine.devstack.components;

import io.campaignengine.devstack.Component;
import io.campaignengine.devstack.Ports;
import io.campaignengine.devstack.ProcessSpec;
import io.campaignengine.devstack.StackContext;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** S3Proxy with the filesystem backend under {@code <datadir>/s3/data}, AWS v2/v4 auth with the dev keys; creates bucket `images`. */
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

    public static MinioClient client(StackContext ctx) {
        return MinioClient.builder().endpoint(ctx.s3Url()).credentials(StackContext.S3_ACCESS_KEY, StackContext.S3_SECRET_KEY)
                .region("us-east-1").build();
    }

    @Override
    public void afterReady(StackContext ctx) throws Exception {
        try (MinioClient c = client(ctx)) {
            if (!c.bucketExists(BucketExistsArgs.builder().bucket(StackContext.S3_BUCKET).build())) {
                c.makeBucket(MakeBucketArgs.builder().bucket(StackContext.S3_BUCKET).build());
                ctx.log(NAME, "created bucket " + StackContext.S3_BUCKET);
            }
        }
    }

    @Override
    public List<Endpoint> endpoints(StackContext ctx) {
        return List.of(new Endpoint("", ctx.s3Url() + " (bucket " + StackContext.S3_BUCKET + ", " + StackContext.S3_ACCESS_KEY
                + " / " + StackContext.S3_SECRET_KEY + ")"));
    }
}
