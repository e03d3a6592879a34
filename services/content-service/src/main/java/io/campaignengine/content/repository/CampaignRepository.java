package io.campaignengine.content.repository;

import io.campaignengine.content.domain.CampaignCopy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<CampaignCopy, UUID> {
}
