package io.campaignengine.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignengine.content.client.AiVariationProvider;
import io.campaignengine.content.client.ChatModels;
import io.campaignengine.content.service.GenerationRequest;
import io.campaignengine.content.service.MalformedOutputException;
import io.campaignengine.content.service.ProviderResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Anthropic (Claude) path through LangChain4j against a local server speaking the Messages API: the request is
 * checked (path, x-api-key, anthropic-version, model, system prompt, user prompt with the hook), a recorded-style
 * response parsed; malformed output is retried with the problem explained, then reported.
 */
class AnthropicProviderTest {
    static FakeModelServer server;
    static AiVariationProvider provider;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeModelServer();
        provider = new AiVariationProvider("anthropic",
                ChatModels.anthropic(server.baseUrl(), "sk-ant-test", "claude-sonnet-4-5", 0.6, Duration.ofSeconds(20), 0, 2000),
                "claude-sonnet-4-5", 0.6, 3, new AiVariationProvider.Pricing(3.0, 15.0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.requests.clear();
        server.script.clear();
    }

    static GenerationRequest request(int count) {
        var p = EngineTest.playbook();
        return new GenerationRequest(p, "Back to School", "trials", "tia_seeker", p.hook("h_win"), "organic_post", count, 0, 1L, null);
    }

    @Test
    void validOutputIsParsedAndTheRequestIsTheMessagesApi() {
        ProviderResult r = provider.generate(request(3));
        assertEquals(3, r.drafts().size());
        assertEquals(1, r.attempts());
        assertEquals(120, r.inputTokens());
        assertEquals(80, r.outputTokens());
        assertEquals("claude-sonnet-4-5", r.model());
        assertTrue(r.drafts().get(0).headline().startsWith("Model take"));
        assertEquals("Start your free trial", r.drafts().get(0).ctaText());

        var req = server.requests.get(0);
        assertEquals("/v1/messages", req.path());
        assertEquals("sk-ant-test", req.header("x-api-key"));
        assertTrue(req.header("anthropic-version") != null, "anthropic-version header");
        JsonNode body = req.body();
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertEquals(2000, body.path("max_tokens").asInt());
        assertEquals(0.6, body.path("temperature").asDouble(), 1e-9);
        assertTrue(body.path("system").toString().contains("ONE JSON object"), body.path("system").toString());
        JsonNode user = body.path("messages").get(0);
        assertEquals("user", user.path("role").asText());
        assertTrue(user.toString().contains("What if your TIA designation paid for itself?"), "the hook is in the prompt");
        assertTrue(user.toString().contains("Return exactly 3 variation(s)"));
        assertEquals(3 * 1.0 * 120 / 1_000_000 + 15.0 * 80 / 1_000_000, provider.cost(120, 80), 1e-12);
    }

    @Test
    void malformedOutputIsRetriedWithTheProblemThenAccepted() {
        server.script.add("Sure! Here are your variations: headline one, headline two.");
        server.script.add("{\"variations\":[{\"headline\":\"Only a headline\"}]}");
        ProviderResult r = provider.generate(request(2));
        assertEquals(3, r.attempts());
        assertEquals(2, r.drafts().size());
        assertEquals(360, r.inputTokens(), "tokens of every attempt count");
        assertEquals(2, r.problems().size());
        assertTrue(r.problems().get(0).contains("not valid JSON"), r.problems().toString());
        assertTrue(r.problems().get(1).contains("variations[0]: body is empty"), r.problems().toString());
        // the retry tells the model what was wrong
        assertTrue(server.requests.get(1).body().toString().contains("could not be used: the answer is not valid JSON"));
        assertTrue(server.requests.get(2).body().toString().contains("variations[0]: body is empty"));
    }

    @Test
    void outputThatStaysMalformedIsReported() {
        for (int i = 0; i < 3; i++) {
            server.script.add("```json\n{\"variations\": []}\n```");
        }
        MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> provider.generate(request(2)));
        assertEquals(3, e.attempts);
        assertEquals(360, e.inputTokens);
        assertTrue(e.getMessage().contains("no non-empty \"variations\" array"), e.getMessage());
        assertEquals(3, server.requests.size());
    }
}
