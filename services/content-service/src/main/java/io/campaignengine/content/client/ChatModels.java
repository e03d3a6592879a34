package io.campaignengine.content.client;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The LangChain4j chat models by provider. OpenAI is quarkus-langchain4j-openai's model (configured under
 * {@code quarkus.langchain4j.openai.*}; injected directly: the extension only produces the bean for a plain injection
 * point, not for an {@code Instance<ChatModel>} lookup); Anthropic and Ollama are plain LangChain4j builders (their Quarkus
 * extensions do not resolve here) over the JDK HTTP client, configured under {@code campaign-engine.content.ai.*}.
 */
@ApplicationScoped
public class ChatModels {
    private final ChatModel quarkusModel;
    private final String openAiKey;
    private final String openAiModel;
    private final Optional<Double> openAiTemperature;
    private final String anthropicKey;
    private final String anthropicUrl;
    private final String anthropicModel;
    private final String ollamaUrl;
    private final String ollamaModel;
    private final double temperature;
    private final Duration timeout;
    private final int httpRetries;
    private final int maxTokens;
    private final int maxAttempts;
    private final double openAiIn;
    private final double openAiOut;
    private final double anthropicIn;
    private final double anthropicOut;
    private final double ollamaIn;
    private final double ollamaOut;

    public ChatModels(ChatModel quarkusModel,
                      @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = "offline") String openAiKey,
                      @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "gpt-4o-mini") String openAiModel,
                      @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.temperature") Optional<Double> openAiTemperature,
                      @ConfigProperty(name = "campaign-engine.content.ai.anthropic.api-key") Optional<String> anthropicKey,
                      @ConfigProperty(name = "campaign-engine.content.ai.anthropic.base-url", defaultValue = "https://api.anthropic.com/v1/") String anthropicUrl,
                      @ConfigProperty(name = "campaign-engine.content.ai.anthropic.model", defaultValue = "claude-sonnet-4-5") String anthropicModel,
                      @ConfigProperty(name = "campaign-engine.content.ai.ollama.base-url", defaultValue = "http://127.0.0.1:11434") String ollamaUrl,
                      @ConfigProperty(name = "campaign-engine.content.ai.ollama.model", defaultValue = "llama3.1") String ollamaModel,
                      @ConfigProperty(name = "campaign-engine.content.ai.temperature", defaultValue = "0.8") double temperature,
                      @ConfigProperty(name = "campaign-engine.content.ai.timeout", defaultValue = "PT90S") Duration timeout,
                      @ConfigProperty(name = "campaign-engine.content.ai.http-retries", defaultValue = "2") int httpRetries,
                      @ConfigProperty(name = "campaign-engine.content.ai.max-tokens", defaultValue = "4000") int maxTokens,
                      @ConfigProperty(name = "campaign-engine.content.ai.max-attempts", defaultValue = "3") int maxAttempts,
                      @ConfigProperty(name = "campaign-engine.content.ai.openai.price-input-per-mtok", defaultValue = "0.15") double openAiIn,
                      @ConfigProperty(name = "campaign-engine.content.ai.openai.price-output-per-mtok", defaultValue = "0.60") double openAiOut,
                      @ConfigProperty(name = "campaign-engine.content.ai.anthropic.price-input-per-mtok", defaultValue = "3.00") double anthropicIn,
                      @ConfigProperty(name = "campaign-engine.content.ai.anthropic.price-output-per-mtok", defaultValue = "15.00") double anthropicOut,
                      @ConfigProperty(name = "campaign-engine.content.ai.ollama.price-input-per-mtok", defaultValue = "0") double ollamaIn,
                      @ConfigProperty(name = "campaign-engine.content.ai.ollama.price-output-per-mtok", defaultValue = "0") double ollamaOut) {
        this.quarkusModel = quarkusModel;
        this.openAiKey = openAiKey;
        this.openAiModel = openAiModel;
        this.openAiTemperature = openAiTemperature;
        this.anthropicKey = anthropicKey.orElse("");
        this.anthropicUrl = anthropicUrl;
        this.anthropicModel = anthropicModel;
        this.ollamaUrl = ollamaUrl;
        this.ollamaModel = ollamaModel;
        this.temperature = temperature;
        this.timeout = timeout;
        this.httpRetries = httpRetries;
        this.maxTokens = maxTokens;
        this.maxAttempts = maxAttempts;
        this.openAiIn = openAiIn;
        this.openAiOut = openAiOut;
        this.anthropicIn = anthropicIn;
        this.anthropicOut = anthropicOut;
        this.ollamaIn = ollamaIn;
        this.ollamaOut = ollamaOut;
    }

    public boolean hasOpenAiKey() {
        // "offline" (our placeholder) and "dummy" (docker-compose's) mean no key
        return openAiKey != null && !openAiKey.isBlank() && !"offline".equals(openAiKey) && !"dummy".equals(openAiKey);
    }

    public boolean hasAnthropicKey() {
        return anthropicKey != null && !anthropicKey.isBlank();
    }

    public ChatModel model(String provider) {
        return switch (provider) {
            case "openai" -> {
                if (!hasOpenAiKey()) {
                    throw new IllegalStateException("provider openai needs OPENAI_API_KEY (quarkus.langchain4j.openai.api-key)");
                }
                yield quarkusModel;
            }
            case "anthropic" -> {
                if (!hasAnthropicKey()) {
                    throw new IllegalStateException("provider anthropic needs ANTHROPIC_API_KEY (campaign-engine.content.ai.anthropic.api-key)");
                }
                yield anthropic(anthropicUrl, anthropicKey, anthropicModel, temperature, timeout, httpRetries, maxTokens);
            }
            case "ollama" -> ollama(ollamaUrl, ollamaModel, temperature, timeout, httpRetries);
            default -> throw new IllegalArgumentException("no chat model for " + provider);
        };
    }

    /** Ollama's /api/chat through plain LangChain4j, JSON format (also used by the tests against a local fake). */
    public static ChatModel ollama(String baseUrl, String model, double temperature, Duration timeout, int retries) {
        return OllamaChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .baseUrl(baseUrl)
                .modelName(model)
                .temperature(temperature)
                .timeout(timeout)
                .maxRetries(retries)
                .responseFormat(ResponseFormat.JSON)
                .build();
    }

    /** Anthropic's Messages API through plain LangChain4j (also used by the tests against a local fake). */
    public static ChatModel anthropic(String baseUrl, String apiKey, String model, double temperature, Duration timeout, int retries,
                                      int maxTokens) {
        return AnthropicChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder())
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(model)
                .temperature(temperature)
                .timeout(timeout)
                .maxRetries(retries)
                .maxTokens(maxTokens)
                .build();
    }

    public String modelName(String provider) {
        return switch (provider) {
            case "openai" -> openAiModel;
            case "anthropic" -> anthropicModel;
            case "ollama" -> ollamaModel;
            default -> provider;
        };
    }

    public Double temperature(String provider) {
        return "openai".equals(provider) ? openAiTemperature.orElse(null) : temperature;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public AiVariationProvider.Pricing pricing(String provider) {
        return switch (provider) {
            case "openai" -> new AiVariationProvider.Pricing(openAiIn, openAiOut);
            case "anthropic" -> new AiVariationProvider.Pricing(anthropicIn, anthropicOut);
            default -> new AiVariationProvider.Pricing(ollamaIn, ollamaOut);
        };
    }
}
