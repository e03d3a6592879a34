package io.campaignengine.image.service;

import io.campaignengine.kit.persistence.JsonColumn;
import io.campaignengine.image.config.ImageConfig;
import io.campaignengine.image.config.S3Config;
import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageType;
import io.campaignengine.image.domain.JsonColumns;
import io.campaignengine.image.domain.PendingUpload;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.events.EventFactory;
import io.campaignengine.image.repository.ContentRepository;
import io.campaignengine.image.repository.ImageRepository;
import io.campaignengine.image.repository.PageResult;
import io.campaignengine.image.repository.PendingUploadRepository;
import io.campaignengine.image.repository.PlaybookRepository;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.problem.ProblemException;
import io.campaignengine.kit.problem.Problems;
import io.campaignengine.kit.security.CallerContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The library: upload (direct or presigned PUT + confirm), read, update, delete. Bytes go to S3 before the row is
 * written; when anything after that fails, the objects are removed again, so a failed upload leaves neither an object
 * nor a row. All S3 and image work runs on worker threads ({@link Blocking}).
 */
@ApplicationScoped
public class ImageService {
    private static final Logger LOG = Logger.getLogger(ImageService.class);

    private final ImageRepository images;
    private final PendingUploadRepository pending;
    private final PlaybookRepository playbooks;
    private final ContentRepository contents;
    private final ObjectStore store;
    private final ImageInspector inspector;
    private final OutboxWriter outbox;
    private final EventFactory events;
    private final Scope scope;
    private final ImageConfig config;
    private final S3Config s3;

    public ImageService(ImageRepository images, PendingUploadRepository pending, PlaybookRepository playbooks, ContentRepository contents,
                        ObjectStore store, ImageInspector inspector, OutboxWriter outbox, EventFactory events, Scope scope,
                        ImageConfig config, S3Config s3) {
        this.images = images;
        this.pending = pending;
        this.playbooks = playbooks;
        this.contents = contents;
        this.store = store;
        this.inspector = inspector;
        this.outbox = outbox;
        this.events = events;
        this.scope = scope;
        this.config = config;
        this.s3 = s3;
    }

    /** An image and what the caller should know about what was accepted. */
    public record Saved(Image image, List<Warning> warnings) {
    }

    /** Presigned PUT handed out. */
    public record UploadTicket(UUID uploadId, String url, String method, String objectKey, Instant expiresAt, long maxBytes) {
    }

    // ------------------------------------------------------------------------------------------------ upload

    /** Direct upload; {@code read} reads the multipart file (blocking), {@code size} is its size on disk. */
    public Uni<Saved> upload(CallerContext caller, UUID businessId, String filename, long size, java.util.concurrent.Callable<byte[]> read,
                             ImageMeta meta) {
        meta.validate();
        if (size > config.maxUploadBytes()) {
            // refused before reading a byte
            return Uni.createFrom().failure(ImageInspector.tooLarge("file", size, config.maxUploadBytes()));
        }
        String user = caller.userName();
        return Panache.withSession(() -> scope.requireBusiness(caller, businessId))
                .chain(() -> Blocking.call(() -> inspector.inspect(read.call(), "file", config.maxUploadBytes(), config.maxPixels(),
                        config.thumbnailSize())))
                .chain(inspected -> store(businessId, filename, user, meta, inspected, null));
    }

    public Uni<UploadTicket> uploadUrl(CallerContext caller, UUID businessId, String filename, Long sizeBytes, ImageMeta meta) {
        meta.validate();
        if (sizeBytes != null && sizeBytes > config.maxUploadBytes()) {
            return Uni.createFrom().failure(ImageInspector.tooLarge("sizeBytes", sizeBytes, config.maxUploadBytes()));
        }
        UUID id = UUID.randomUUID();
        String key = ObjectStore.uploadKey(businessId, id);
        return Panache.withTransaction(() -> scope.requireBusiness(caller, businessId).chain(() -> {
            PendingUpload p = new PendingUpload();
            p.id = id;
            p.businessId = businessId;
            p.objectKey = key;
            p.filename = filename;
            p.metadata = metaMap(meta);
            p.createdBy = caller.userName();
            p.createdAt = Instant.now();
            p.expiresAt = p.createdAt.plus(s3.presignExpiry());
            return pending.persist(p);
        })).chain(p -> Blocking.call(() -> new UploadTicket(p.id, store.presignedPut(p.objectKey), "PUT", p.objectKey, p.expiresAt,
                config.maxUploadBytes())));
    }

    /**
     * Registers what was PUT to a presigned URL after checking it like a direct upload. Whatever the outcome, the
     * upload object and the pending row are gone afterwards (a refused file is removed, an accepted one moved).
     */
    public Uni<Saved> confirm(CallerContext caller, UUID uploadId) {
        return Panache.withSession(() -> pending.findById(uploadId)
                        .onItem().ifNull().failWith(() -> NotFound.of("upload", uploadId))
                        .call(p -> scope.require(caller, p.businessId, "upload", uploadId)))
                .chain(p -> Blocking.call(() -> store.size(p.objectKey))
                        .chain(size -> {
                            if (size.isEmpty()) {
                                return Uni.createFrom().failure(new Conflict("nothing was uploaded to the URL of upload " + uploadId
                                        + " yet").with("uploadId", uploadId));
                            }
                            if (size.get() > config.maxUploadBytes()) {
                                return Uni.createFrom().failure(ImageInspector.tooLarge("file", size.get(), config.maxUploadBytes()));
                            }
                            return Blocking.call(() -> inspector.inspect(store.get(p.objectKey), "file", config.maxUploadBytes(),
                                    config.maxPixels(), config.thumbnailSize()));
                        })
                        .chain(inspected -> store(p.businessId, p.filename, caller.userName(), meta(p.metadata), inspected, p))
                        .onFailure().call(e -> e instanceof Conflict c && c.extensions().containsKey("uploadId")
                                ? Uni.createFrom().voidItem() // nothing there yet: the client may still PUT and confirm again
                                : discardPending(p))
                        .call(saved -> Blocking.run(() -> store.removeQuietly(p.objectKey))));
    }

    private Uni<Void> discardPending(PendingUpload p) {
        return Blocking.run(() -> store.removeQuietly(p.objectKey))
                .chain(() -> Panache.withTransaction(() -> pending.deleteById(p.id)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("could not discard upload %s: %s", p.id, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Duplicate check, objects to S3, then row + ImageUploaded in one transaction; objects removed if that fails. */
    private Uni<Saved> store(UUID businessId, String filename, String user, ImageMeta meta, ImageInspector.Inspected in,
                             PendingUpload fromPending) {
        UUID id = UUID.randomUUID();
        String originalKey = ObjectStore.originalKey(businessId, id, in.format().extension());
        String thumbKey = ObjectStore.thumbnailKey(businessId, id, in.thumbnail().extension());
        return Panache.withSession(() -> images.bySha(businessId, in.sha256()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw duplicate(existing.id);
                    }
                })
                .chain(() -> Blocking.run(() -> {
                    try {
                        store.put(originalKey, in.bytes(), in.format().mimeType());
                        store.put(thumbKey, in.thumbnail().bytes(), in.thumbnail().mimeType());
                    } catch (RuntimeException e) {
                        store.removeQuietly(originalKey);
                        store.removeQuietly(thumbKey);
                        throw unavailable(e);
                    }
                }))
                .chain(() -> Panache.withTransaction(() -> playbooks.active(businessId).chain(playbook -> {
                    Image i = new Image();
                    i.id = id;
                    i.businessId = businessId;
                    i.filename = filename;
                    i.storageKey = originalKey;
                    i.thumbnailKey = thumbKey;
                    i.thumbnailNote = in.thumbnail().note();
                    i.type = meta.type() == null ? ImageType.GENERIC : meta.type();
                    i.category = meta.category();
                    i.tags = meta.tags() == null ? Tags.EMPTY : meta.tags();
                    i.altText = meta.altText();
                    i.description = meta.description();
                    i.width = in.width();
                    i.height = in.height();
                    i.fileSize = in.sizeBytes();
                    i.mimeType = in.format().mimeType();
                    i.sha256 = in.sha256();
                    i.uploadedBy = user;
                    i.createdAt = Instant.now();
                    List<Warning> warnings = TagCheck.warnings(i.tags, i.category, playbook);
                    Uni<Void> dropPending = fromPending == null ? Uni.createFrom().voidItem()
                            : pending.deleteById(fromPending.id).replaceWithVoid();
                    return images.persist(i).call(() -> dropPending)
                            .call(() -> outbox.publish(events.uploaded(i, meta.fulfillsRequestId())))
                            .map(x -> new Saved(i, warnings));
                })))
                .onFailure().call(e -> Blocking.run(() -> {
                    // not for a duplicate found before anything was written: those keys were never used
                    store.removeQuietly(originalKey);
                    store.removeQuietly(thumbKey);
                }))
                .onFailure(DbErrors::isUniqueViolation).recoverWithUni(e -> Panache.withSession(() -> images.bySha(businessId, in.sha256()))
                        .map(existing -> {
                            throw existing == null ? unavailable(e) : duplicate(existing.id);
                        }));
    }

    static Conflict duplicate(UUID existingId) {
        return (Conflict) new Conflict("the same image is already in this business's library as " + existingId)
                .with("existingImageId", existingId);
    }

    static ProblemException unavailable(Throwable e) {
        LOG.warnf("storage failure: %s", e.toString());
        return new ProblemException(503, Problems.TYPE_PREFIX + "storage-unavailable", "Service Unavailable",
                "the image store is not available; nothing was saved, try again");
    }

    // ------------------------------------------------------------------------------------------------ read / update / delete

    public Uni<Image> get(CallerContext caller, UUID id) {
        return Panache.withSession(() -> images.findById(id)
                .onItem().ifNull().failWith(() -> NotFound.of("image", id))
                .call(i -> scope.require(caller, i.businessId, "image", id)));
    }

    /** The tag vocabulary of the business's active playbook (what matching content will ask for). */
    public record Vocabulary(UUID playbookId, Integer playbookVersion, List<String> segments, List<String> emotions, List<String> themes,
                             List<String> categories) {
    }

    public Uni<Vocabulary> vocabulary(CallerContext caller, UUID businessId) {
        return Panache.withSession(() -> scope.requireBusiness(caller, businessId).chain(() -> playbooks.active(businessId)))
                .map(p -> p == null ? new Vocabulary(null, null, List.of(), List.of(), List.of(), List.of())
                        : new Vocabulary(p.playbookId, p.version, p.segments, p.emotions, p.themes, p.categories));
    }

    /** Which content uses the image, and which of it is scheduled or posted (what blocks a delete). */
    public record Usage(List<UUID> contentIds, List<UUID> scheduledOrPosted) {
    }

    public Uni<Usage> usage(UUID imageId) {
        return Panache.withSession(() -> contents.list("imageId = ?1 and retiredAt is null", imageId)
                .map(l -> new Usage(l.stream().map(c -> c.id).toList(), l.stream().filter(c -> c.live()).map(c -> c.id).toList())));
    }

    public Uni<PageResult<Image>> list(CallerContext caller, UUID businessId, ImageRepository.Filter filter, int page, int size) {
        return Panache.withSession(() -> scope.requireBusiness(caller, businessId).chain(() -> images.list(businessId, filter, page, size)));
    }

    /** Tags and metadata (null fields unchanged; tags given replace the facets given). */
    public Uni<Saved> update(CallerContext caller, UUID id, ImageMeta meta, Tags given, boolean[] facetsGiven) {
        meta.validate();
        return Panache.withTransaction(() -> images.lock(id)
                .onItem().ifNull().failWith(() -> NotFound.of("image", id))
                .call(i -> scope.require(caller, i.businessId, "image", id))
                .chain(i -> playbooks.active(i.businessId).map(playbook -> {
                    if (meta.type() != null) {
                        i.type = meta.type();
                    }
                    if (meta.category() != null) {
                        i.category = meta.category();
                    }
                    if (meta.altText() != null) {
                        i.altText = meta.altText();
                    }
                    if (meta.description() != null) {
                        i.description = meta.description();
                    }
                    if (given != null) {
                        Tags t = i.tags;
                        i.tags = new Tags(facetsGiven[0] ? given.segments() : t.segments(), facetsGiven[1] ? given.emotions() : t.emotions(),
                                facetsGiven[2] ? given.themes() : t.themes(), facetsGiven[3] ? given.keywords() : t.keywords());
                    }
                    i.updatedAt = Instant.now();
                    return new Saved(i, TagCheck.warnings(i.tags, i.category, playbook));
                })));
    }

    /** Refused (409) while scheduled or posted content uses the image; otherwise the row, then the objects, go. */
    public Uni<Void> delete(CallerContext caller, UUID id) {
        return Panache.withTransaction(() -> images.lock(id)
                        .onItem().ifNull().failWith(() -> NotFound.of("image", id))
                        .call(i -> scope.require(caller, i.businessId, "image", id))
                        .call(i -> contents.list("imageId = ?1 and retiredAt is null and (scheduledAt is not null or publishedAt is not null)", id)
                                .invoke(live -> {
                                    if (!live.isEmpty()) {
                                        throw new Conflict("image " + id + " is used by scheduled or posted content")
                                                .with("usedBy", live.stream().map(c -> c.id).toList());
                                    }
                                }))
                        .call(i -> contents.update("imageId = null, assignment = null where imageId = ?1", id))
                        .call(i -> images.delete(i)))
                .call(i -> Blocking.run(() -> {
                    store.removeQuietly(i.storageKey);
                    store.removeQuietly(i.thumbnailKey);
                }))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ URLs

    public record Urls(String original, String thumbnail, String publicUrl, String publicThumbnailUrl, Instant expiresAt) {
    }

    /** Time-limited URLs (presigned GETs; local signing, no S3 round trip) and the public ones when configured. */
    public Uni<List<Urls>> urls(List<Image> list, boolean withOriginal) {
        return Blocking.call(() -> {
            Instant expires = Instant.now().plus(s3.presignExpiry());
            List<Urls> out = new ArrayList<>(list.size());
            for (Image i : list) {
                out.add(new Urls(withOriginal ? store.presignedGet(i.storageKey) : null,
                        i.thumbnailKey == null ? null : store.presignedGet(i.thumbnailKey),
                        store.publicUrl(i.storageKey).orElse(null),
                        i.thumbnailKey == null ? null : store.publicUrl(i.thumbnailKey).orElse(null), expires));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Map<String, Object> metaMap(ImageMeta m) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (m.type() != null) {
            map.put("type", m.type().code());
        }
        map.put("category", m.category());
        map.put("tags", m.tags());
        map.put("altText", m.altText());
        map.put("description", m.description());
        map.put("fulfillsRequestId", m.fulfillsRequestId() == null ? null : m.fulfillsRequestId().toString());
        return map;
    }

    static ImageMeta meta(Map<String, Object> map) {
        Tags tags = map.get("tags") == null ? Tags.EMPTY : JsonColumn.MAPPER.convertValue(map.get("tags"), Tags.class);
        Object req = map.get("fulfillsRequestId");
        return new ImageMeta(ImageType.parse((String) map.get("type")), (String) map.get("category"), tags, (String) map.get("altText"),
                (String) map.get("description"), req == null ? null : UUID.fromString(req.toString()));
    }
}
