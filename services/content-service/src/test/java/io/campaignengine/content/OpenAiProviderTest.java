package io.campaignengine.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.content.ContentBatchCompleted;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.campaignengine.content.Support.ALICE;
import static io.campaignengine.content.Support.BOB;
import static io.campaignengine.content.Support.CAROL;
import static io.campaignengine.content.Support.WAIT;
import static io.campaignengine.content.Support.as;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAI provider (quarkus-langchain4j-openai) end to end against a local server speaking OpenAI's chat
 * completions: the request checked (model, temperature, JSON response format, system and user prompts, bearer key),
 * malformed output retried then accepted, malformed output to the end reported on the job (nothing stored), token
 * usage and cost per business and job, and the monthly budget stopping generation with a clear error.
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class OpenAiProviderTest {
    static volatile UUID[] business;

    static synchronized String campaign() {
        if (business == null) {
            business = Fixtures.businessWithPlaybook("melissa");
        }
        // a generous budget (a failed budget test must not starve the others)
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> as(ALICE).body(Map.of("monthlyBudgetUsd", 100))
                .put("/api/content/budgets/" + business[0]).statusCode() == 200);
        UUID campaign = UUID.randomUUID();
        // one piece, so that the CampaignApproved batch is small; the tests then ask for more through the API
        TestKafka.publish(Fixtures.campaignApproved(business[0], business[1], campaign, 1, List.of("tia_seeker"),
                List.of(Platform.FACEBOOK, Platform.TWITTER), List.of(ContentType.ORGANIC_POST), Map.of()));
        Support.awaitJobs(campaign.toString(), 1);
        return campaign.toString();
    }

    static String generate(String campaign, int count) {
        return as(BOB).body(Map.of("campaignId", campaign, "count", count, "hooks", List.of("h_roi")))
                .post("/api/content/generate").then().statusCode(202).extract().jsonPath().getString("id");
    }

    @Test
    void malformedThenValidOutputIsRetriedAndTokensAreCounted() {
        String campaign = campaign();
        FakeModelServer fake = OpenAiProfile.server;
        String name = "Back to School TIA " + campaign.substring(0, 8);
        fake.script(name, "Here are two great variations for you!");   // not JSON: retried
        String job = generate(campaign, 2);
        Map<String, Object> done = Support.awaitJob(job);
        assertEquals("completed", done.get("status"), done.toString());
        assertEquals(2, done.get("generated"));
        assertEquals("openai", done.get("provider"));
        assertEquals("gpt-4o-mini", done.get("model"));
        // this job's requests (the fake also answers other jobs the queue may hold): the malformed answer, then the retry
        List<FakeModelServer.Recorded> mine = fake.requestsWith(name).stream()
                .filter(r -> r.body().toString().contains("Return exactly 2 variation(s)")).toList();
        assertEquals(2, mine.size(), "one malformed answer, then the retry");
        assertEquals(2, mine.get(0).body().path("messages").size(), "a stateless call: system + user, no shared chat memory");
        assertEquals(120L * mine.size(), ((Number) done.get("inputTokens")).longValue(), "every attempt's tokens count: " + done);
        assertEquals(80L * mine.size(), ((Number) done.get("outputTokens")).longValue());
        assertEquals(120.0 * mine.size() * 0.15 / 1e6 + 80.0 * mine.size() * 0.60 / 1e6, ((Number) done.get("costUsd")).doubleValue(), 1e-9);
        var first = mine.get(0);
        assertEquals("/v1/chat/completions", first.path());
        assertEquals("Bearer sk-test-openai", first.header("Authorization"));
        JsonNode body = first.body();
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals(0.7, body.path("temperature").asDouble(), 1e-9);
        assertEquals("json_object", body.path("response_format").path("type").asText());
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        assertTrue(body.path("messages").get(0).path("content").asText().contains("ONE JSON object"));
        String user = body.path("messages").get(1).path("content").asText();
        assertTrue(user.contains("What if your TIA designation paid for itself in a month?"), user);
        assertTrue(user.contains("Return exactly 2 variation(s)"), user);
        assertTrue(mine.get(1).body().toString().contains("could not be used: the answer is not valid JSON"));

        // the pieces carry the model's text and the generation metadata
        List<Map<String, Object>> pieces = as(BOB).queryParam("campaignId", campaign).queryParam("hook", "h_roi").queryParam("size", 50)
                .get("/api/content").then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> piece = pieces.stream().filter(p -> job.equals(p.get("jobId"))).findFirst().orElseThrow();
        assertTrue(((String) piece.get("headline")).startsWith("Model take"), piece.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) piece.get("generationMetadata");
        assertEquals("gpt-4o-mini", meta.get("model"));
        assertEquals("content-v1", meta.get("promptVersion"));

        // usage per business
        as(BOB).queryParam("businessId", business[0].toString()).get("/api/content/usage").then().statusCode(200)
                .body("provider", is("openai")).body("inputTokens", greaterThan(239)).body("costUsd", greaterThan(0f));
        as(CAROL).queryParam("businessId", business[0].toString()).get("/api/content/usage").then().statusCode(404);
        as(BOB).get("/api/content/usage").then().statusCode(400).body("errors[0].field", is("businessId"));
    }

    @Test
    void outputMalformedToTheEndIsReportedOnTheJobAndNothingIsStored() {
        String campaign = campaign();
        FakeModelServer fake = OpenAiProfile.server;
        String bad = "{\"variations\":[{\"headline\":\"No body\",\"ctaText\":\"Go\"}]}";
        fake.script("Back to School TIA " + campaign.substring(0, 8), bad, bad, bad);
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("content.events")) {
            String job = generate(campaign, 2);
            Map<String, Object> done = Support.awaitJob(job);
            assertEquals("failed", done.get("status"), done.toString());
            assertEquals(0, done.get("generated"));
            assertEquals(2, done.get("failed"));
            assertTrue(((String) done.get("error")).contains("malformed model output after 3 attempt(s)"), (String) done.get("error"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rejections = (List<Map<String, Object>>) done.get("rejections");
            assertEquals("malformed_output", rejections.get(0).get("reason"));
            as(BOB).queryParam("campaignId", campaign).queryParam("size", 50).get("/api/content").then()
                    .body("items.findAll { it.jobId == '" + job + "' }.size()", is(0));
            ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, WAIT, x -> campaign.equals(x.key())
                    && "ContentBatchCompleted".equals(TestKafka.header(x, "eventType"))
                    && ((ContentBatchCompleted) TestKafka.decode(x.topic(), x.value())).getBatchId().toString().equals(job));
            ContentBatchCompleted batch = (ContentBatchCompleted) TestKafka.decode(r.topic(), r.value());
            assertEquals(0, batch.getGeneratedCount());
            assertTrue(batch.getErrorMessage().contains("malformed model output"));
        }
    }

    @Test
    void aSpentMonthlyBudgetStopsGenerationWithAClearError() {
        String campaign = campaign();
        String businessId = business[0].toString();
        as(BOB).body(Map.of("monthlyBudgetUsd", 0)).put("/api/content/budgets/" + businessId).then().statusCode(403);
        as(ALICE).body(Map.of("monthlyBudgetUsd", -1)).put("/api/content/budgets/" + businessId).then().statusCode(400)
                .body("errors[0].field", is("monthlyBudgetUsd"));
        as(ALICE).body(Map.of("monthlyBudgetUsd", 0)).put("/api/content/budgets/" + businessId).then().statusCode(200)
                .body("monthlyBudgetUsd", is(0.0f));
        as(BOB).body(Map.of("campaignId", campaign, "count", 1)).post("/api/content/generate").then().statusCode(402)
                .contentType("application/problem+json").body("type", is("urn:campaign-engine:problem:ai-budget-exhausted"))
                .body("detail", org.hamcrest.Matchers.containsString("monthly AI budget")).body("budgetUsd", is(0.0f));
        as(ALICE).body(Map.of("monthlyBudgetUsd", 100)).put("/api/content/budgets/" + businessId).then().statusCode(200);
        String job = generate(campaign, 1);
        assertEquals("completed", Support.awaitJob(job).get("status"));
        as(BOB).queryParam("businessId", businessId).get("/api/content/usage").then().statusCode(200)
                .body("monthlyBudgetUsd", is(100.0f));
    }
}
