package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A pending connect-meta: the state's hash, bound to the user and business that started it; single use. */
@Entity
@Table(name = "oauth_state")
public class OAuthState {
    @Id
    @Column(name = "state_hash")
    public String stateHash;
    @Column(name = "business_id", nullable = false)
    public UUID businessId;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(name = "user_name")
    public String userName;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
