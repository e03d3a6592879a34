package io.campaignengine.content.client;

import dev.langchain4j.model.chat.ChatModel;
import io.campaignengine.content.service.Draft;
import io.campaignengine.content.service.GenerationRequest;
import io.campaignengine.content.service.MalformedOutputException;
import io.campaignengine.content.service.Prompts;
import io.campaignengine.content.service.ProviderResult;
import io.campaignengine.content.service.VariationProvider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * A LangChain4j provider (OpenAI, Anthropic or Ollama chat model, called through {@link ContentWriter}):
 * structured JSON output, validated; malformed output is explained to the model and retried up to
 * {@code maxAttempts}, then reported ({@link MalformedOutputException}); tokens of every attempt are counted.
 */
public class AiVariationProvider implements VariationProvider {
    private static final Logger LOG = Logger.getLogger(AiVariationProvider.class);

    public record Pricing(double inputPerMillion, double outputPerMillion) {
    }

    private final String name;
    private final String modelName;
    private final Double temperature;
    private final int maxAttempts;
    private final Pricing pricing;
    private final ContentWriter writer;

    public AiVariationProvider(String name, ChatModel model, String modelName, Double temperature, int maxAttempts, Pricing pricing) {
        this.name = name;
        this.modelName = modelName;
        this.temperature = temperature;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.pricing = pricing;
        this.writer = new ContentWriter(model);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return modelName;
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public double cost(long inputTokens, long outputTokens) {
        return inputTokens / 1_000_000.0 * pricing.inputPerMillion() + outputTokens / 1_000_000.0 * pricing.outputPerMillion();
    }

    @Override
    public ProviderResult generate(GenerationRequest request) {
        String prompt = Prompts.user(request);
        long in = 0;
        long out = 0;
        List<String> problems = new ArrayList<>();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String p = problems.isEmpty() ? prompt : prompt + "\n\n" + Prompts.retry(problems.get(problems.size() - 1));
            ContentWriter.Answer answer = writer.write(p);
            in += answer.inputTokens();
            out += answer.outputTokens();
            try {
                List<Draft> drafts = VariationParser.parse(answer.text());
                return new ProviderResult(drafts, name, modelName, temperature, in, out, attempt, List.copyOf(problems));
            } catch (VariationParser.Malformed e) {
                LOG.warnf("%s: malformed output (attempt %d of %d): %s", name, attempt, maxAttempts, e.getMessage());
                problems.add(e.getMessage());
            }
        }
        throw new MalformedOutputException(maxAttempts, in, out, problems);
    }
}
