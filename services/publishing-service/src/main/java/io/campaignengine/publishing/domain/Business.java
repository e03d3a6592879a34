package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Local copy of a business (BusinessCreated/Updated): the slug for the caller's scope, the time zone for posting times. */
@Entity
@Table(name = "business")
public class Business {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String slug;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String timezone = "UTC";
    @Column(nullable = false)
    public String currency = "USD";
    @Column(name = "target_markets", nullable = false)
    public String targetMarkets = "";
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
