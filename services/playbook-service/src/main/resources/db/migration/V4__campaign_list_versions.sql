-- A counter per business that moves, in the writing transaction, with every change the campaign list shows: a
-- campaign written (any column) or one of its tasks. A rendered page of GET /api/campaigns?businessId= stays valid
-- while the counter stands still (playbook-service CampaignListCache), and the counter is the page's ETag.
-- No foreign key: deleting a business deletes its campaigns, whose triggers then touch this row in the same statement.
create table campaign_list_versions (
    business_id uuid   primary key,
    version     bigint not null
);

insert into campaign_list_versions (business_id, version) select id, 1 from businesses;

create function campaign_list_versions_bump() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into campaign_list_versions (business_id, version) values (new.business_id, 1)
        on conflict (business_id) do update set version = campaign_list_versions.version + 1;
    end if;
    if tg_op = 'DELETE' or (tg_op = 'UPDATE' and new.business_id is distinct from old.business_id) then
        insert into campaign_list_versions (business_id, version) values (old.business_id, 1)
        on conflict (business_id) do update set version = campaign_list_versions.version + 1;
    end if;
    return null;
end;
$$;

create trigger campaigns_list_version after insert or update or delete on campaigns
    for each row execute function campaign_list_versions_bump();
create trigger tasks_list_version after insert or update or delete on tasks
    for each row execute function campaign_list_versions_bump();
