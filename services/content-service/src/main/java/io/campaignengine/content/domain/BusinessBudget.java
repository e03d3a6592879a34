package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A business's monthly AI budget (overrides the configured default). */
@Entity
@Table(name = "business_budgets")
public class BusinessBudget {
    @Id
    @Column(name = "business_id")
    public UUID businessId;

    @Column(name = "monthly_budget_usd", nullable = false)
    public BigDecimal monthlyBudgetUsd;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
