package io.campaignengine.kit.testapp;

import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Endpoints that fail in the ways the problem mappers must handle. */
@Path("/api/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    private final CallerContext caller;
    private final SecurityIdentity identity;

    public ProbeResource(CallerContext caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    /** Whether the caller's identity names this very request as its routing context (not one it was first verified in). */
    @GET
    @Path("bound-to-this-request")
    @Authenticated
    public boolean boundToThisRequest(RoutingContext request) {
        return identity.getAttribute(RoutingContext.class.getName()) == request;
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("secret-internal-detail: the database password is hunter2");
    }

    @GET
    @Path("items")
    public Map<String, Object> items(@QueryParam("page") @Min(0) int page, @QueryParam("size") @Min(1) @Max(100) Integer size) {
        return Map.of("page", page);
    }

    @POST
    @Path("schedule")
    public String schedule() {
        throw ValidationProblem.of("schedule.startAt", "must be in the future").and("schedule.endAt", "must be after startAt");
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public CreateWidget echo(CreateWidget body) {
        return body;
    }

    @GET
    @Path("whoami")
    @Authenticated
    public Map<String, Object> whoami() {
        return Map.of("userId", caller.userId(), "userName", caller.userName(), "roles", caller.roles(),
                "businesses", caller.businesses(), "admin", caller.isAdmin(), "marketer", caller.isMarketer(),
                "viewer", caller.isViewer());
    }

    @GET
    @Path("admin-only")
    @RolesAllowed("admin")
    public String adminOnly() {
        return "ok";
    }
}
