package io.campaignengine.content.api;

import io.campaignengine.content.service.RepurposeService;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/** Repurposing a long-form source into an X thread, a LinkedIn post, Instagram carousel slides, a Facebook post and an email. */
@Path("/api/content/repurpose")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Content repurposing")
public class RepurposeResource {
    private final RepurposeService service;
    private final CallerContext caller;

    public RepurposeResource(RepurposeService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    public record RepurposeRequest(@NotBlank String businessId, String campaignId, @NotBlank @Size(max = 255) String title,
                                   @NotBlank @Size(max = 100000) String text, @Size(max = 2000) String url, List<@NotBlank String> formats) {
    }

    public record RepurposeResponse(Views.ContentView source, List<Views.ContentView> children) {
    }

    @POST
    @WithTransaction
    @ResponseStatus(201)
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Repurpose a long-form source (title, text, url?) into linked children: x_thread, linkedin_post, instagram_carousel, facebook_post, email")
    public Uni<RepurposeResponse> repurpose(@NotNull @Valid RepurposeRequest body) {
        return service.repurpose(caller, new RepurposeService.Request(Params.uuid("businessId", body.businessId()),
                        Params.uuid("campaignId", body.campaignId()), body.title(), body.text(),
                        body.url() == null || body.url().isBlank() ? null : body.url().strip(), body.formats()))
                .map(r -> new RepurposeResponse(Views.ContentView.of(r.source()), r.children().stream().map(Views.ContentView::of).toList()));
    }
}
