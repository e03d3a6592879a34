package io.campaignengine.image.config;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The MinIO client (S3 API). Closed on shutdown: its OkHttp threads would otherwise keep the JVM alive ~60 s. */
@ApplicationScoped
public class StorageProducer {

    @Produces
    @Singleton
    MinioClient minio(S3Config s3) {
        return MinioClient.builder().endpoint(s3.url()).region(s3.region()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    void close(@Disposes MinioClient client) throws Exception {
        client.close();
    }
}
