package io.campaignengine.playbook.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * A JSON value written into a response as it is. The campaign list reads its jsonb columns as text: parsing them into
 * objects only to serialize them again was a fifth of the list's CPU (bench/gateway profile). Fields of this type carry
 * an OpenAPI {@code @Schema} naming their real shape.
 */
@JsonSerialize(using = RawJson.Writer.class)
public record RawJson(String json) {

    /** Text that already is JSON (a jsonb column read as text). */
    static RawJson of(String json) {
        return new RawJson(json);
    }

    static final class Writer extends StdSerializer<RawJson> {
        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(value.json());
        }
    }
}
