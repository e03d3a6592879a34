package io.campaignengine.publishing.repository;

import io.campaignengine.publishing.domain.Business;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<Business, UUID> {
}
