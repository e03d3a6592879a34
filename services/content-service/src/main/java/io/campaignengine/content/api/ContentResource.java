package io.campaignengine.content.api;

import io.campaignengine.content.domain.Content;
import io.campaignengine.content.domain.PlaybookCopy;
import io.campaignengine.content.repository.PlaybookRepository;
import io.campaignengine.content.service.Budgets;
import io.campaignengine.content.service.ContentService;
import io.campaignengine.content.service.GenerationService;
import io.campaignengine.content.service.JobRunner;
import io.campaignengine.content.service.Providers;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Seed 4.1 Content routes. */
@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Content")
public class ContentResource {
    static final Set<String> SORTS = Set.of("score", "-score", "createdat", "-createdat", "performance", "-performance");

    private final ContentService service;
    private final GenerationService generation;
    private final PlaybookRepository playbooks;
    private final Budgets budgets;
    private final Providers providers;
    private final JobRunner runner;
    private final CallerContext caller;

    public ContentResource(ContentService service, GenerationService generation, PlaybookRepository playbooks, Budgets budgets,
                           Providers providers, JobRunner runner, CallerContext caller) {
        this.service = service;
        this.generation = generation;
        this.playbooks = playbooks;
        this.budgets = budgets;
        this.providers = providers;
        this.runner = runner;
        this.caller = caller;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List content (filters: businessId, campaignId, status, type, segment, hook, parentId; sort: score, -score, createdAt, -createdAt, performance, -performance)")
    public Uni<PageResponse<Views.ContentView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                                     @QueryParam("status") String status, @QueryParam("type") String type,
                                                     @QueryParam("segment") String segment, @QueryParam("hook") String hook,
                                                     @QueryParam("parentId") String parentId,
                                                     @QueryParam("sort") @DefaultValue("-createdAt") String sort,
                                                     @QueryParam("page") @DefaultValue("0") int page,
                                                     @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        String s = Params.oneOf("sort", sort, SORTS);
        return service.list(caller, Params.uuid("businessId", businessId), Params.uuid("campaignId", campaignId),
                        Params.oneOf("status", status, Content.STATUSES), Params.oneOf("type", type, Content.TYPES),
                        blankToNull(segment), blankToNull(hook), Params.uuid("parentId", parentId),
                        s == null ? "-createdAt" : s.replace("createdat", "createdAt"), page, size)
                .map(r -> PageResponse.of(r, Views.ContentView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get a piece of content")
    public Uni<Views.ContentView> get(@PathParam("id") String id) {
        return service.visible(caller, Params.id("content", id), false).map(Views.ContentView::of);
    }

    @GET
    @Path("{id}/revisions")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Earlier revisions of a piece, newest first")
    public Uni<List<Views.RevisionView>> revisions(@PathParam("id") String id) {
        return service.revisions(caller, Params.id("content", id)).map(l -> l.stream().map(Views.RevisionView::of).toList());
    }

    @GET
    @Path("{id}/children")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Repurposed children of a piece")
    public Uni<List<Views.ContentView>> children(@PathParam("id") String id) {
        UUID parent = Params.id("content", id);
        return service.visible(caller, parent, false)
                .chain(c -> service.list(caller, c.businessId, null, null, null, null, null, parent, "createdAt", 0, 200))
                .map(r -> r.items().stream().map(Views.ContentView::of).toList());
    }

    @GET
    @Path("{id}/performance")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Performance score (from metrics-service, when known) and quality scores")
    public Uni<Views.PerformanceView> performance(@PathParam("id") String id) {
        return service.visible(caller, Params.id("content", id), false).map(c -> new Views.PerformanceView(c.id, c.status,
                c.performanceScore, new Views.ScoresView(c.scoreBrandVoice, c.scoreClarity, c.scoreHookAlignment, c.scoreOverall)));
    }

    public record EditRequest(@Size(max = 255) String headline, @Size(max = 10000) String body, @Size(max = 100) String ctaText,
                              @Size(max = 2000) String ctaUrl, @Size(max = 1000) String note) {
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Edit a piece (keeps the previous revision; posted or retired content: 409)")
    public Uni<Views.ContentView> edit(@PathParam("id") String id, @NotNull @Valid EditRequest body) {
        return service.edit(caller, Params.id("content", id),
                        new ContentService.Edit(body.headline(), body.body(), body.ctaText(), body.ctaUrl(), body.note()))
                .map(Views.ContentView::of);
    }

    @POST
    @Path("{id}/approve")
    @WithTransaction
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Approve a generated or paused piece (ContentApproved)")
    public Uni<Views.ContentView> approve(@PathParam("id") String id) {
        return service.approve(caller, Params.id("content", id)).map(Views.ContentView::of);
    }

    public record RetireRequest(@Size(max = 1000) String reason) {
    }

    @POST
    @Path("{id}/retire")
    @WithTransaction
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Stop using a piece (ContentRetired)")
    public Uni<Views.ContentView> retire(@PathParam("id") String id, @Valid RetireRequest body) {
        return service.retire(caller, Params.id("content", id), body == null ? null : body.reason()).map(Views.ContentView::of);
    }

    public record GenerateRequest(@NotBlank String campaignId, @NotNull @Min(1) @Max(100) Integer count,
                                  List<@NotBlank String> hooks, List<@NotBlank String> segments, @Size(max = 2000) String guidance) {
    }

    @POST
    @Path("generate")
    @ResponseStatus(202)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Queue a generation batch for an approved campaign: count variations per segment (202 with the job; progress at /api/content/generation-jobs/{id})")
    public Uni<Views.JobView> generate(@NotNull @Valid GenerateRequest body) {
        UUID campaignId = Params.uuid("campaignId", body.campaignId());
        if (body.count() > generation.maxPerSegment()) {
            throw ValidationProblem.of("count", "must be at most " + generation.maxPerSegment());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> service.visibleCampaign(caller, campaignId)
                        .call(c -> providers.current().cost(1000, 1000) > 0 ? budgets.check(c.businessId) : Uni.createFrom().voidItem())
                        .chain(c -> playbooks.findById(c.playbookId)
                                .chain(p -> p != null ? Uni.createFrom().item(p) : playbooks.activeFor(c.businessId))
                                .chain(pb -> {
                                    validateAgainstPlaybook(pb, body);
                                    Map<String, Object> extra = new LinkedHashMap<>();
                                    extra.put("guidance", blankToNull(body.guidance()));
                                    return generation.enqueue(c, "manual", body.count(), body.hooks(), body.segments(), extra,
                                            caller.userName());
                                })))
                .invoke(runner::kick)
                .map(Views.JobView::of);
    }

    static void validateAgainstPlaybook(PlaybookCopy pb, GenerateRequest body) {
        if (pb == null) {
            throw new io.campaignengine.kit.problem.Conflict("no active playbook of this campaign's business is known yet");
        }
        ValidationProblem p = null;
        List<String> hooks = body.hooks() == null ? List.of() : body.hooks();
        for (int i = 0; i < hooks.size(); i++) {
            if (pb.snapshot.hook(hooks.get(i)) == null) {
                p = p == null ? ValidationProblem.of("hooks[" + i + "]", "is not a hook of the playbook")
                        : p.and("hooks[" + i + "]", "is not a hook of the playbook");
            }
        }
        List<String> segments = body.segments() == null ? List.of() : body.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (pb.snapshot.segment(segments.get(i)) == null) {
                p = p == null ? ValidationProblem.of("segments[" + i + "]", "is not an audience segment of the playbook")
                        : p.and("segments[" + i + "]", "is not an audience segment of the playbook");
            }
        }
        if (p != null) {
            throw p;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
