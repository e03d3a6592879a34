package io.campaignengine.publishing.repository;

import io.campaignengine.publishing.domain.Content;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ContentRepository implements PanacheRepositoryBase<Content, UUID> {
}
