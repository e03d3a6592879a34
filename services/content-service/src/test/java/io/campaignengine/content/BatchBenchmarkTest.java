package io.campaignengine.content;

import io.campaignengine.content.domain.CampaignSnapshot;
import io.campaignengine.content.service.Engine;
import io.campaignengine.content.service.OfflineGenerator;
import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.testkit.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark (opt-in: {@code -Dcontent.bench=true -Dtest=BatchBenchmarkTest}): with the offline provider, a 50-variation
 * batch from CampaignApproved on Kafka to ContentBatchCompleted on Kafka (through the consumer, the job runner, the
 * outbox and Debezium), median and p95 over 20 runs; and the engine's generation throughput in variations per second.
 * Writes target/bench-content.md.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "content.bench", matches = "true")
class BatchBenchmarkTest {
    static final int RUNS = 20;
    static final int PER_SEGMENT = 25;

    @Test
    void batchOf50FromCampaignApprovedToContentBatchCompleted() throws Exception {
        UUID[] bp = Fixtures.businessWithPlaybook("melissa");
        // warm-up run (schemas, JIT, connections), not counted
        List<Long> times = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.tail("content.events")) {
            for (int run = -1; run < RUNS; run++) {
                UUID campaign = UUID.randomUUID();
                CampaignApproved e = Fixtures.campaignApproved(bp[0], bp[1], campaign, PER_SEGMENT, List.of("tia_seeker", "true_believer"),
                        List.of(Platform.FACEBOOK, Platform.INSTAGRAM), List.of(ContentType.AD, ContentType.ORGANIC_POST), Map.of());
                byte[] bytes = TestKafka.encode("campaign.events", e);
                long start = System.nanoTime();
                TestKafka.publishRaw("campaign.events", campaign.toString(), "CampaignApproved", e.getEnvelope().getEventId().toString(), bytes);
                ConsumerRecord<String, byte[]> r = TestKafka.await(consumer, Duration.ofSeconds(60), x -> campaign.toString().equals(x.key())
                        && "ContentBatchCompleted".equals(TestKafka.header(x, "eventType")));
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (run >= 0) {
                    times.add(ms);
                }
                assertEquals(campaign.toString(), r.key());
            }
        }
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);

        // engine throughput: the same 50-variation batch, in memory
        var p = EngineTest.playbook();
        CampaignSnapshot c = EngineTest.campaign(p);
        Engine engine = new Engine(new OfflineGenerator());
        for (int i = 0; i < 20; i++) {
            engine.run(new Engine.Input(p, c, c.segmentIds(), List.of(), PER_SEGMENT, i, null, List.of(), Set.of()));
        }
        int produced = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            produced += engine.run(new Engine.Input(p, c, c.segmentIds(), List.of(), PER_SEGMENT, 1000 + i, null, List.of(), Set.of()))
                    .pieces().size();
        }
        double perSecond = produced / ((System.nanoTime() - t0) / 1e9);
        String report = String.format(Locale.ROOT, """
                # content-service benchmark (offline provider)

                50-variation batch (2 segments x 25, 2 content types, facebook + instagram variants) from CampaignApproved
                published on Kafka to ContentBatchCompleted read from content.events (consumer, job runner, engine, 50 rows +
                50 ContentGenerated + ContentBatchCompleted through the outbox and Debezium), %d runs after one warm-up:

                | median | p95 | min | max |
                |---|---|---|---|
                | %d ms | %d ms | %d ms | %d ms |

                Engine generation throughput (in memory: generate, validate, score, de-duplicate, tag, variants, UTM): %.0f variations/s.
                Runs (ms): %s
                """, RUNS, median, p95, sorted.get(0), sorted.get(sorted.size() - 1), perSecond, times);
        Files.writeString(Path.of("target/bench-content.md"), report);
        System.out.println(report);
    }
}
