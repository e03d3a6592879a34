package io.campaignengine.publishing.repository;

import io.campaignengine.publishing.domain.OAuthState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class OAuthStateRepository implements PanacheRepositoryBase<OAuthState, String> {
}
