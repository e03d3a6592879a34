package io.campaignengine.kit.avro;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Avro datum readers/writers of {@link EventSerde}: always the generated (specific) classes, looked up through the
 * APPLICATION class loader.
 *
 * <p>Why not Apicurio's default provider: it resolves classes through {@code SpecificData.get()} and the generated
 * classes' {@code MODEL$}, whose class loader is Avro's own. In Quarkus dev and test mode Avro sits in the base
 * runtime class loader while workspace modules (libs/events, the service) sit in the runtime class loader above it, so
 * Avro's loader finds the event classes of the system class path instead - and decoding fails with
 * {@code ClassCastException: Envelope cannot be cast to IndexedRecord}. In a packaged application both are the same
 * loader and this provider behaves like the default one.
 *
 * <p>An event whose writer schema has no generated class is refused ({@link UndecodableEventException}).
 */
public class KitAvroDatumProvider<T> implements AvroDatumProvider<T> {

    /** Config key (an object in the serde config map) of the class loader to resolve event classes with. */
    public static final String CLASS_LOADER = "campaign-engine.avro.class-loader";

    private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Long, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private SpecificData data = newData(null);

    @Override
    public void configure(AvroSerdeConfig config) {
        Object loader = config.originals().get(CLASS_LOADER);
        data = newData(loader instanceof ClassLoader cl ? cl : null);
    }

    private static SpecificData newData(ClassLoader configured) {
        ClassLoader loader = configured;
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        if (loader == null) {
            loader = KitAvroDatumProvider.class.getClassLoader();
        }
        SpecificData data = new SpecificData(loader);
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }

    @Override
    @SuppressWarnings("unchecked")
    public DatumWriter<T> createDatumWriter(T datum, Schema schema) {
        long key = SchemaNormalization.parsingFingerprint64(schema) * 31 + (datum instanceof SpecificRecord ? 1 : 0);
        return writers.computeIfAbsent(key, k -> datum instanceof SpecificRecord
                ? new SpecificDatumWriter<>(schema, data)
                : new GenericDatumWriter<>(schema, data));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writer) {
        return readers.computeIfAbsent(SchemaNormalization.parsingFingerprint64(writer), k -> {
            Class<?> type = writer.getType() == Schema.Type.RECORD ? data.getClass(writer) : null;
            if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
                throw new UndecodableEventException("no generated event class for " + writer.getFullName()
                        + " (is the events library up to date?)");
            }
            Schema reader;
            try {
                reader = (Schema) type.getField("SCHEMA$").get(null);
            } catch (ReflectiveOperationException e) {
                throw new UndecodableEventException("no SCHEMA$ in " + type.getName(), e);
            }
            return new SpecificDatumReader<>(writer, reader, data);
        });
    }

    @Override
    public Schema toSchema(T datum) {
        if (datum instanceof GenericContainer container) {
            return container.getSchema();
        }
        throw new IllegalArgumentException("not an Avro record: " + (datum == null ? "null" : datum.getClass().getName()));
    }
}
