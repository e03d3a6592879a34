package io.campaignengine.content.repository;

import io.campaignengine.content.domain.TokenUsage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<TokenUsage, UUID> {

    public record Totals(long inputTokens, long outputTokens, BigDecimal costUsd, long calls) {
    }

    public Uni<Totals> totals(UUID businessId, LocalDate month) {
        return getSession().chain(s -> s.createNativeQuery("select coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),"
                                + " coalesce(sum(cost_usd), 0), count(*) from token_usage where business_id = :b and month = :m", Object[].class)
                        .setParameter("b", businessId).setParameter("m", month).getSingleResult())
                .map(r -> new Totals(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), new BigDecimal(r[2].toString()),
                        ((Number) r[3]).longValue()));
    }
}
