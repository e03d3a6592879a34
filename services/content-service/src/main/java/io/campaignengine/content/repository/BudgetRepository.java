package io.campaignengine.content.repository;

import io.campaignengine.content.domain.BusinessBudget;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BudgetRepository implements PanacheRepositoryBase<BusinessBudget, UUID> {
}
