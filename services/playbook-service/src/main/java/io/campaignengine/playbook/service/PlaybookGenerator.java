package io.campaignengine.playbook.service;

import io.campaignengine.playbook.client.AiPlaybookWriter;
import io.campaignengine.playbook.domain.Business;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Locale;

/**
 * Turns a brief into a draft playbook: through the LangChain4j AI service when an OpenAI key is configured (or
 * {@code campaign-engine.ai.generator=openai}), else — the default — with the deterministic offline generator.
 * An AI failure falls back to the offline draft.
 */
@ApplicationScoped
public class PlaybookGenerator {
    private final OfflinePlaybookGenerator offline;
    private final Instance<AiPlaybookWriter> ai;
    private final boolean useAi;
    private final Duration timeout;

    public PlaybookGenerator(OfflinePlaybookGenerator offline, Instance<AiPlaybookWriter> ai,
                             @ConfigProperty(name = "campaign-engine.ai.generator", defaultValue = "auto") String mode,
                             @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = "offline") String apiKey,
                             @ConfigProperty(name = "campaign-engine.ai.timeout", defaultValue = "PT90S") Duration timeout) {
        this.offline = offline;
        this.ai = ai;
        this.timeout = timeout;
        String m = mode.toLowerCase(Locale.ROOT);
        boolean keyConfigured = apiKey != null && !apiKey.isBlank() && !apiKey.equals("dummy") && !apiKey.equals("offline");
        this.useAi = m.equals("openai") || (m.equals("auto") && keyConfigured);
    }

    public String mode() {
        return useAi ? "openai" : OfflinePlaybookGenerator.NAME;
    }

    public record Draft(PlaybookInput input, String generatedBy) {
    }

    public Uni<Draft> generate(Business business, PlaybookBrief brief) {
        Draft fallback = new Draft(offline.generate(business, brief), OfflinePlaybookGenerator.NAME);
        if (!useAi) {
            return Uni.createFrom().item(fallback);
        }
        Context ctx = Vertx.currentContext();
        Uni<Draft> call = Uni.createFrom().item(() -> ai.get().draft(business, brief))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("AI playbook generation failed (%s); using the offline generator", e.toString());
                    return new Draft(fallback.input(), OfflinePlaybookGenerator.NAME + " (AI failed)");
                });
        return ctx == null ? call : call.emitOn(r -> ctx.runOnContext(v -> r.run()));
    }
}
