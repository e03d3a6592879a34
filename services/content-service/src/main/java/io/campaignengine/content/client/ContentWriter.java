package io.campaignengine.content.client;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/**
 * The LangChain4j AI service that writes variations. It returns the raw text (with token usage) rather than a mapped
 * POJO so that malformed output can be validated, explained back to the model and retried, and so that tokens of
 * failed attempts are still counted.
 */
public interface ContentWriter {
    Result<String> write(@UserMessage String prompt);
}
