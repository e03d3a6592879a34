package io.campaignengine.content.service;

import io.campaignengine.kit.problem.ProblemException;

import java.math.BigDecimal;
import java.util.UUID;

/** The business's monthly AI budget is spent: generation stops with this (402 on the API, the job's error otherwise). */
public class BudgetExceededException extends ProblemException {
    public static final String TYPE = "urn:campaign-engine:problem:ai-budget-exhausted";

    public BudgetExceededException(UUID businessId, BigDecimal budget, BigDecimal spent, String month) {
        super(402, TYPE, "AI budget exhausted", "the monthly AI budget of business " + businessId + " is spent: USD "
                + spent.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString() + " of USD "
                + budget.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " used in " + month
                + "; raise it (PUT /api/content/budgets/{businessId}) or wait for next month");
        with("businessId", businessId.toString());
        with("budgetUsd", budget);
        with("spentUsd", spent);
        with("month", month);
    }
}
