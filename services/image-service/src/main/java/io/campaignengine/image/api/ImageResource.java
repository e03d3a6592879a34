package io.campaignengine.image.api;

import io.campaignengine.image.api.Views.ImageView;
import io.campaignengine.image.api.Views.MatchRequest;
import io.campaignengine.image.api.Views.MatchView;
import io.campaignengine.image.api.Views.TagsInput;
import io.campaignengine.image.api.Views.UpdateImageRequest;
import io.campaignengine.image.api.Views.UploadTicketView;
import io.campaignengine.image.api.Views.UploadUrlRequest;
import io.campaignengine.image.domain.Image;
import io.campaignengine.image.domain.ImageType;
import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.repository.ImageRepository;
import io.campaignengine.image.service.ImageMeta;
import io.campaignengine.image.service.ImageService;
import io.campaignengine.image.service.Matcher;
import io.campaignengine.image.service.MatchingService;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Seed 4.1 Images: the library, uploads and matching. */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images")
public class ImageResource {
    private final ImageService service;
    private final MatchingService matching;
    private final CallerContext caller;

    public ImageResource(ImageService service, MatchingService matching, CallerContext caller) {
        this.service = service;
        this.matching = matching;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List a business's images (filters: type, category, segment, emotion, theme, keyword, tag = any facet, unused)")
    public Uni<PageResponse<ImageView>> list(@QueryParam("businessId") String businessId, @QueryParam("type") String type,
                                             @QueryParam("category") String category, @QueryParam("segment") String segment,
                                             @QueryParam("emotion") String emotion, @QueryParam("theme") String theme,
                                             @QueryParam("keyword") String keyword, @QueryParam("tag") String tag,
                                             @QueryParam("unused") Boolean unused,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        UUID business = Params.requiredUuid("businessId", businessId);
        var filter = new ImageRepository.Filter(type(type), Tags.normalize(category), Tags.normalize(segment), Tags.normalize(emotion),
                Tags.normalize(theme), Tags.normalize(keyword), Tags.normalize(tag), unused);
        return service.list(caller, business, filter, page, size)
                .chain(r -> service.urls(r.items(), false).map(urls -> {
                    List<ImageView> views = new ArrayList<>();
                    for (int k = 0; k < r.items().size(); k++) {
                        views.add(ImageView.of(r.items().get(k), urls.get(k), null));
                    }
                    return new PageResponse<>(views, r.page(), r.size(), r.totalItems(), r.totalPages());
                }));
    }

    @GET
    @Path("tags")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "The tag vocabulary of the business's active playbook (segments, emotions, themes, image categories)")
    public Uni<ImageService.Vocabulary> tags(@QueryParam("businessId") String businessId) {
        return service.vocabulary(caller, Params.requiredUuid("businessId", businessId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get an image with time-limited URLs of the original and the thumbnail (public URLs when configured) and the content using it")
    public Uni<ImageView> get(@PathParam("id") String id) {
        return service.get(caller, Params.id("image", id))
                .chain(i -> withUrls(i).chain(v -> service.usage(i.id).map(u -> v.with(u, null))));
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Upload an image (multipart: file, businessId, type, category, altText, description, segments, emotions, "
            + "themes, keywords, fulfillsRequestId); 415 not an image, 413 too large, 409 already in the library")
    public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm("businessId") String businessId,
                                @RestForm("type") String type, @RestForm("category") String category,
                                @RestForm("altText") String altText, @RestForm("description") String description,
                                @RestForm("segments") List<String> segments, @RestForm("emotions") List<String> emotions,
                                @RestForm("themes") List<String> themes, @RestForm("keywords") List<String> keywords,
                                @RestForm("fulfillsRequestId") String fulfillsRequestId) {
        UUID business = Params.requiredUuid("businessId", businessId);
        if (file == null || file.uploadedFile() == null) {
            throw ValidationProblem.of("file", "is required (a multipart file part named 'file')");
        }
        ImageMeta meta = new ImageMeta(type(type), category, new Tags(Params.list(segments), Params.list(emotions), Params.list(themes),
                Params.list(keywords)), altText, description, Params.uuid("fulfillsRequestId", fulfillsRequestId));
        String filename = filename(file.fileName());
        return service.upload(caller, business, filename, file.size(), () -> Files.readAllBytes(file.uploadedFile()), meta)
                .chain(saved -> withUrls(saved.image()).map(v -> withWarnings(v, saved.warnings())))
                .map(v -> Response.status(201).entity(v).build());
    }

    @POST
    @Path("upload-url")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "A presigned PUT for a large file; then POST /api/images/uploads/{uploadId}/confirm")
    public Uni<Response> uploadUrl(@NotNull @Valid UploadUrlRequest body) {
        UUID business = Params.requiredUuid("businessId", body.businessId());
        ImageMeta meta = new ImageMeta(type(body.type()), body.category(), tags(body.tags()), body.altText(), body.description(),
                Params.uuid("fulfillsRequestId", body.fulfillsRequestId()));
        return service.uploadUrl(caller, business, filename(body.filename()), body.sizeBytes(), meta)
                .map(t -> Response.status(201).entity(new UploadTicketView(t.uploadId(), t.url(), t.method(), t.objectKey(), t.expiresAt(),
                        t.maxBytes(), "/api/images/uploads/" + t.uploadId() + "/confirm")).build());
    }

    @POST
    @Path("uploads/{uploadId}/confirm")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Register the object PUT to a presigned URL, checked like a direct upload (415/413/409 remove it)")
    public Uni<Response> confirm(@PathParam("uploadId") String uploadId) {
        return service.confirm(caller, Params.id("upload", uploadId))
                .chain(saved -> withUrls(saved.image()).map(v -> withWarnings(v, saved.warnings())))
                .map(v -> Response.status(201).entity(v).build());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Update tags and metadata (null = unchanged; a tag facet given replaces it)")
    public Uni<ImageView> update(@PathParam("id") String id, @NotNull @Valid UpdateImageRequest body) {
        UUID imageId = Params.id("image", id);
        TagsInput t = body.tags();
        boolean[] given = t == null ? null : new boolean[]{t.segments() != null, t.emotions() != null, t.themes() != null, t.keywords() != null};
        ImageMeta meta = new ImageMeta(type(body.type()), body.category(), null, body.altText(), body.description(), null);
        return service.update(caller, imageId, meta, tags(t), given == null ? new boolean[4] : given)
                .chain(saved -> withUrls(saved.image()).map(v -> withWarnings(v, saved.warnings())));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Delete an image and its objects; 409 while scheduled or posted content uses it")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(caller, Params.id("image", id)).map(x -> Response.noContent().build());
    }

    // ------------------------------------------------------------------------------------------------ matching

    @POST
    @Path("match")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Rank the library for a segment, emotions, themes and placement(s) (seed 5.2, each component of the score);"
            + " a message text breaks ties")
    public Uni<MatchView> match(@NotNull @Valid MatchRequest body) {
        UUID business = Params.requiredUuid("businessId", body.businessId());
        List<Placement> placements = new ArrayList<>();
        if (body.placement() != null && !body.placement().isBlank()) {
            placements.add(placement("placement", body.placement()));
        }
        if (body.placements() != null) {
            for (int k = 0; k < body.placements().size(); k++) {
                placements.add(placement("placements[" + k + "]", body.placements().get(k)));
            }
        }
        int limit = limit(body.limit());
        Matcher.Query q = new Matcher.Query(body.segment(), body.emotions(), body.themes(), placements.stream().distinct().toList());
        return matching.match(caller, business, q, body.text(), limit).chain(this::matchView);
    }

    @GET
    @Path("match")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Rank the library for a content piece this service has seen (ContentGenerated)")
    public Uni<MatchView> matchContent(@QueryParam("contentId") String contentId, @QueryParam("limit") Integer limit) {
        UUID id = Params.requiredUuid("contentId", contentId);
        return matching.matchContent(caller, id, limit(limit)).chain(this::matchView);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Uni<MatchView> matchView(MatchingService.Ranking r) {
        List<Image> shown = r.scores().stream().map(s -> r.images().get(s.imageId())).toList();
        return service.urls(shown, false).map(urls -> MatchView.of(r, urls.stream().map(ImageService.Urls::thumbnail).toList()));
    }

    private Uni<ImageView> withUrls(Image i) {
        return service.urls(List.of(i), true).map(u -> ImageView.of(i, u.get(0), null));
    }

    private static ImageView withWarnings(ImageView v, List<io.campaignengine.image.service.Warning> warnings) {
        return v.with(null, warnings);
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return 10;
        }
        if (limit < 1 || limit > 100) {
            throw ValidationProblem.of("limit", "must be between 1 and 100");
        }
        return limit;
    }

    private static Placement placement(String field, String value) {
        Placement p = Placement.parse(value);
        if (p == null) {
            throw ValidationProblem.of(field, "'" + value + "' is not one of [facebook_feed, instagram_feed, story]");
        }
        return p;
    }

    private static ImageType type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ImageType t = ImageType.parse(value);
        if (t == null) {
            throw ValidationProblem.of("type", "'" + value + "' is not one of [product, generic, video_thumbnail]");
        }
        return t;
    }

    private static Tags tags(TagsInput t) {
        return t == null ? null : new Tags(t.segments(), t.emotions(), t.themes(), t.keywords());
    }

    private static String filename(String name) {
        String n = name == null || name.isBlank() ? "image" : name.replaceAll("[\\\\/]", "_").trim();
        return n.length() > 255 ? n.substring(n.length() - 255) : n;
    }
}
