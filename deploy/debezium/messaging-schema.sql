-- Transactional outbox + idempotent-consumer tables (CONTRACT.md). Run in each service database AS THE SERVICE ROLE
-- (so the role owns the table and Debezium, connecting as that role, can create the filtered publication).
-- Idempotent: libs/devstack runs it on every `up`; docker-compose runs it from an init script.
-- Services' Flyway migrations manage only schema `public` and must not touch `messaging`.
create schema if not exists messaging;

create table if not exists messaging.outbox_event (
    id             uuid primary key,
    aggregatetype  varchar(100) not null,   -- topic prefix: "campaign" -> topic campaign.events
    aggregateid    varchar(100) not null,   -- Kafka key (campaignId, else businessId)
    type           varchar(200) not null,   -- event type -> header eventType
    payload        bytea not null,          -- Avro bytes (Apicurio serde, schema id in the payload), passed through unchanged
    correlation_id varchar(100),            -- -> header correlationId
    occurred_at    timestamptz not null default now()
);

create table if not exists messaging.processed_event (
    event_id     uuid not null,
    consumer     varchar(200) not null,
    processed_at timestamptz not null default now(),
    primary key (event_id, consumer)
);
