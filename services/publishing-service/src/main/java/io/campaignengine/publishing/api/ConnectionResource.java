package io.campaignengine.publishing.api;

import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.publishing.service.ConnectionService;
import io.campaignengine.publishing.service.Views;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** A business's platform connections: start Meta's OAuth, list (never with tokens), refresh, disconnect. */
@Path("/api/businesses/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {
    private final ConnectionService service;
    private final CallerContext caller;

    public ConnectionResource(ConnectionService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("connect-meta")
    @Operation(summary = "Start connecting Meta: the OAuth dialog URL with a single-use state bound to you and the business")
    public Uni<Views.ConnectStart> connect(@PathParam("id") String id) {
        return service.start(caller, id);
    }

    @GET
    @Path("connections")
    @Operation(summary = "The business's platform connections and their status (no secrets)")
    public Uni<List<Views.ConnectionView>> list(@PathParam("id") String id) {
        return service.list(caller, id).map(l -> l.stream().map(Views.ConnectionView::of).toList());
    }

    @POST
    @Path("connections/meta/refresh")
    @Operation(summary = "Re-exchange the Meta token now (it is also refreshed automatically before it expires)")
    public Uni<Views.ConnectionView> refresh(@PathParam("id") String id) {
        String who = caller.userId();
        return service.list(caller, id).chain(l -> {
            io.campaignengine.kit.security.CallerContext c = caller;
            io.campaignengine.publishing.service.Scope.requireWrite(c);
            var meta = l.stream().filter(x -> x.platform.equals("META")).findFirst()
                    .orElseThrow(() -> io.campaignengine.kit.problem.NotFound.of("connection", "meta"));
            return service.refresh(meta.id, who);
        }).map(Views.ConnectionView::of);
    }

    @DELETE
    @Path("connections/meta")
    @Operation(summary = "Disconnect Meta: permissions revoked on Meta, tokens deleted")
    public Uni<Views.ConnectionView> disconnect(@PathParam("id") String id) {
        return service.disconnect(caller, id).map(Views.ConnectionView::of);
    }
}
