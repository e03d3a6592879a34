package io.campaignengine.image.service;

import io.campaignengine.image.client.AiPromptWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes the description and the Midjourney-style prompt of an image request: through LangChain4j (OpenAI) when
 * configured ({@code campaign-engine.ai.generator} = openai, or auto with a key), else — the default — with the
 * deterministic {@link OfflinePromptWriter}. An AI failure falls back to the offline prompt (a request is never lost
 * because a model is down).
 */
@ApplicationScoped
public class PromptWriter {
    private static final Logger LOG = Logger.getLogger(PromptWriter.class);

    public record Prompt(String description, String prompt, String source) {
    }

    private final AiPromptWriter ai;
    private final boolean useAi;

    public PromptWriter(AiPromptWriter ai, @ConfigProperty(name = "campaign-engine.ai.generator", defaultValue = "auto") String mode,
                        @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = "offline") String key) {
        this.ai = ai;
        boolean hasKey = key != null && !key.isBlank() && !key.equals("offline") && !key.equals("dummy");
        this.useAi = mode.equalsIgnoreCase("openai") || (mode.equalsIgnoreCase("auto") && hasKey);
    }

    public boolean usesAi() {
        return useAi;
    }

    public Uni<Prompt> write(ImageBrief brief) {
        Prompt offline = OfflinePromptWriter.write(brief);
        if (!useAi) {
            return Uni.createFrom().item(offline);
        }
        // the model call blocks: a worker thread, the result back on the caller's context
        return Blocking.call(() -> ai.write(brief, offline))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("AI prompt failed (%s); using the offline prompt", e.toString());
                    return offline;
                });
    }
}
