package io.campaignengine.image.service;

import io.campaignengine.image.config.S3Config;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * The image bucket through the MinIO SDK. Every method BLOCKS (HTTP to S3): call them through {@link Blocking}.
 * Keys are namespaced per business: {@code businesses/<businessId>/images/<imageId>/original.<ext>},
 * {@code .../thumbnail.<ext>}, and {@code businesses/<businessId>/uploads/<uploadId>} for presigned PUTs.
 */
@ApplicationScoped
public class ObjectStore {
    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    private final MinioClient minio;
    private final S3Config config;

    public ObjectStore(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    public static String originalKey(UUID businessId, UUID imageId, String extension) {
        return "businesses/" + businessId + "/images/" + imageId + "/original." + extension;
    }

    public static String thumbnailKey(UUID businessId, UUID imageId, String extension) {
        return "businesses/" + businessId + "/images/" + imageId + "/thumbnail." + extension;
    }

    public static String uploadKey(UUID businessId, UUID uploadId) {
        return "businesses/" + businessId + "/uploads/" + uploadId;
    }

    public String bucket() {
        return config.bucket();
    }

    public void put(String key, byte[] bytes, String contentType) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            minio.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key).stream(in, bytes.length, -1)
                    .contentType(contentType).build());
        } catch (Exception e) {
            throw new StorageException("cannot store " + key, e);
        }
    }

    /** Size of the object, empty when it does not exist. */
    public Optional<Long> size(String key) {
        try {
            StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build());
            return Optional.of(stat.size());
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw new StorageException("cannot stat " + key, e);
        } catch (Exception e) {
            throw new StorageException("cannot stat " + key, e);
        }
    }

    public byte[] get(String key) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new StorageException("cannot read " + key, e);
        }
    }

    /** Removes the object; a missing one is fine (S3 DELETE is idempotent). */
    public void remove(String key) {
        if (key == null) {
            return;
        }
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
        } catch (Exception e) {
            throw new StorageException("cannot remove " + key, e);
        }
    }

    /** Best-effort clean-up after a failure: logs instead of hiding the original error. */
    public void removeQuietly(String key) {
        try {
            remove(key);
        } catch (RuntimeException e) {
            LOG.warnf("could not remove %s after a failed upload: %s", key, e.toString());
        }
    }

    public String presignedGet(String key) {
        return presign(Method.GET, key);
    }

    public String presignedPut(String key) {
        return presign(Method.PUT, key);
    }

    private String presign(Method method, String key) {
        try {
            return minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method).bucket(config.bucket()).object(key)
                    .expiry((int) config.presignExpiry().toSeconds()).build());
        } catch (Exception e) {
            throw new StorageException("cannot presign " + key, e);
        }
    }

    /** The URL that goes into events: the public URL when one is configured, else the object's S3 URL (path style). */
    public String storageUrl(String key) {
        if (key == null) {
            return null;
        }
        return publicUrl(key).orElseGet(() -> trimSlash(config.url()) + "/" + config.bucket() + "/" + key);
    }

    public Optional<String> publicUrl(String key) {
        return config.publicUrl().filter(u -> !u.isBlank()).map(u -> trimSlash(u) + "/" + key);
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse() == null ? null : e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || (e.response() != null && e.response().code() == 404);
    }

    public static class StorageException extends RuntimeException {
        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
