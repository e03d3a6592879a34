package io.campaignengine.publishing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A business's Meta connection: the Page, its Instagram account, the ad account, and the tokens (encrypted). */
@Entity
@Table(name = "platform_connection")
public class Connection {
    public static final String META = "META";
    public static final String CONNECTED = "CONNECTED";
    public static final String DISCONNECTED = "DISCONNECTED";
    public static final String EXPIRED = "EXPIRED";
    public static final String REVOKED = "REVOKED";
    public static final String ERROR = "ERROR";

    @Id
    public UUID id;
    @Column(name = "business_id", nullable = false)
    public UUID businessId;
    @Column(nullable = false)
    public String platform = META;
    @Column(nullable = false)
    public String status;
    @Column(name = "account_name")
    public String accountName;
    @Column(name = "page_id")
    public String pageId;
    @Column(name = "page_name")
    public String pageName;
    @Column(name = "instagram_account_id")
    public String instagramAccountId;
    @Column(name = "ad_account_id")
    public String adAccountId;
    @Column(nullable = false)
    public String scopes = "";
    @Column(name = "access_token_enc")
    public String accessTokenEnc;
    @Column(name = "page_token_enc")
    public String pageTokenEnc;
    @Column(name = "refresh_token_enc")
    public String refreshTokenEnc;
    @Column(name = "token_key_id")
    public String tokenKeyId;
    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;
    @Column(name = "token_refreshed_at")
    public Instant tokenRefreshedAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "connected_by")
    public String connectedBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();
}
