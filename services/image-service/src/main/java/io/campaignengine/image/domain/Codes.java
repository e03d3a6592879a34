package io.campaignengine.image.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Enum columns stored as their lower-case codes (the CHECK constraints of V1). */
public final class Codes {
    private Codes() {
    }

    @Converter
    public static class ImageTypeCode implements AttributeConverter<ImageType, String> {
        @Override
        public String convertToDatabaseColumn(ImageType t) {
            return t == null ? null : t.code();
        }

        @Override
        public ImageType convertToEntityAttribute(String s) {
            return ImageType.parse(s);
        }
    }

    @Converter
    public static class StatusCode implements AttributeConverter<RequestStatus, String> {
        @Override
        public String convertToDatabaseColumn(RequestStatus t) {
            return t == null ? null : t.code();
        }

        @Override
        public RequestStatus convertToEntityAttribute(String s) {
            return RequestStatus.parse(s);
        }
    }
}
