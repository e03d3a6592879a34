package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.BusinessView;
import io.campaignengine.playbook.service.BusinessInput;
import io.campaignengine.playbook.service.BusinessService;
import io.campaignengine.playbook.service.MetaAccounts;
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

/** Seed 4.1 Businesses. {id} is the business id or its slug. */
@Path("/api/businesses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Businesses")
public class BusinessResource {
    private final BusinessService service;
    private final CallerContext caller;

    public BusinessResource(BusinessService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List the businesses in the caller's scope")
    public Uni<PageResponse<BusinessView>> list(@QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        return service.list(Callers.of(caller), page, size).map(r -> PageResponse.of(r, BusinessView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get a business by id or slug")
    public Uni<BusinessView> get(@PathParam("id") String id) {
        return service.get(Callers.of(caller), id).map(BusinessView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a business (its slug must be in the caller's scope; duplicate slug: 409)")
    public Uni<Response> create(@NotNull @Valid BusinessInput body) {
        return service.create(Callers.of(caller), body)
                .map(b -> Response.created(URI.create("/api/businesses/" + b.id)).entity(BusinessView.of(b)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update a business (null fields stay unchanged; the slug cannot change)")
    public Uni<BusinessView> update(@PathParam("id") String id, @NotNull @Valid BusinessInput body) {
        return service.update(Callers.of(caller), id, body).map(BusinessView::of);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a business and everything it owns (409 while a campaign is live or paused)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(Callers.of(caller), id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("{id}/connect-meta")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the business's Meta accounts (page, Instagram, ad account, pixel); completes connect_meta tasks")
    public Uni<BusinessView> connectMeta(@PathParam("id") String id, @NotNull @Valid MetaAccounts body) {
        return service.connectMeta(Callers.of(caller), id, body).map(BusinessView::of);
    }
}
