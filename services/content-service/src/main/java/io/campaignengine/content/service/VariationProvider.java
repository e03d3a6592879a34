package io.campaignengine.content.service;

/**
 * Writes variations. The offline generator is the default; LangChain4j providers (OpenAI, Anthropic, Ollama) are
 * chosen by configuration. {@link #generate} may block (HTTP): the job runner calls blocking providers on a worker.
 */
public interface VariationProvider {

    /** offline | openai | anthropic | ollama */
    String name();

    String model();

    /** Whether it blocks (network), i.e. must run off the event loop. */
    boolean blocking();

    /** Cost in USD of the tokens (0 for offline and local models). */
    double cost(long inputTokens, long outputTokens);

    /**
     * @throws MalformedOutputException when the model kept answering with output that is not valid (after retries)
     */
    ProviderResult generate(GenerationRequest request);
}
