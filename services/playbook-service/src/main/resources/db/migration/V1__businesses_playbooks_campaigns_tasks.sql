-- playbook-service: businesses, playbooks (versioned), campaigns, tasks, activity log (seed section 3.2).
-- Schema public only; schema messaging (outbox_event, processed_event) is provisioned outside Flyway.

create table businesses (
    id              uuid primary key,
    name            varchar(255) not null,
    slug            varchar(100) not null,
    description     text,
    website_url     varchar(500),
    brand_colors    jsonb        not null default '{}'::jsonb,
    meta_page_id    varchar(100),
    meta_ig_id      varchar(100),
    meta_ad_account varchar(100),
    pixel_id        varchar(100),
    currency        varchar(3)   not null default 'USD',
    timezone        varchar(64)  not null default 'UTC',
    target_markets  jsonb        not null default '[]'::jsonb,
    settings        jsonb        not null default '{}'::jsonb,
    created_by      varchar(255),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz,
    row_version     bigint       not null default 0,
    constraint businesses_slug_unique unique (slug),
    constraint businesses_slug_format check (slug ~ '^[a-z0-9][a-z0-9_-]*$')
);

create table playbooks (
    id                 uuid primary key,
    business_id        uuid         not null references businesses (id) on delete cascade,
    lineage_id         uuid         not null,
    name               varchar(255) not null,
    version            integer      not null default 1,
    status             varchar(16)  not null default 'draft',
    positioning        text,
    founder_story      text,
    audiences          jsonb        not null default '[]'::jsonb,
    key_messages       jsonb        not null default '{}'::jsonb,
    objection_handlers jsonb        not null default '[]'::jsonb,
    hooks              jsonb        not null default '[]'::jsonb,
    visual_direction   jsonb        not null default '{}'::jsonb,
    tone               jsonb        not null default '{}'::jsonb,
    calls_to_action    jsonb        not null default '[]'::jsonb,
    content            jsonb        not null default '{}'::jsonb,
    generated_by       varchar(50),
    created_by         varchar(255),
    activated_at       timestamptz,
    activated_by       varchar(255),
    archived_at        timestamptz,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz,
    row_version        bigint       not null default 0,
    constraint playbooks_status check (status in ('draft', 'active', 'archived')),
    constraint playbooks_version_positive check (version >= 1),
    constraint playbooks_lineage_version unique (lineage_id, version)
);
-- one active playbook per business
create unique index playbooks_one_active_per_business on playbooks (business_id) where status = 'active';
create index playbooks_business_status on playbooks (business_id, status, created_at desc);

create table campaigns (
    id                        uuid primary key,
    business_id               uuid          not null references businesses (id) on delete cascade,
    playbook_id               uuid          not null references playbooks (id) on delete cascade,
    playbook_version          integer       not null,
    name                      varchar(255)  not null,
    status                    varchar(16)   not null default 'draft',
    objective                 varchar(32)   not null,
    target_audience           varchar(100)  not null,
    target_markets            jsonb         not null default '[]'::jsonb,
    channels                  jsonb         not null default '[]'::jsonb,
    content_types             jsonb         not null default '[]'::jsonb,
    hook_ids                  jsonb         not null default '[]'::jsonb,
    budget_daily              numeric(10, 2),
    budget_total              numeric(10, 2),
    currency                  varchar(3)    not null default 'USD',
    start_date                date,
    end_date                  date,
    content_count_per_segment integer       not null default 6,
    landing_url               varchar(500),
    success_metrics           jsonb         not null default '{}'::jsonb,
    performance_thresholds    jsonb         not null default '{}'::jsonb,
    score_weights             jsonb         not null default '{}'::jsonb,
    auto_optimize             boolean       not null default true,
    human_tasks               jsonb         not null default '[]'::jsonb,
    ai_tasks                  jsonb         not null default '[]'::jsonb,
    approved_at               timestamptz,
    approved_by               varchar(255),
    launched_at               timestamptz,
    completed_at              timestamptz,
    failed_at                 timestamptz,
    failure_reason            text,
    created_by                varchar(255),
    created_at                timestamptz   not null default now(),
    updated_at                timestamptz,
    row_version               bigint        not null default 0,
    constraint campaigns_status check (status in
        ('draft', 'review', 'approved', 'setup', 'live', 'paused', 'completed', 'failed')),
    constraint campaigns_budget_daily check (budget_daily is null or budget_daily >= 0),
    constraint campaigns_budget_total check (budget_total is null or budget_total >= 0),
    constraint campaigns_dates check (end_date is null or start_date is null or end_date >= start_date)
);
create index campaigns_business_created on campaigns (business_id, created_at desc, id);
create index campaigns_business_status on campaigns (business_id, status, created_at desc);
create index campaigns_playbook on campaigns (playbook_id);

create table tasks (
    id               uuid primary key,
    campaign_id      uuid         not null references campaigns (id) on delete cascade,
    business_id      uuid         not null references businesses (id) on delete cascade,
    assignee         varchar(10)  not null,
    type             varchar(100) not null,
    title            varchar(255) not null,
    description      text,
    instructions     text,
    status           varchar(16)  not null default 'pending',
    priority         integer      not null default 5,
    depends_on       uuid references tasks (id) on delete set null,
    due_date         date,
    completed_at     timestamptz,
    completed_by     varchar(255),
    completion_notes text,
    blocked_reason   text,
    progress         jsonb        not null default '{}'::jsonb,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz,
    row_version      bigint       not null default 0,
    constraint tasks_assignee check (assignee in ('human', 'system')),
    constraint tasks_status check (status in ('pending', 'in_progress', 'completed', 'blocked')),
    constraint tasks_priority check (priority between 1 and 10),
    -- one task of each type per campaign (system tasks are found by type when their events arrive)
    constraint tasks_campaign_type unique (campaign_id, type)
);
create index tasks_business_status on tasks (business_id, status, created_at);

create table activity_log (
    id          uuid primary key,
    business_id uuid         references businesses (id) on delete cascade,
    campaign_id uuid         references campaigns (id) on delete cascade,
    actor       varchar(10)  not null,
    actor_name  varchar(255),
    action      varchar(100) not null,
    entity_type varchar(100) not null,
    entity_id   uuid,
    details     jsonb        not null default '{}'::jsonb,
    created_at  timestamptz  not null default clock_timestamp(),
    seq         bigint generated always as identity,
    constraint activity_actor check (actor in ('human', 'system'))
);
create index activity_business_seq on activity_log (business_id, seq desc);
create index activity_campaign_seq on activity_log (campaign_id, seq desc);

-- content pieces of a campaign as other services report them (events), to complete system tasks
create table campaign_content (
    campaign_id      uuid        not null references campaigns (id) on delete cascade,
    content_id       uuid        not null,
    batch_id         uuid,
    image_state      varchar(16),
    image_id         uuid,
    image_request_id uuid,
    scheduled        boolean     not null default false,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz,
    primary key (campaign_id, content_id),
    constraint campaign_content_image_state check (image_state is null or image_state in ('matched', 'requested'))
);

-- image requests raised for a campaign (ImageRequested) and whether they were fulfilled (ImageRequestFulfilled)
create table campaign_image_requests (
    request_id   uuid primary key,
    campaign_id  uuid        not null references campaigns (id) on delete cascade,
    content_id   uuid,
    description  text,
    fulfilled_at timestamptz,
    created_at   timestamptz not null default now()
);
create index campaign_image_requests_campaign on campaign_image_requests (campaign_id);
