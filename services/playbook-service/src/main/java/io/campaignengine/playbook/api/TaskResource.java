package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.BlockTaskRequest;
import io.campaignengine.playbook.api.Views.CompleteTaskRequest;
import io.campaignengine.playbook.api.Views.TaskView;
import io.campaignengine.playbook.domain.Assignee;
import io.campaignengine.playbook.domain.TaskStatus;
import io.campaignengine.playbook.service.TaskInput;
import io.campaignengine.playbook.service.TaskService;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 4.1 Tasks. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskResource {
    private final TaskService service;
    private final CallerContext caller;

    public TaskResource(TaskService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "List tasks (filters: assignee, status, campaignId, businessId, type)")
    public Uni<PageResponse<TaskView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                            @QueryParam("assignee") String assignee, @QueryParam("status") String status,
                                            @QueryParam("type") String type,
                                            @QueryParam("page") @DefaultValue("0") int page,
                                            @QueryParam("size") @DefaultValue("20") int size) {
        Params.page(page, size);
        return service.list(Callers.of(caller), Params.uuid("businessId", businessId), Params.uuid("campaignId", campaignId),
                        Params.code("assignee", Assignee.class, assignee), Params.code("status", TaskStatus.class, status),
                        type == null || type.isBlank() ? null : type, page, size)
                .map(r -> PageResponse.of(r, TaskView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Get a task")
    public Uni<TaskView> get(@PathParam("id") String id) {
        return service.get(Callers.of(caller), Params.id("task", id)).map(TaskView::of);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Update a task (title, description, instructions, priority, due date, status pending/in_progress)")
    public Uni<TaskView> update(@PathParam("id") String id, @NotNull @Valid TaskInput body) {
        return service.update(Callers.of(caller), Params.id("task", id), body).map(TaskView::of);
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Mark complete with notes (409 while the task it depends on is open)")
    public Uni<TaskView> complete(@PathParam("id") String id, @Valid CompleteTaskRequest body) {
        return service.complete(Callers.of(caller), Params.id("task", id), body == null ? null : body.notes()).map(TaskView::of);
    }

    @POST
    @Path("{id}/block")
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Mark blocked with a reason")
    public Uni<TaskView> block(@PathParam("id") String id, @NotNull @Valid BlockTaskRequest body) {
        return service.block(Callers.of(caller), Params.id("task", id), body.reason()).map(TaskView::of);
    }
}
