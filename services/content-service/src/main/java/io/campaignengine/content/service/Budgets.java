package io.campaignengine.content.service;

import io.campaignengine.content.domain.BusinessBudget;
import io.campaignengine.content.repository.BudgetRepository;
import io.campaignengine.content.repository.UsageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Per-business monthly AI budget (USD): the configured default unless the business has its own. */
@ApplicationScoped
public class Budgets {
    private final BudgetRepository budgets;
    private final UsageRepository usage;
    private final BigDecimal defaultBudget;

    public Budgets(BudgetRepository budgets, UsageRepository usage,
                   @ConfigProperty(name = "campaign-engine.content.ai.monthly-budget-usd", defaultValue = "50") BigDecimal defaultBudget) {
        this.budgets = budgets;
        this.usage = usage;
        this.defaultBudget = defaultBudget;
    }

    public static LocalDate month() {
        return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    }

    public Uni<BigDecimal> budgetOf(UUID businessId) {
        return budgets.findById(businessId).map(b -> b == null ? defaultBudget : b.monthlyBudgetUsd);
    }

    /** Fails with {@link BudgetExceededException} when this month's spend has reached the budget. */
    public Uni<Void> check(UUID businessId) {
        LocalDate month = month();
        return budgetOf(businessId).chain(budget -> usage.totals(businessId, month).chain(t -> t.costUsd().compareTo(budget) >= 0
                ? Uni.createFrom().failure(new BudgetExceededException(businessId, budget, t.costUsd(), month.toString().substring(0, 7)))
                : Uni.createFrom().voidItem()));
    }

    public Uni<BusinessBudget> set(UUID businessId, BigDecimal monthlyUsd, String by) {
        return budgets.findById(businessId).chain(existing -> {
            BusinessBudget b = existing == null ? new BusinessBudget() : existing;
            b.businessId = businessId;
            b.monthlyBudgetUsd = monthlyUsd;
            b.updatedBy = by;
            b.updatedAt = Instant.now();
            return existing == null ? budgets.persist(b) : Uni.createFrom().item(b);
        });
    }
}
