package io.campaignengine.kit.testapp;

import io.campaignengine.events.kittest.WidgetCreated;
import io.campaignengine.kit.correlation.CorrelationContext;
import io.campaignengine.kit.outbox.Envelopes;
import io.campaignengine.kit.outbox.OutboxWriter;
import io.campaignengine.kit.problem.Conflict;
import io.campaignengine.kit.problem.NotFound;
import io.campaignengine.kit.security.CallerContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tiny service endpoint using the kit the way a service will: scope check, entity + outbox event in one transaction. */
@Path("/api/businesses/{business}/widgets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WidgetResource {

    private static final Logger LOG = Logger.getLogger(WidgetResource.class);

    private final CallerContext caller;
    private final OutboxWriter outbox;
    private final PublishedEvents published;

    public WidgetResource(CallerContext caller, OutboxWriter outbox, PublishedEvents published) {
        this.caller = caller;
        this.outbox = outbox;
        this.published = published;
    }

    /** The business id of a slug (a real service keeps this map from BusinessCreated). */
    public static UUID businessId(String slug) {
        return UUID.nameUUIDFromBytes(("business:" + slug).getBytes(StandardCharsets.UTF_8));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@RestPath String business, @Valid @NotNull CreateWidget request, @RestQuery boolean fail) {
        caller.requireBusiness(business);
        String mdcCorrelationId = String.valueOf(MDC.get(CorrelationContext.MDC_CORRELATION_ID));
        LOG.infof("creating widget %s", request.name());
        return Panache.withTransaction(() -> {
            Widget widget = new Widget();
            widget.id = UUID.randomUUID();
            widget.business = business;
            widget.name = request.name();
            widget.quantity = request.quantity();
            WidgetCreated event = WidgetCreated.newBuilder()
                    .setEnvelope(Envelopes.forBusiness(businessId(business)))
                    .setWidgetId(widget.id)
                    .setName(widget.name)
                    .setQuantity(widget.quantity)
                    .build();
            published.attempted(widget.name, event);
            return widget.<Widget>persist()
                    .call(() -> outbox.publish(event))
                    .invoke(() -> {
                        if (fail) {
                            throw new IllegalStateException("simulated failure after the outbox write: secret-internal-detail");
                        }
                    })
                    .map(w -> Response.status(201).entity(Map.of(
                            "id", w.id.toString(),
                            "eventId", event.getEnvelope().getEventId().toString(),
                            "correlationId", event.getEnvelope().getCorrelationId(),
                            "mdcCorrelationId", mdcCorrelationId)).build());
        });
    }

    @GET
    @Path("{id}")
    public Uni<Map<String, Object>> get(@RestPath String business, @RestPath UUID id) {
        caller.requireBusiness(business);
        return Panache.withSession(() -> Widget.<Widget>findById(id))
                .map(w -> {
                    if (w == null || !w.business.equals(business)) {
                        throw NotFound.of("widget", id);
                    }
                    return Map.of("id", w.id.toString(), "name", w.name, "quantity", w.quantity, "status", w.status);
                });
    }

    @POST
    @Path("{id}/archive")
    public Uni<Map<String, Object>> archive(@RestPath String business, @RestPath UUID id) {
        caller.requireBusiness(business);
        return Panache.withTransaction(() -> Widget.<Widget>findById(id)
                .map(w -> {
                    if (w == null || !w.business.equals(business)) {
                        throw NotFound.of("widget", id);
                    }
                    if ("ARCHIVED".equals(w.status)) {
                        throw new Conflict("widget " + id + " is already archived")
                                .currentStatus(w.status)
                                .allowedActions(List.of("restore"));
                    }
                    w.status = "ARCHIVED";
                    return Map.<String, Object>of("id", w.id.toString(), "status", w.status);
                }));
    }
}
