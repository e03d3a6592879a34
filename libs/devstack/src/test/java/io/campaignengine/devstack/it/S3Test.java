package io.campaignengine.devstack.it;

import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Bucket;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3Test {

    @Test
    void bucketImagesExistsAndAuthIsEnforced() throws Exception {
        try (MinioClient c = MinioClient.builder().endpoint(TestStack.get("CE_S3_URL"))
                .credentials(TestStack.get("CE_S3_ACCESS_KEY"), TestStack.get("CE_S3_SECRET_KEY")).region("us-east-1").build()) {
            List<Bucket> buckets = c.listBuckets();
            assertTrue(buckets.stream().anyMatch(b -> b.name().equals("images")), "buckets: " + buckets.stream().map(Bucket::name).toList());
        }
        try (MinioClient wrong = MinioClient.builder().endpoint(TestStack.get("CE_S3_URL"))
                .credentials(TestStack.get("CE_S3_ACCESS_KEY"), "not-the-secret").region("us-east-1").build()) {
            assertThrows(ErrorResponseException.class, wrong::listBuckets);
        }
    }
}
