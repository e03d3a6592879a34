package io.campaignengine.content.service;

import io.campaignengine.content.client.AiVariationProvider;
import io.campaignengine.content.client.ChatModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * The provider in use, by configuration ({@code campaign-engine.content.ai.provider}): offline (the default),
 * openai, anthropic or ollama; {@code auto} picks OpenAI when OPENAI_API_KEY is set, else Anthropic when
 * ANTHROPIC_API_KEY is set, else offline.
 */
@ApplicationScoped
public class Providers {
    private static final Logger LOG = Logger.getLogger(Providers.class);

    private final ChatModels models;
    private final String configured;
    private volatile VariationProvider current;

    public Providers(ChatModels models, @ConfigProperty(name = "campaign-engine.content.ai.provider", defaultValue = "offline") String configured) {
        this.models = models;
        this.configured = configured.trim().toLowerCase(Locale.ROOT);
    }

    /** The configured provider name (as configured, before auto resolution). */
    public String configured() {
        return configured;
    }

    public VariationProvider current() {
        VariationProvider p = current;
        if (p == null) {
            synchronized (this) {
                if (current == null) {
                    current = create();
                    LOG.infof("content generation provider: %s (model %s)", current.name(), current.model());
                }
                p = current;
            }
        }
        return p;
    }

    VariationProvider create() {
        String name = configured;
        if ("auto".equals(name)) {
            name = models.hasOpenAiKey() ? "openai" : models.hasAnthropicKey() ? "anthropic" : "offline";
        }
        return switch (name) {
            case "offline" -> new OfflineGenerator();
            case "openai", "anthropic", "ollama" -> new AiVariationProvider(name, models.model(name), models.modelName(name),
                    models.temperature(name), models.maxAttempts(), models.pricing(name));
            default -> throw new IllegalStateException("campaign-engine.content.ai.provider=" + configured
                    + " is not one of offline, openai, anthropic, ollama, auto");
        };
    }
}
