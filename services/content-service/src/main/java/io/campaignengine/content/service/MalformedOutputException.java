package io.campaignengine.content.service;

import java.util.List;

/** The model answered, but never with valid structured output within the allowed attempts. */
public class MalformedOutputException extends RuntimeException {
    public final int attempts;
    public final long inputTokens;
    public final long outputTokens;
    public final List<String> problems;

    public MalformedOutputException(int attempts, long inputTokens, long outputTokens, List<String> problems) {
        super("malformed model output after " + attempts + " attempt(s): " + String.join("; ", problems));
        this.attempts = attempts;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.problems = List.copyOf(problems);
    }
}
