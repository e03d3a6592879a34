package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.PlaybookView;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.campaignengine.playbook.service.PlaybookBrief;
import io.campaignengine.playbook.service.PlaybookInput;
import io.campaignengine.playbook.service.PlaybookService;
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

import java.net.URI;
import java.util.List;

/** Seed 4.1 Playbooks, plus the versions of a playbook. */
@Path("/api/playbooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Playbooks")
public class PlaybookResource {
    private final PlaybookService service;
    private final CallerContext caller;

    public PlaybookResource(PlaybookService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List playbooks (latest version of each, or every version with allVersions=true)")
    public Uni<PageResponse<PlaybookView>> list(@QueryParam("businessId") String businessId, @QueryParam("status") String status,
                                                @QueryParam("allVersions") @DefaultValue("false") boolean allVersions,
                                                @QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        return service.list(Callers.of(caller), Params.uuid("businessId", businessId), Params.code("status", PlaybookStatus.class, status),
                allVersions, page, size).map(r -> PageResponse.of(r, PlaybookView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get a playbook version")
    public Uni<PlaybookView> get(@PathParam("id") String id) {
        return service.get(Callers.of(caller), Params.id("playbook", id)).map(PlaybookView::of);
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Every version of the playbook, newest first")
    public Uni<List<PlaybookView>> versions(@PathParam("id") String id) {
        return service.versions(Callers.of(caller), Params.id("playbook", id)).map(l -> l.stream().map(PlaybookView::of).toList());
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Create a draft playbook")
    public Uni<Response> create(@NotNull @Valid PlaybookInput body) {
        return service.create(Callers.of(caller), body).map(PlaybookResource::created);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Update a playbook: a draft in place; an active playbook gets a new active version (returned)")
    public Uni<PlaybookView> update(@PathParam("id") String id, @NotNull @Valid PlaybookInput body) {
        return service.update(Callers.of(caller), Params.id("playbook", id), body).map(PlaybookView::of);
    }

    @POST
    @Path("{id}/activate")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Make this the business's active playbook (the previous one is archived)")
    public Uni<PlaybookView> activate(@PathParam("id") String id) {
        return service.activate(Callers.of(caller), Params.id("playbook", id)).map(PlaybookView::of);
    }

    @POST
    @Path("generate")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Draft a playbook from a brief (AI when configured, else the offline generator)")
    public Uni<Response> generate(@NotNull @Valid PlaybookBrief body) {
        return service.generate(Callers.of(caller), body).map(PlaybookResource::created);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a draft playbook no campaign uses")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(Callers.of(caller), Params.id("playbook", id)).replaceWith(Response.noContent().build());
    }

    private static Response created(io.campaignengine.playbook.domain.Playbook p) {
        return Response.created(URI.create("/api/playbooks/" + p.id)).entity(PlaybookView.of(p)).build();
    }
}
