package io.campaignengine.content.api;

import io.campaignengine.content.repository.BusinessRepository;
import io.campaignengine.content.repository.UsageRepository;
import io.campaignengine.content.service.Budgets;
import io.campaignengine.content.service.Providers;
import io.campaignengine.kit.problem.ValidationProblem;
import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** AI token usage and cost per business and month, and the monthly budget. */
@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Content AI usage")
public class UsageResource {
    private final UsageRepository usage;
    private final Budgets budgets;
    private final BusinessRepository businesses;
    private final Providers providers;
    private final CallerContext caller;

    public UsageResource(UsageRepository usage, Budgets budgets, BusinessRepository businesses, Providers providers, CallerContext caller) {
        this.usage = usage;
        this.budgets = budgets;
        this.businesses = businesses;
        this.providers = providers;
        this.caller = caller;
    }

    public record UsageView(UUID businessId, String month, String provider, long inputTokens, long outputTokens, BigDecimal costUsd,
                            long calls, BigDecimal monthlyBudgetUsd, BigDecimal remainingUsd) {
    }

    @GET
    @Path("usage")
    @WithSession
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.ADMIN})
    @Operation(summary = "Token usage and estimated cost of a business in a month (default: this month), with its budget")
    public Uni<UsageView> usage(@QueryParam("businessId") String businessId, @QueryParam("month") String month) {
        UUID b = Params.uuid("businessId", businessId);
        if (b == null) {
            throw ValidationProblem.of("businessId", "is required");
        }
        LocalDate m;
        try {
            m = month == null || month.isBlank() ? Budgets.month() : YearMonth.parse(month.strip()).atDay(1);
        } catch (DateTimeParseException e) {
            throw ValidationProblem.of("month", "must be YYYY-MM");
        }
        return caller.requireBusinessIdAsync(b, businesses::slugOf)
                .chain(() -> usage.totals(b, m))
                .chain(t -> budgets.budgetOf(b).map(budget -> new UsageView(b, m.toString().substring(0, 7), providers.current().name(),
                        t.inputTokens(), t.outputTokens(), t.costUsd(), t.calls(), budget, budget.subtract(t.costUsd()).max(BigDecimal.ZERO))));
    }

    public record BudgetRequest(@NotNull @DecimalMin("0") BigDecimal monthlyBudgetUsd) {
    }

    public record BudgetView(UUID businessId, BigDecimal monthlyBudgetUsd, String updatedBy) {
    }

    @PUT
    @Path("budgets/{businessId}")
    @WithTransaction
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Set a business's monthly AI budget in USD (admin)")
    public Uni<BudgetView> setBudget(@PathParam("businessId") String businessId, @NotNull @Valid BudgetRequest body) {
        UUID b = Params.id("business", businessId);
        return caller.requireBusinessIdAsync(b, businesses::slugOf)
                .chain(() -> budgets.set(b, body.monthlyBudgetUsd(), caller.userName()))
                .map(x -> new BudgetView(x.businessId, x.monthlyBudgetUsd.setScale(2, java.math.RoundingMode.HALF_UP), x.updatedBy));
    }
}
