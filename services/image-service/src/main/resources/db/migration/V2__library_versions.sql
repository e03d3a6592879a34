-- Matching runs on an in-memory index per business (service/MatchIndex). Several instances of the service may run, so
-- each one checks, per match, one cheap row: the business's library version. Every statement that inserts, updates or
-- deletes images bumps it IN THE SAME TRANSACTION (a trigger, so no code path - upload, update, delete, usage counts in
-- consumers, a manual SQL fix - can forget it) and records which images changed, so an index that is behind applies
-- the changes (delta) instead of reloading the whole library. The version row lock also orders concurrent writers, so
-- a version a reader sees implies every lower version is committed.

create table library_versions (
    business_id uuid primary key,
    version     bigint not null
);

create table library_changes (
    business_id uuid   not null,
    version     bigint not null,
    image_id    uuid   not null
);
create index library_changes_business_version on library_changes (business_id, version);

-- keyset pages for the index's full load
create index images_business_id on images (business_id, id);

insert into library_versions (business_id, version) select business_id, 1 from images group by business_id;

-- the last 1000 versions of changes are kept; an index further behind reloads in full
create function library_bump(b uuid, ids uuid[]) returns void language plpgsql as $$
declare
    v bigint;
begin
    insert into library_versions as lv (business_id, version) values (b, 1)
        on conflict (business_id) do update set version = lv.version + 1
        returning lv.version into v;
    insert into library_changes (business_id, version, image_id) select b, v, unnest(ids);
    delete from library_changes where business_id = b and version <= v - 1000;
end
$$;

-- once per statement (a bulk insert of 100k rows is one version), per business touched
create function images_library_changed() returns trigger language plpgsql as $$
declare
    r record;
begin
    if tg_op = 'INSERT' then
        for r in select business_id, array_agg(id) as ids from new_rows group by business_id loop
            perform library_bump(r.business_id, r.ids);
        end loop;
    elsif tg_op = 'DELETE' then
        for r in select business_id, array_agg(id) as ids from old_rows group by business_id loop
            perform library_bump(r.business_id, r.ids);
        end loop;
    else
        for r in select business_id, array_agg(distinct id) as ids
                 from (select business_id, id from new_rows union select business_id, id from old_rows) x
                 group by business_id loop
            perform library_bump(r.business_id, r.ids);
        end loop;
    end if;
    return null;
end
$$;

create trigger images_library_insert after insert on images referencing new table as new_rows
    for each statement execute function images_library_changed();
create trigger images_library_update after update on images referencing old table as old_rows new table as new_rows
    for each statement execute function images_library_changed();
create trigger images_library_delete after delete on images referencing old table as old_rows
    for each statement execute function images_library_changed();
