-- image-service: the image library, image requests (seed section 3.2), presigned uploads in flight, and the local
-- copies of other services' state it needs (event-carried state transfer): business slugs, the active playbook's
-- vocabulary and visual direction, and the content pieces it matched (with their publishing state).
-- Schema public only; schema messaging (outbox_event, processed_event) is provisioned outside Flyway.

create table businesses (
    id          uuid primary key,
    slug        varchar(100) not null,
    name        varchar(255),
    updated_at  timestamptz  not null default now()
);
-- not unique: playbook-service owns slugs; a copy must accept what it is told
create index businesses_slug on businesses (slug);

-- the active playbook of each business (PlaybookActivated snapshot, reduced to what matching and prompts use)
create table playbooks (
    business_id      uuid primary key,
    playbook_id      uuid         not null,
    version          integer      not null,
    name             varchar(255),
    positioning      text,
    segments         jsonb        not null default '[]'::jsonb,
    emotions         jsonb        not null default '[]'::jsonb,
    themes           jsonb        not null default '[]'::jsonb,
    categories       jsonb        not null default '[]'::jsonb,
    visual_direction jsonb        not null default '{}'::jsonb,
    activated_at     timestamptz,
    archived_at      timestamptz
);

create table images (
    id             uuid primary key,
    business_id    uuid         not null,
    filename       varchar(255) not null,
    storage_key    varchar(500) not null,
    thumbnail_key  varchar(500),
    thumbnail_note varchar(255),
    type           varchar(20)  not null default 'generic',
    category       varchar(100),
    tags           jsonb        not null default '{"segments":[],"emotions":[],"themes":[],"keywords":[]}'::jsonb,
    alt_text       varchar(500),
    description    text,
    width          integer      not null,
    height         integer      not null,
    file_size      bigint       not null,
    mime_type      varchar(100) not null,
    sha256         varchar(64)  not null,
    usage_count    integer      not null default 0,
    uploaded_by    varchar(255),
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz,
    row_version    bigint       not null default 0,
    constraint images_type check (type in ('product', 'generic', 'video_thumbnail')),
    constraint images_dimensions check (width > 0 and height > 0),
    constraint images_usage check (usage_count >= 0),
    -- the same bytes once per business (409 with the existing id)
    constraint images_business_sha unique (business_id, sha256)
);
create index images_business_created on images (business_id, created_at desc);
create index images_tags on images using gin (tags jsonb_path_ops);

create table image_requests (
    id                uuid primary key,
    business_id       uuid         not null,
    campaign_id       uuid,
    content_id        uuid,
    status            varchar(16)  not null default 'pending',
    description       text         not null,
    suggested_prompt  text         not null,
    suggested_tags    jsonb        not null default '{"segments":[],"emotions":[],"themes":[],"keywords":[]}'::jsonb,
    priority          integer      not null default 5,
    aspect_ratio      varchar(10),
    placements        jsonb        not null default '[]'::jsonb,
    best_match_score  double precision,
    threshold         double precision not null,
    prompt_source     varchar(20)  not null default 'offline',
    fulfilled_by      uuid references images (id) on delete set null,
    completed_by      varchar(255),
    cancel_reason     text,
    requested_at      timestamptz  not null default now(),
    completed_at      timestamptz,
    row_version       bigint       not null default 0,
    constraint image_requests_status check (status in ('pending', 'in_progress', 'completed', 'cancelled')),
    constraint image_requests_priority check (priority between 1 and 10)
);
-- one open automatic request per content piece
create unique index image_requests_open_per_content on image_requests (content_id)
    where content_id is not null and status in ('pending', 'in_progress');
create index image_requests_business_status on image_requests (business_id, status, priority desc, requested_at);

-- content pieces this service knows (ContentGenerated; ContentImageAssigned; PostScheduled/PostPublished): what it
-- matched them to, which image they use, and whether they are scheduled or posted (the delete rule)
create table contents (
    id            uuid primary key,
    business_id   uuid         not null,
    campaign_id   uuid,
    content_type  varchar(20),
    segment_id    varchar(100),
    emotions      jsonb        not null default '[]'::jsonb,
    themes        jsonb        not null default '[]'::jsonb,
    placements    jsonb        not null default '[]'::jsonb,
    headline      text,
    body          text,
    hook_text     text,
    image_id      uuid,
    assignment    varchar(20),
    match_score   double precision,
    generated_at  timestamptz,
    scheduled_at  timestamptz,
    published_at  timestamptz,
    retired_at    timestamptz,
    posts         integer      not null default 0
);
create index contents_image on contents (image_id);

-- presigned PUTs handed out and not confirmed yet; expired ones are removed with their object
create table pending_uploads (
    id           uuid primary key,
    business_id  uuid         not null,
    object_key   varchar(500) not null,
    filename     varchar(255) not null,
    metadata     jsonb        not null default '{}'::jsonb,
    created_by   varchar(255),
    created_at   timestamptz  not null default now(),
    expires_at   timestamptz  not null
);
create index pending_uploads_expiry on pending_uploads (expires_at);
