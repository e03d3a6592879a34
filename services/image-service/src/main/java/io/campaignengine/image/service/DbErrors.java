package io.campaignengine.image.service;

import io.vertx.pgclient.PgException;

/** Recognizes database errors in a cause chain (Hibernate Reactive wraps the PostgreSQL client's exceptions). */
public final class DbErrors {
    private DbErrors() {
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && "23505".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
