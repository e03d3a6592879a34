package io.campaignengine.image.api;

import io.campaignengine.image.api.Views.CancelRequest;
import io.campaignengine.image.api.Views.FulfillRequest;
import io.campaignengine.image.api.Views.RequestView;
import io.campaignengine.image.domain.RequestStatus;
import io.campaignengine.image.service.RequestService;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Seed 4.1 image requests and flow 3 (fulfil an image request). */
@Path("/api/images/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Image requests")
public class RequestResource {
    private final RequestService service;
    private final CallerContext caller;

    public RequestResource(RequestService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List image requests, pending first, by priority (filters: businessId, campaignId, status, comma-separated)")
    public Uni<PageResponse<RequestView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                               @QueryParam("status") String status,
                                               @QueryParam("page") @DefaultValue("0") int page,
                                               @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        List<RequestStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                RequestStatus st = RequestStatus.parse(s);
                if (st == null) {
                    throw ValidationProblem.of("status", "'" + s.trim() + "' is not one of [pending, in_progress, completed, cancelled]");
                }
                statuses.add(st);
            }
        }
        return service.list(caller, Params.uuid("businessId", businessId), Params.uuid("campaignId", campaignId), statuses, page, size)
                .map(r -> new PageResponse<>(r.items().stream().map(RequestView::of).toList(), r.page(), r.size(), r.totalItems(),
                        r.totalPages()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get an image request with its prompt and suggested tags")
    public Uni<RequestView> get(@PathParam("id") String id) {
        return service.get(caller, Params.id("image request", id)).map(RequestView::of);
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Someone is making the image: pending → in_progress")
    public Uni<RequestView> start(@PathParam("id") String id) {
        return service.start(caller, Params.id("image request", id)).map(RequestView::of);
    }

    @POST
    @Path("{id}/fulfill")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Link the request to an uploaded image → completed, ImageRequestFulfilled naming the waiting content")
    public Uni<RequestView> fulfill(@PathParam("id") String id, @NotNull @Valid FulfillRequest body) {
        return service.fulfill(caller, Params.id("image request", id), Params.requiredUuid("imageId", body.imageId()))
                .map(RequestView::of);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Cancel an open request (reason optional)")
    public Uni<RequestView> cancel(@PathParam("id") String id, @Valid CancelRequest body) {
        return service.cancel(caller, Params.id("image request", id), body == null ? null : Params.text(body.reason()))
                .map(RequestView::of);
    }
}
