package io.campaignengine.events;

import io.campaignengine.events.campaign.CampaignApproved;
import io.campaignengine.events.campaign.CampaignPaused;
import io.campaignengine.events.campaign.PauseReason;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Binary Avro round trips the way the registry serde does them (SpecificDatumWriter/Reader on the class schema). */
class RoundTripTest {

    @Test
    void populatedEventsSurviveARoundTrip() throws IOException {
        List<SpecificRecord> events = List.of(
                Fixtures.campaignApproved(),
                Fixtures.contentGenerated(),
                Fixtures.imageRequested(),
                Fixtures.escalationResolved(),
                Fixtures.contentBatchCompleted(),
                Fixtures.connectionChanged());
        for (SpecificRecord event : events) {
            SpecificRecord copy = roundTrip(event);
            assertEquals(event, copy, event.getSchema().getName());
            assertEquals(EventCatalog.envelopeOf(event), EventCatalog.envelopeOf(copy));
        }
    }

    @Test
    void logicalTypesKeepTheirJavaTypes() throws IOException {
        CampaignApproved approved = roundTrip(Fixtures.campaignApproved());
        assertEquals(UUID.fromString(Fixtures.CAMPAIGN_ID), approved.getCampaign().getCampaignId());
        assertEquals(Fixtures.NOW, approved.getEnvelope().getOccurredAt());
        assertEquals(java.time.LocalDate.of(2026, 2, 1), approved.getCampaign().getStartDate());
        assertNull(approved.getCampaign().getEndDate());
        assertEquals(2_500L, approved.getCampaign().getBudgetDaily().getAmountMinor());
        assertEquals(0.5, approved.getCampaign().getScoreWeights().getConversion()); // schema default
        assertEquals(14, approved.getCampaign().getThresholds().getPersistentFailureDays()); // schema default
    }

    /** A newer producer adds an enum symbol: an older consumer reads it as the enum's default (UNKNOWN). */
    @Test
    void unknownEnumSymbolsFallBackToTheDefault() throws IOException {
        String json = CampaignPaused.getClassSchema().toString()
                .replace("\"symbols\":[\"UNKNOWN\",\"MANUAL\"", "\"symbols\":[\"UNKNOWN\",\"HOLIDAY\",\"MANUAL\"");
        Schema newer = new Schema.Parser().parse(json);
        Schema envelopeSchema = newer.getField("envelope").schema();
        GenericRecord envelope = new GenericData.Record(envelopeSchema);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("occurredAt", Fixtures.NOW.toEpochMilli());
        envelope.put("businessId", Fixtures.BUSINESS_ID);
        envelope.put("campaignId", Fixtures.CAMPAIGN_ID);
        envelope.put("correlationId", "c-1");
        GenericRecord paused = new GenericData.Record(newer);
        paused.put("envelope", envelope);
        paused.put("reason", new GenericData.EnumSymbol(newer.getField("reason").schema(), "HOLIDAY"));
        paused.put("pausedBy", "system:optimization-service");
        paused.put("pausedAt", Fixtures.NOW.toEpochMilli());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer).write(paused, encoder);
        encoder.flush();

        SpecificDatumReader<CampaignPaused> reader = new SpecificDatumReader<>(newer, CampaignPaused.getClassSchema());
        CampaignPaused read = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(PauseReason.UNKNOWN, read.getReason());
        assertEquals("system:optimization-service", read.getPausedBy());
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> T roundTrip(T event) throws IOException {
        Schema schema = event.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(schema).write(event, encoder);
        encoder.flush();
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
