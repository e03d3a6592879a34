-- Campaigns per business and status, kept by a trigger in the same transaction as the change: the campaign list's
-- totalItems is a sum over at most 8 rows instead of counting every campaign of the business on each request
-- (10,000 campaigns: ~1-2 ms of PostgreSQL per list request, the largest single cost of GET /api/campaigns).
create table campaign_counts (
    business_id uuid        not null references businesses (id) on delete cascade,
    status      varchar(16) not null,
    n           bigint      not null,
    primary key (business_id, status)
);

insert into campaign_counts (business_id, status, n)
select business_id, status, count(*) from campaigns group by business_id, status;

create function campaign_counts_track() returns trigger language plpgsql as $$
begin
    -- an UPDATE that rewrites the columns unchanged (Hibernate writes every column) counts nothing
    if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.business_id is not distinct from old.business_id then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        update campaign_counts set n = n - 1 where business_id = old.business_id and status = old.status;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into campaign_counts (business_id, status, n) values (new.business_id, new.status, 1)
        on conflict (business_id, status) do update set n = campaign_counts.n + 1;
    end if;
    return null;
end;
$$;

create trigger campaigns_count after insert or update of status, business_id or delete on campaigns
    for each row execute function campaign_counts_track();
