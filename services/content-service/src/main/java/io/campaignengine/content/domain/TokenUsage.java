package io.campaignengine.content.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Tokens spent by one AI call group of a job, with the estimated cost. */
@Entity
@Table(name = "token_usage")
public class TokenUsage {
    @Id
    public UUID id;

    @Column(name = "business_id", nullable = false)
    public UUID businessId;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(nullable = false)
    public String provider;

    @Column(nullable = false)
    public String model;

    @Column(name = "input_tokens", nullable = false)
    public long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    public long outputTokens;

    @Column(name = "cost_usd", nullable = false)
    public BigDecimal costUsd;

    @Column(nullable = false)
    public LocalDate month;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
