package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.BudgetRequest;
import io.campaignengine.playbook.api.Views.CampaignResponse;
import io.campaignengine.playbook.api.Views.FailRequest;
import io.campaignengine.playbook.api.Views.NoteRequest;
import io.campaignengine.playbook.api.Views.ReasonRequest;
import io.campaignengine.playbook.api.Views.SummaryRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.service.Caller;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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
    private final CampaignListCache listCache;
    private final ObjectMapper json;

    public CampaignResource(CampaignService service, CallerContext caller, CampaignListCache listCache, ObjectMapper json) {
        this.service = service;
        this.caller = caller;
        this.listCache = listCache;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List campaigns (filters: businessId, status, playbookId), newest first",
            description = "With a businessId the answer carries an ETag (the business's campaign list version, which moves with "
                    + "every change of its campaigns and their tasks): send it back as If-None-Match and an unchanged list is a 304.")
    @APIResponse(responseCode = "200", description = "one page of campaigns",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignPage.class)))
    @APIResponse(responseCode = "304", description = "the list is unchanged since the ETag sent as If-None-Match")
    public Uni<Response> list(@QueryParam("businessId") String businessId, @QueryParam("status") String status,
                              @QueryParam("playbookId") String playbookId,
                              @QueryParam("page") @DefaultValue("0") int page,
                              @QueryParam("size") @DefaultValue("20") int size,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Params.page(page, size);
        Caller who = Callers.of(caller);
        UUID business = Params.uuid("businessId", businessId);
        CampaignStatus inStatus = Params.code("status", CampaignStatus.class, status);
        UUID playbook = Params.uuid("playbookId", playbookId);
        Uni<Long> listVersion = business != null && listCache.enabled() ? service.listVersion(who, business) : Uni.createFrom().nullItem();
        return listVersion.chain(version -> {
            if (version == null) { // no businessId, kept pages off, not in scope (an empty page), no campaign yet: read it
                return render(who, business, inStatus, playbook, page, size).map(body -> page(body, null));
            }
            CampaignListCache.Key key = new CampaignListCache.Key(business, inStatus, playbook, page, size);
            String etag = CampaignListCache.etag(version);
            if (CampaignListCache.matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build());
            }
            CampaignListCache.Page kept = listCache.get(key, version);
            if (kept != null) {
                return Uni.createFrom().item(page(kept.body(), etag));
            }
            // read after the version: the page shows that version or a later one, never an earlier one under its tag
            return render(who, business, inStatus, playbook, page, size).map(body -> {
                listCache.put(key, new CampaignListCache.Page(version, body));
                return page(body, etag);
            });
        });
    }

    /** Revalidated on every use; private: each answer was authorized for its caller. */
    private static final String CACHE_CONTROL = "private, no-cache";

    private Uni<byte[]> render(Caller who, UUID business, CampaignStatus status, UUID playbook, int page, int size) {
        return service.list(who, business, status, playbook, page, size).map(r -> {
            try {
                return json.writeValueAsBytes(PageResponse.of(r, CampaignResponse::of));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("campaign page not serializable", e);
            }
        });
    }

    private static Response page(byte[] body, String etag) {
        Response.ResponseBuilder ok = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        if (etag != null) {
            ok.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        return ok.build();
    }

    /** The shape of a page of campaigns, for the OpenAPI document (the list answers with bytes it may have kept). */
    @Schema(name = "CampaignPage")
    record CampaignPage(List<CampaignResponse> items, int page, int size, long totalItems, long totalPages) {
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
