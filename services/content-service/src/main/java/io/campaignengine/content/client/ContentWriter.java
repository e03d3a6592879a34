package io.campaignengine.content.client;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.campaignengine.content.service.Prompts;

/**
 * One stateless LangChain4j chat call per attempt: the system prompt and the user prompt, nothing else. Deliberately
 * not an {@code AiServices} proxy: inside Quarkus, programmatic AI services pick up the application's default chat
 * memory, so every job's prompts piled up in one shared conversation (found by the provider tests). The raw text
 * comes back with its token usage so that malformed output can be validated, explained and retried, and so that the
 * tokens of failed attempts are counted too.
 */
public class ContentWriter {
    public record Answer(String text, long inputTokens, long outputTokens) {
    }

    private final ChatModel model;

    public ContentWriter(ChatModel model) {
        this.model = model;
    }

    public Answer write(String prompt) {
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(Prompts.SYSTEM), UserMessage.from(prompt))
                .build());
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new Answer(response.aiMessage() == null ? null : response.aiMessage().text(), in, out);
    }
}
