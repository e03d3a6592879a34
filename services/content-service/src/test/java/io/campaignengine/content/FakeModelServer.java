package io.campaignengine.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the model providers (third parties), speaking their real wire formats: OpenAI's
 * {@code POST /v1/chat/completions} and Anthropic's {@code POST /v1/messages}. It records every request (headers and
 * JSON body) — and Ollama's {@code POST /api/chat} — and answers with scripted assistant texts, else with valid variations for the count the prompt asks for.
 */
public final class FakeModelServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern COUNT = Pattern.compile("Return exactly (\\d+) variation");

    public record Recorded(String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    public final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    /** Assistant texts to answer with next (then: valid output). */
    public final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    /** Scripted answers for requests whose prompt contains the key (e.g. a campaign name): other jobs stay unaffected. */
    public final Map<String, ConcurrentLinkedQueue<String>> scripts = new java.util.concurrent.ConcurrentHashMap<>();

    public void script(String promptKey, String... answers) {
        scripts.computeIfAbsent(promptKey, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    /** The recorded requests whose body contains {@code text}. */
    public List<Recorded> requestsWith(String text) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.body().toString().contains(text)).toList();
        }
    }
    public volatile int inputTokens = 120;
    public volatile int outputTokens = 80;

    public FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> handle(ex, true));
        server.createContext("/v1/messages", ex -> handle(ex, false));
        server.createContext("/api/chat", ex -> handle(ex, null));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** The root URL (Ollama's API lives at /api/chat under it). */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** openAi: true = OpenAI chat completions, false = Anthropic messages, null = Ollama chat. */
    void handle(HttpExchange ex, Boolean openAi) throws IOException {
        try {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.add(new Recorded(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
            String prompt = body.toString();
            Matcher m = COUNT.matcher(prompt);
            int count = m.find() ? Integer.parseInt(m.group(1)) : 1;
            String text = null;
            for (var e : scripts.entrySet()) {
                if (prompt.contains(e.getKey())) {
                    text = e.getValue().poll();
                    break;
                }
            }
            if (text == null) {
                text = script.poll();
            }
            if (text == null) {
                text = valid(count, requests.size());
            }
            ObjectNode out = JSON.createObjectNode();
            if (openAi == null) {
                out.put("model", body.path("model").asText()).put("created_at", "2026-12-01T09:00:00Z");
                out.putObject("message").put("role", "assistant").put("content", text);
                out.put("done", true).put("done_reason", "stop").put("prompt_eval_count", inputTokens).put("eval_count", outputTokens);
            } else if (openAi) {
                out.put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion").put("created", 1764547200L)
                        .put("model", body.path("model").asText());
                ObjectNode choice = out.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", text);
                choice.put("finish_reason", "stop");
                out.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens)
                        .put("total_tokens", inputTokens + outputTokens);
            } else {
                out.put("id", "msg_" + requests.size()).put("type", "message").put("role", "assistant").put("model", body.path("model").asText());
                out.putArray("content").addObject().put("type", "text").put("text", text);
                out.put("stop_reason", "end_turn").putNull("stop_sequence");
                out.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
            }
            byte[] bytes = JSON.writeValueAsBytes(out);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (Exception e) {
            byte[] bytes = ("{\"error\":{\"message\":\"" + e.getMessage() + "\"}}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, bytes.length);
            ex.getResponseBody().write(bytes);
        } finally {
            ex.close();
        }
    }

    static final String[] OPENERS = {"Imagine handing in your TIA portfolio a month early.", "Most teachers we meet dread the evidence binder.",
            "Melissa almost gave up on her designation in year six.", "Your students already grew this year; prove it.",
            "Planning periods are short, and that is fine.", "Ask any mentor what slows a portfolio down.",
            "Rubrics read like tax forms until someone translates them.", "Deadlines sneak up on the best teachers."};
    static final String[] MIDDLES = {"A coach turns each rubric line into a checklist you can finish on a Tuesday.",
            "Twenty focused minutes a week beat a frantic weekend in May.",
            "Real examples from Texas classrooms show what strong evidence looks like.",
            "You keep teaching; we keep the paperwork organized behind you.",
            "Salary bumps from a designation can reach thousands of dollars a year.",
            "Colleagues review your drafts before the district ever sees them.",
            "Every step is written in plain language, with no jargon left unexplained.",
            "Progress tracking tells you exactly which artifact is still missing."};

    /** Valid structured output: {@code count} clearly different variations (distinct openers and arguments). */
    public static String valid(int count, int call) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode variations = root.putArray("variations");
        for (int i = 0; i < count; i++) {
            int k = (call * 3 + i) % OPENERS.length;
            ObjectNode v = variations.addObject();
            v.put("headline", "Model take " + call + "." + i + ": " + OPENERS[k].replaceAll("[.;]$", ""));
            v.put("body", OPENERS[k] + " " + MIDDLES[(k + 3) % MIDDLES.length] + " " + MIDDLES[(k + 5) % MIDDLES.length]
                    + " What if your TIA designation paid for itself?");
            v.put("ctaText", "Start your free trial");
            v.putArray("emotions").add("hope");
            v.putArray("themes").add("roi");
        }
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
