package io.campaignengine.playbook.repository;

import io.campaignengine.playbook.domain.Campaign;
import io.campaignengine.playbook.domain.CampaignStatus;
import io.campaignengine.playbook.domain.Codes;
import io.campaignengine.playbook.domain.Objective;
import io.campaignengine.playbook.service.CampaignView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The read path of {@code GET /api/campaigns}: one SQL statement on the reactive PostgreSQL client for the page, the
 * task counts of each campaign and the total (from the trigger-kept {@code campaign_counts}), rows mapped straight to
 * views, jsonb columns passed on as text. It is the hottest read of the API (the list screen, polled); through
 * Hibernate, query interpretation, entity hydration and a second count query over every campaign of the business cost
 * most of its time (bench/gateway). The campaigns in the views are detached and carry only their scalar columns (the
 * jsonb ones are in {@link CampaignView.StoredJson}): read them for a response, never write through them.
 */
@ApplicationScoped
public class CampaignListQuery {
    private static final String COLUMNS = """
            c.id, c.business_id, c.playbook_id, c.playbook_version, c.name, c.status, c.objective, c.target_audience,
            cast(c.target_markets as text), cast(c.channels as text), cast(c.content_types as text), cast(c.hook_ids as text),
            c.budget_daily, c.budget_total, c.currency, c.start_date, c.end_date, c.content_count_per_segment, c.landing_url,
            cast(c.success_metrics as text), cast(c.performance_thresholds as text), cast(c.score_weights as text),
            c.auto_optimize, cast(c.human_tasks as text), cast(c.ai_tasks as text), c.approved_at, c.approved_by,
            c.launched_at, c.completed_at, c.failed_at, c.failure_reason, c.created_by, c.created_at, c.updated_at,
            c.row_version""";
    private static final String TASK_COUNTS = """
            left join lateral (
                select count(*) as total,
                       count(*) filter (where t.status = 'completed') as completed,
                       count(*) filter (where t.status = 'blocked') as blocked,
                       count(*) filter (where t.status <> 'completed' and t.assignee = 'human') as human_open,
                       count(*) filter (where t.status <> 'completed' and t.assignee = 'system') as system_open
                from tasks t where t.campaign_id = c.id) tc on true""";

    private final Pool pool;

    public CampaignListQuery(Pool pool) {
        this.pool = pool;
    }

    /** Newest first (ties by id), like every list of the API; only campaigns of the businesses in {@code scopeSlugs}. */
    public Uni<PageResult<CampaignView>> page(Set<String> scopeSlugs, UUID businessId, CampaignStatus status, UUID playbookId,
                                              int page, int size) {
        List<Object> params = new ArrayList<>();
        params.add(scopeSlugs.toArray(String[]::new));
        StringBuilder where = new StringBuilder("c.business_id in (select b.id from businesses b where b.slug = any($1))");
        StringBuilder countWhere = new StringBuilder("k.business_id in (select b.id from businesses b where b.slug = any($1))");
        if (businessId != null) {
            params.add(businessId);
            where.append(" and c.business_id = $").append(params.size());
            countWhere.append(" and k.business_id = $").append(params.size());
        }
        if (status != null) {
            params.add(Codes.code(status));
            where.append(" and c.status = $").append(params.size());
            countWhere.append(" and k.status = $").append(params.size());
        }
        String total;
        if (playbookId != null) { // not kept per playbook: counted (campaigns of one playbook are few)
            params.add(playbookId);
            where.append(" and c.playbook_id = $").append(params.size());
            total = "(select count(*) from campaigns c where " + where + ")";
        } else {
            total = "(select coalesce(sum(k.n), 0) from campaign_counts k where " + countWhere + ")";
        }
        // LIMIT and OFFSET are written into the statement (two ints, never text from the request): as parameters, the
        // generic plan PostgreSQL would cache has to assume a tenth of the table per page and always loses to a custom
        // plan, so every execution was planned again (~0.7 ms of PostgreSQL CPU per list, bench/gateway). Each page
        // size and page number is its own prepared statement, planned once per connection.
        String sql = "select " + COLUMNS + ", tc.total, tc.completed, tc.blocked, tc.human_open, tc.system_open, "
                + total + " as total_items from (select * from campaigns c where " + where
                + " order by c.created_at desc, c.id limit " + size + " offset " + (long) page * size + ") c "
                + TASK_COUNTS + " order by c.created_at desc, c.id";
        return pool.preparedQuery(sql).execute(Tuple.from(params)).chain(rows -> {
            if (rows.size() == 0 && page > 0) { // past the end: the total still counts
                return pool.preparedQuery("select " + total + " as total_items").execute(Tuple.from(params))
                        .map(r -> new PageResult<>(List.<CampaignView>of(), page, size, r.iterator().next().getLong(0)));
            }
            return Uni.createFrom().item(toPage(rows, page, size));
        });
    }

    /**
     * The business's campaign list version (V4 migration: it moves with every write of its campaigns and their tasks),
     * or null when the business is not in {@code scopeSlugs} or never had a campaign.
     */
    public Uni<Long> version(Set<String> scopeSlugs, UUID businessId) {
        return pool.preparedQuery("select v.version from campaign_list_versions v where v.business_id = $1"
                        + " and exists (select 1 from businesses b where b.id = $1 and b.slug = any($2))")
                .execute(Tuple.of(businessId, scopeSlugs.toArray(String[]::new)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    private static PageResult<CampaignView> toPage(RowSet<Row> rows, int page, int size) {
        List<CampaignView> items = new ArrayList<>(rows.size());
        long total = 0;
        for (Row r : rows) {
            items.add(new CampaignView(campaign(r), new CampaignView.TaskCounts(r.getInteger("total"), r.getInteger("completed"),
                    r.getInteger("blocked"), r.getInteger("human_open"), r.getInteger("system_open")),
                    new CampaignView.StoredJson(r.getString(8), r.getString(9), r.getString(10), r.getString(11), r.getString(19),
                            r.getString(20), r.getString(21), r.getString(23), r.getString(24))));
            total = r.getLong("total_items");
        }
        return new PageResult<>(items, page, size, total);
    }

    /** The scalar columns; the jsonb ones (text) go to {@link CampaignView.StoredJson} as they are. */
    private static Campaign campaign(Row r) {
        Campaign c = new Campaign();
        int i = 0;
        c.id = r.getUUID(i++);
        c.businessId = r.getUUID(i++);
        c.playbookId = r.getUUID(i++);
        c.playbookVersion = r.getInteger(i++);
        c.name = r.getString(i++);
        c.status = Codes.require(CampaignStatus.class, r.getString(i++));
        c.objective = Codes.require(Objective.class, r.getString(i++));
        c.targetAudience = r.getString(i++);
        i += 4; // target_markets, channels, content_types, hook_ids: StoredJson
        c.budgetDaily = r.getBigDecimal(i++);
        c.budgetTotal = r.getBigDecimal(i++);
        c.currency = r.getString(i++);
        c.startDate = r.getLocalDate(i++);
        c.endDate = r.getLocalDate(i++);
        c.contentCountPerSegment = r.getInteger(i++);
        c.landingUrl = r.getString(i++);
        i += 3; // success_metrics, performance_thresholds, score_weights: StoredJson
        c.autoOptimize = r.getBoolean(i++);
        i += 2; // human_tasks, ai_tasks: StoredJson
        c.approvedAt = instant(r.getOffsetDateTime(i++));
        c.approvedBy = r.getString(i++);
        c.launchedAt = instant(r.getOffsetDateTime(i++));
        c.completedAt = instant(r.getOffsetDateTime(i++));
        c.failedAt = instant(r.getOffsetDateTime(i++));
        c.failureReason = r.getString(i++);
        c.createdBy = r.getString(i++);
        c.createdAt = instant(r.getOffsetDateTime(i++));
        c.updatedAt = instant(r.getOffsetDateTime(i++));
        c.rowVersion = r.getLong(i);
        return c;
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
