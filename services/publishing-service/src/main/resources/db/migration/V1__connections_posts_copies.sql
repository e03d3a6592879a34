-- publishing-service: platform connections (OAuth, tokens encrypted at rest), OAuth states, posts and their schedule
-- (seed 3.2 posts, 5.3 scheduler), and the local copies of other services' data it needs (from events).
-- Schema public only; schema messaging (outbox_event, processed_event) is provisioned outside Flyway.

-- ------------------------------------------------------------------ local copies (event-carried state)
create table business (
    id             uuid primary key,
    slug           varchar(100) not null,
    name           varchar(255) not null,
    timezone       varchar(64)  not null default 'UTC',
    currency       varchar(3)   not null default 'USD',
    target_markets text         not null default '',   -- comma separated
    updated_at     timestamptz  not null default now()
);
create index business_slug on business (slug);

create table campaign (
    id                 uuid primary key,
    business_id        uuid         not null,
    name               varchar(255) not null,
    status             varchar(16)  not null,          -- APPROVED, ACTIVE, PAUSED, COMPLETED, FAILED
    objective          varchar(32)  not null default 'UNKNOWN',
    platforms          text         not null default '', -- comma separated Platform symbols
    target_markets     text         not null default '',
    budget_daily_minor bigint,
    currency           varchar(3)   not null default 'USD',
    start_date         date,
    end_date           date,
    landing_url        varchar(1000),
    meta_campaign_id   varchar(64),                     -- the Marketing API campaign of its ads
    launched_at        timestamptz,
    updated_at         timestamptz  not null default now()
);
create index campaign_business on campaign (business_id);

create table content (
    id            uuid primary key,
    campaign_id   uuid,
    business_id   uuid,
    content_type  varchar(32),
    segment_id    varchar(100),
    hook_id       varchar(100),
    headline      text,
    body          text,
    cta_text      varchar(255),
    cta_url       varchar(1000),
    tracked_url   varchar(2000),
    variants      text,                                 -- JSON: {"FACEBOOK": {"text": ..., "hashtags": [...]}, ...}
    image_id      uuid,
    image_url     varchar(2000),
    status        varchar(16)  not null default 'UNKNOWN', -- GENERATED, APPROVED, RETIRED (UNKNOWN: only an image seen yet)
    updated_at    timestamptz  not null default now()
);
create index content_campaign on content (campaign_id);

-- ------------------------------------------------------------------ connections
create table platform_connection (
    id                   uuid primary key,
    business_id          uuid         not null,
    platform             varchar(16)  not null,        -- META (Facebook Page + Instagram + ad account)
    status               varchar(16)  not null,        -- CONNECTED, DISCONNECTED, EXPIRED, REVOKED, ERROR
    account_name         varchar(255),
    page_id              varchar(64),
    page_name            varchar(255),
    instagram_account_id varchar(64),
    ad_account_id        varchar(64),
    scopes               text         not null default '',
    -- tokens: AES-256-GCM, 'v1.<keyId>.<base64 iv>.<base64 ciphertext+tag>', random IV per value, row id as AAD
    access_token_enc     text,
    page_token_enc       text,
    refresh_token_enc    text,                         -- Meta has none (long-lived tokens are re-exchanged)
    token_key_id         varchar(64),
    token_expires_at     timestamptz,
    token_refreshed_at   timestamptz,
    last_error           text,
    connected_by         varchar(255),
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    constraint platform_connection_one unique (business_id, platform)
);

create table oauth_state (
    state_hash  varchar(64) primary key,               -- sha-256 of the state: the state itself is never stored
    business_id uuid         not null,
    user_id     varchar(255) not null,
    user_name   varchar(255),
    created_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null,
    used_at     timestamptz
);

-- ------------------------------------------------------------------ posts and their schedule
create table post (
    id                 uuid primary key,
    business_id        uuid         not null,
    campaign_id        uuid         not null,
    content_id         uuid         not null,
    platform           varchar(16)  not null,          -- FACEBOOK, INSTAGRAM
    kind               varchar(8)   not null,          -- ORGANIC, AD
    status             varchar(16)  not null,          -- SCHEDULED, PUBLISHING, POSTED, PAUSED, FAILED, CANCELLED
    scheduled_for      timestamptz  not null,
    publish_now        boolean      not null default false,
    ab_group           varchar(255),
    posted_at          timestamptz,
    platform_post_id   varchar(128),
    permalink          varchar(1000),
    container_id       varchar(64),                    -- Instagram media container
    ad_set_id          varchar(64),
    creative_id        varchar(64),
    ad_id              varchar(64),
    budget_daily_minor bigint,
    currency           varchar(3),
    targeting          text,                           -- JSON of Meta's targeting spec
    budget_spent       numeric(12, 2) not null default 0,
    attempts           integer      not null default 0,
    next_attempt_at    timestamptz,
    claimed_until      timestamptz,
    -- crash safety: the step being called and its key are committed BEFORE the call; after a crash the step is
    -- reconciled against the platform instead of being repeated
    attempt_step       varchar(32),
    attempt_key        uuid,
    attempt_started_at timestamptz,
    error_code         varchar(32),
    error_message      text,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    constraint post_one_per_channel unique (content_id, platform, kind)
);
create index post_due on post (status, scheduled_for);
create index post_campaign on post (campaign_id);
create index post_business on post (business_id);
