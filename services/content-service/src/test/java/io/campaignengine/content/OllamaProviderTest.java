package io.campaignengine.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignengine.content.client.AiVariationProvider;
import io.campaignengine.content.service.ProviderResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ollama path (plain langchain4j-ollama, the model ChatModels builds) against a local server speaking Ollama's /api/chat. */
class OllamaProviderTest {
    static FakeModelServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeModelServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonFormatRequestAndRetriedMalformedOutput() {
        var model = io.campaignengine.content.client.ChatModels.ollama(server.rootUrl(), "llama3.1", 0.8, Duration.ofSeconds(20), 0);
        var provider = new AiVariationProvider("ollama", model, "llama3.1", 0.8, 3, new AiVariationProvider.Pricing(0, 0));
        server.script.add("{\"variations\": \"not a list\"}");
        ProviderResult r = provider.generate(AnthropicProviderTest.request(2));
        assertEquals(2, r.drafts().size());
        assertEquals(2, r.attempts());
        assertEquals(240, r.inputTokens());
        assertEquals(0, provider.cost(r.inputTokens(), r.outputTokens()), "a local model costs nothing");
        JsonNode body = server.requests.get(0).body();
        assertEquals("/api/chat", server.requests.get(0).path());
        assertEquals("llama3.1", body.path("model").asText());
        assertEquals("json", body.path("format").asText());
        assertEquals(false, body.path("stream").asBoolean(true));
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        assertTrue(body.path("messages").get(1).path("content").asText().contains("Return exactly 2 variation(s)"));
    }
}
