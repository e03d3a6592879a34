package io.campaignengine.playbook.api;

import io.campaignengine.playbook.api.Views.ActivityView;
import io.campaignengine.playbook.repository.ActivityRepository;
import io.campaignengine.playbook.repository.PageResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The activity log: every state change with its actor, newest first. */
@Path("/api/activity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Activity")
public class ActivityResource {
    private final ActivityRepository repository;
    private final CallerContext caller;

    public ActivityResource(ActivityRepository repository, CallerContext caller) {
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Activity of the caller's businesses (filters: businessId, campaignId, entityType, action), newest first")
    public Uni<PageResponse<ActivityView>> list(@QueryParam("businessId") String businessId, @QueryParam("campaignId") String campaignId,
                                                @QueryParam("entityType") String entityType, @QueryParam("action") String action,
                                                @QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("50") int size) {
        Params.page(page, size);
        var c = Callers.of(caller);
        if (c.seesNothing()) {
            return Uni.createFrom().item(PageResponse.of(new PageResult<>(List.<io.campaignengine.playbook.domain.ActivityEntry>of(), page, size, 0),
                    ActivityView::of));
        }
        return repository.page(c.scope(), Params.uuid("businessId", businessId), Params.uuid("campaignId", campaignId),
                blankToNull(entityType), blankToNull(action), page, size).map(r -> PageResponse.of(r, ActivityView::of));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
