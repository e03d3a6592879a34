-- content-service schema (public). Schema messaging (outbox_event, processed_event) is provisioned outside Flyway.

-- ------------------------------------------------------------------ local copies of other services' state
-- business id -> slug (from BusinessCreated/BusinessUpdated): the business scope of tokens is by slug
create table businesses (
    id          uuid primary key,
    slug        varchar(100) not null,
    name        varchar(255) not null,
    updated_at  timestamptz not null default now()
);
create index businesses_slug on businesses (slug);

-- active playbooks (PlaybookActivated full snapshot; PlaybookArchived clears active)
create table playbooks (
    id           uuid primary key,
    business_id  uuid not null,
    version      int not null,
    active       boolean not null,
    snapshot     jsonb not null,
    activated_at timestamptz not null,
    updated_at   timestamptz not null default now()
);
create index playbooks_business_active on playbooks (business_id) where active;

-- approved campaigns (CampaignApproved snapshot; later campaign events change status)
create table campaigns (
    id               uuid primary key,
    business_id      uuid not null,
    playbook_id      uuid not null,
    playbook_version int not null,
    name             varchar(255) not null,
    status           varchar(20) not null,
    snapshot         jsonb not null,
    quality_floor    int not null,
    approved_at      timestamptz not null,
    updated_at       timestamptz not null default now()
);
create index campaigns_business on campaigns (business_id);

-- ------------------------------------------------------------------ generation jobs (one batch each)
create table generation_jobs (
    id            uuid primary key,
    business_id   uuid not null,
    campaign_id   uuid,
    trigger       varchar(30) not null,   -- campaign_approved | variants_requested | manual | repurpose
    status        varchar(20) not null,   -- queued | running | completed | failed
    requested     int not null,
    generated     int not null default 0,
    rejected      int not null default 0,
    failed        int not null default 0,
    params        jsonb not null,         -- count, hooks, segments, decisionId, guidance, baseContentId
    content_ids   jsonb not null default '[]',
    rejections    jsonb not null default '[]',  -- why variations were dropped (duplicate, invalid, malformed output)
    error         text,
    provider      varchar(30),
    model         varchar(100),
    input_tokens  bigint not null default 0,
    output_tokens bigint not null default 0,
    cost_usd      numeric(12, 6) not null default 0,
    attempts      int not null default 0,
    not_before    timestamptz,            -- retry later (e.g. waiting for the playbook snapshot)
    created_by    varchar(100) not null,
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
create index generation_jobs_queued on generation_jobs (created_at) where status in ('queued', 'running');
create index generation_jobs_campaign on generation_jobs (campaign_id);
create index generation_jobs_business on generation_jobs (business_id);

-- ------------------------------------------------------------------ content (seed 3.2 content, + parent_id, tags, scores)
create table content (
    id                  uuid primary key,
    business_id         uuid not null,
    campaign_id         uuid,
    job_id              uuid,
    parent_id           uuid references content (id),
    type                varchar(20) not null,   -- ad | organic_post | story | carousel | email | long_form
    format              varchar(30),            -- repurposed children: x_thread | linkedin_post | instagram_carousel | facebook_post | email
    status              varchar(20) not null,   -- generated | approved | scheduled | posted | paused | retired
    headline            varchar(255) not null,
    body                text not null,
    cta_text            varchar(100),
    cta_url             varchar(2000),
    tracked_url         varchar(2000),
    utm_params          jsonb not null default '{}',
    image_id            uuid,
    image_url           varchar(2000),
    platform_variants   jsonb not null default '{}',
    hook_source         varchar(255),
    hook_text           text,
    audience_segment    varchar(100),
    emotions            jsonb not null default '[]',
    themes              jsonb not null default '[]',
    keywords            jsonb not null default '[]',
    score_brand_voice   numeric(5, 2),
    score_clarity       numeric(5, 2),
    score_hook_alignment numeric(5, 2),
    score_overall       numeric(5, 2),
    generation_metadata jsonb not null default '{}',
    performance_score   numeric(5, 2),
    extra               jsonb not null default '{}',   -- format-specific parts (thread posts, slides, email parts)
    approved_by         varchar(100),
    approved_at         timestamptz,
    auto_approved       boolean not null default false,
    retired_at          timestamptz,
    retire_reason       text,
    revision            int not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz
);
create index content_business on content (business_id, created_at desc);
create index content_campaign on content (campaign_id, created_at desc);
create index content_parent on content (parent_id);

-- previous versions of edited content (PUT keeps the revision)
create table content_revisions (
    id                uuid primary key,
    content_id        uuid not null references content (id),
    revision          int not null,
    headline          varchar(255) not null,
    body              text not null,
    cta_text          varchar(100),
    cta_url           varchar(2000),
    platform_variants jsonb not null default '{}',
    edited_by         varchar(100) not null,
    edited_at         timestamptz not null default now(),
    note              text,
    unique (content_id, revision)
);

-- ------------------------------------------------------------------ AI token usage and budgets
create table token_usage (
    id            uuid primary key,
    business_id   uuid not null,
    job_id        uuid,
    provider      varchar(30) not null,
    model         varchar(100) not null,
    input_tokens  bigint not null,
    output_tokens bigint not null,
    cost_usd      numeric(12, 6) not null,
    month         date not null,            -- first day of the month (UTC)
    created_at    timestamptz not null default now()
);
create index token_usage_business_month on token_usage (business_id, month);

create table business_budgets (
    business_id        uuid primary key,
    monthly_budget_usd numeric(12, 2) not null,
    updated_by         varchar(100) not null,
    updated_at         timestamptz not null default now()
);
