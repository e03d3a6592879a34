package io.campaignengine.publishing.api;

import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.publishing.service.PostService;
import io.campaignengine.publishing.service.Views;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** Posts and ads with their schedule; the publishing queue. */
@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {
    private final PostService service;
    private final CallerContext caller;

    public PostResource(PostService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    public record RescheduleRequest(@NotNull Instant scheduledFor) {
    }

    @GET
    @Path("posts")
    @Operation(summary = "Posts of your businesses, newest slot first (filters: business, campaign, content, platform, status)")
    public Uni<PageResponse<Views.PostView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                                  @QueryParam("contentId") String contentId, @QueryParam("platform") String platform,
                                                  @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("50") int size) {
        return service.list(caller, businessId, campaignId, contentId, platform, status, page, size).map(r -> PageResponse.of(r, Views.PostView::of));
    }

    @GET
    @Path("posts/{id}")
    public Uni<Views.PostView> get(@PathParam("id") String id) {
        return service.get(caller, id).map(Views.PostView::of);
    }

    @POST
    @Path("posts/{id}/publish-now")
    @Operation(summary = "Publish a scheduled (or failed) post at once")
    public Uni<Views.PostView> publishNow(@PathParam("id") String id) {
        return service.publishNow(caller, id).map(Views.PostView::of);
    }

    @POST
    @Path("posts/{id}/cancel")
    @Operation(summary = "Take a post that has not gone out off the schedule")
    public Uni<Views.PostView> cancel(@PathParam("id") String id) {
        return service.cancel(caller, id).map(Views.PostView::of);
    }

    @POST
    @Path("posts/{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a post that has not gone out to another time")
    public Uni<Views.PostView> reschedule(@PathParam("id") String id, @NotNull @Valid RescheduleRequest body) {
        return service.reschedule(caller, id, body.scheduledFor()).map(Views.PostView::of);
    }

    @GET
    @Path("publishing/queue")
    @Operation(summary = "What goes out next (scheduled and publishing posts, soonest first), by business or campaign")
    public Uni<List<Views.PostView>> queue(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                           @QueryParam("limit") @DefaultValue("50") int limit) {
        return service.queue(caller, businessId, campaignId, limit).map(l -> l.stream().map(Views.PostView::of).toList());
    }
}
