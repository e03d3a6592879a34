package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Local copy of a campaign (CampaignApproved snapshot, then its lifecycle events). */
@Entity
@Table(name = "campaign")
public class Campaign {
    public static final String APPROVED = "APPROVED";
    public static final String ACTIVE = "ACTIVE";
    public static final String PAUSED = "PAUSED";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    @Column(name = "business_id", nullable = false)
    public UUID businessId;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String status = APPROVED;
    @Column(nullable = false)
    public String objective = "UNKNOWN";
    @Column(nullable = false)
    public String platforms = "";
    @Column(name = "target_markets", nullable = false)
    public String targetMarkets = "";
    @Column(name = "budget_daily_minor")
    public Long budgetDailyMinor;
    @Column(nullable = false)
    public String currency = "USD";
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "end_date")
    public LocalDate endDate;
    @Column(name = "landing_url")
    public String landingUrl;
    @Column(name = "meta_campaign_id")
    public String metaCampaignId;
    @Column(name = "launched_at")
    public Instant launchedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public List<String> platformList() {
        return split(platforms);
    }

    public List<String> marketList() {
        return split(targetMarkets);
    }

    public static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
