package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.BudgetRequest;
import io.campaignengine.playbook.api.Views.CampaignResponse;
import io.campaignengine.playbook.api.Views.FailRequest;
import io.campaignengine.playbook.api.Views.NoteRequest;
import io.campaignengine.playbook.api.Views.ReasonRequest;
import io.campaignengine.playbook.api.Views.SummaryRequest;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.service.CampaignInput;
import io.campaignengine.playbook.service.CampaignService;
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

/**
 * Seed 4.1 Campaigns and the lifecycle actions: submit (draft → review), approve (→ setup, tasks, CampaignApproved),
 * launch, pause, resume, complete, fail, budget.
 */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
public class CampaignResource {
    private final CampaignService service;
    private final CallerContext caller;

    public CampaignResource(CampaignService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List campaigns (filters: businessId, status, playbookId), newest first")
    public Uni<PageResponse<CampaignResponse>> list(@QueryParam("businessId") String businessId, @QueryParam("status") String status,
                                                    @QueryParam("playbookId") String playbookId,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        return service.list(Callers.of(caller), Params.uuid("businessId", businessId), Params.code("status", CampaignStatus.class, status),
                Params.uuid("playbookId", playbookId), page, size).map(r -> PageResponse.of(r, CampaignResponse::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get a campaign with its task progress and allowed actions")
    public Uni<CampaignResponse> get(@PathParam("id") String id) {
        return service.get(Callers.of(caller), Params.id("campaign", id)).map(CampaignResponse::of);
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Create a campaign from the business's active playbook")
    public Uni<Response> create(@NotNull @Valid CampaignInput body) {
        return service.create(Callers.of(caller), body).map(v -> Response.created(URI.create("/api/campaigns/" + v.campaign().id))
                .entity(CampaignResponse.of(v)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Update a campaign (only while draft or review; null fields stay unchanged)")
    public Uni<CampaignResponse> update(@PathParam("id") String id, @NotNull @Valid CampaignInput body) {
        return service.update(Callers.of(caller), Params.id("campaign", id), body).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Submit for review (draft → review)")
    public Uni<CampaignResponse> submit(@PathParam("id") String id) {
        return service.submit(Callers.of(caller), Params.id("campaign", id)).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Approve and arm (review → approved → setup): creates tasks, emits CampaignApproved")
    public Uni<CampaignResponse> approve(@PathParam("id") String id) {
        return service.approve(Callers.of(caller), Params.id("campaign", id)).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/launch")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Start the campaign (setup → live) once every task is completed")
    public Uni<CampaignResponse> launch(@PathParam("id") String id) {
        return service.launch(Callers.of(caller), Params.id("campaign", id)).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Pause (live → paused)")
    public Uni<CampaignResponse> pause(@PathParam("id") String id, @Valid ReasonRequest body) {
        return service.pause(Callers.of(caller), Params.id("campaign", id), body == null ? null : body.reason()).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resume (paused → live)")
    public Uni<CampaignResponse> resume(@PathParam("id") String id, @Valid NoteRequest body) {
        return service.resume(Callers.of(caller), Params.id("campaign", id), body == null ? null : body.note()).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Mark complete (live or paused → completed)")
    public Uni<CampaignResponse> complete(@PathParam("id") String id, @Valid SummaryRequest body) {
        return service.complete(Callers.of(caller), Params.id("campaign", id), body == null ? null : body.summary())
                .map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/fail")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mark failed (setup or live → failed) with a reason")
    public Uni<CampaignResponse> fail(@PathParam("id") String id, @NotNull @Valid FailRequest body) {
        return service.fail(Callers.of(caller), Params.id("campaign", id), body.reason()).map(CampaignResponse::of);
    }

    @POST
    @Path("{id}/budget")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the budget of an approved campaign (setup, live, paused); emits CampaignBudgetChanged")
    public Uni<CampaignResponse> budget(@PathParam("id") String id, @NotNull @Valid BudgetRequest body) {
        return service.changeBudget(Callers.of(caller), Params.id("campaign", id), body.budgetDaily(), body.budgetTotal(), body.reason())
                .map(CampaignResponse::of);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a campaign that was never approved (draft or review)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(Callers.of(caller), Params.id("campaign", id)).replaceWith(Response.noContent().build());
    }
}
