package io.campaignengine.kit.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the real database of the test app (through the app's reactive pool, blocking the test thread). */
public final class Db {

    private Db() {
    }

    public static List<Row> rows(Pool pool, String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(20)).forEach(rows::add);
        return rows;
    }

    public static long count(Pool pool, String sql, Object... params) {
        return rows(pool, sql, params).get(0).getLong(0);
    }
}
