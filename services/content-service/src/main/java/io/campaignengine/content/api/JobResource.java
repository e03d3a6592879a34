package io.campaignengine.content.api;

import io.campaignengine.content.repository.JobRepository;
import io.campaignengine.content.service.ContentService;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Generation job progress: requested, generated, rejected, failed, status; also as a Server-Sent Events stream. */
@Path("/api/content/generation-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Content generation jobs")
public class JobResource {
    private static final Views.JobProgress END = new Views.JobProgress(null, "end", 0, 0, 0, 0, null, null);

    private final ContentService service;
    private final JobRepository jobs;
    private final Pool pool;
    private final CallerContext caller;
    private final Duration interval;
    private final Duration maxStream;

    public JobResource(ContentService service, JobRepository jobs, Pool pool, CallerContext caller,
                       @ConfigProperty(name = "campaign-engine.content.sse.interval", defaultValue = "PT0.5S") Duration interval,
                       @ConfigProperty(name = "campaign-engine.content.sse.max-duration", defaultValue = "PT15M") Duration maxStream) {
        this.service = service;
        this.jobs = jobs;
        this.pool = pool;
        this.caller = caller;
        this.interval = interval;
        this.maxStream = maxStream;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List generation jobs (filters: businessId, campaignId, status)")
    public Uni<PageResponse<Views.JobView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                                 @QueryParam("status") String status,
                                                 @QueryParam("page") @DefaultValue("0") int page,
                                                 @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        String st = Params.oneOf("status", status, Set.of("queued", "running", "completed", "failed"));
        UUID campaign = Params.uuid("campaignId", campaignId);
        return service.scope(caller, Params.uuid("businessId", businessId))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new io.campaignengine.content.repository.PageResult<>(
                        java.util.List.<io.campaignengine.content.domain.GenerationJob>of(), page, size, 0))
                        : jobs.page(ids, campaign, st, page, size))
                .map(r -> PageResponse.of(r, Views.JobView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "A generation job: requested, generated, rejected (with reasons), failed, status, tokens and cost")
    public Uni<Views.JobView> get(@PathParam("id") String id) {
        return service.visibleJob(caller, Params.id("generation job", id)).map(Views.JobView::of);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Server-Sent Events: the job's progress each time it changes, until it completes or fails")
    @io.smallrye.common.annotation.Blocking
    public Multi<Views.JobProgress> events(@PathParam("id") String id) {
        UUID jobId = Params.id("generation job", id);
        // the scope check must answer (404) before the stream starts: on a worker, through the reactive pool
        var row = pool.preparedQuery("select b.slug from generation_jobs j left join businesses b on b.id = j.business_id where j.id = $1")
                .execute(Tuple.of(jobId)).await().atMost(Duration.ofSeconds(10));
        String slug = row.iterator().hasNext() ? row.iterator().next().getString("slug") : null;
        if (!row.iterator().hasNext() || !caller.canAccessBusiness(slug)) {
            throw io.campaignengine.kit.problem.NotFound.of("generation job", jobId);
        }
        return Multi.createBy().concatenating().streams(
                        Multi.createFrom().uni(poll(jobId)),
                        Multi.createFrom().ticks().every(interval).onItem().transformToUniAndConcatenate(t -> poll(jobId)))
                .select().where(p -> p != null)
                .skip().repetitions()
                .onItem().transformToMultiAndConcatenate(p -> p.terminal() ? Multi.createFrom().items(p, END) : Multi.createFrom().item(p))
                .select().first(p -> p != END)
                .select().first(maxStream);
    }

    Uni<Views.JobProgress> poll(UUID id) {
        return pool.preparedQuery("select " + Views.JobProgress.COLUMNS + " from generation_jobs where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Views.JobProgress.of(rows.iterator().next()) : null);
    }
}
