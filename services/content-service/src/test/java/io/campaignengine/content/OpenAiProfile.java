package io.campaignengine.content;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** content-service with the OpenAI provider, pointed at the local {@link FakeModelServer} (OpenAI's chat completions API). */
public class OpenAiProfile implements QuarkusTestProfile {
    public static volatile FakeModelServer server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "campaign-engine.content.ai.provider", "openai",
                "quarkus.langchain4j.openai.api-key", "sk-test-openai",
                "quarkus.langchain4j.openai.chat-model.model-name", "gpt-4o-mini",
                "quarkus.langchain4j.openai.chat-model.temperature", "0.7",
                "quarkus.langchain4j.openai.max-retries", "1",
                "campaign-engine.content.ai.max-attempts", "3");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Fake.class));
    }

    public static class Fake implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                server = new FakeModelServer();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.langchain4j.openai.base-url", server.baseUrl());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
