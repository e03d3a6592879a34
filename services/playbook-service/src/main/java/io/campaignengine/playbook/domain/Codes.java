package io.campaignengine.playbook.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Lower-case wire/database codes of the domain enums (e.g. {@code in_progress}), parsed case-insensitively. */
public final class Codes {
    private Codes() {
    }

    public static String code(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String n = code.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(n)).findFirst();
    }

    /** Parses or throws IllegalArgumentException listing the accepted codes (Jackson turns it into a 400). */
    public static <E extends Enum<E>> E require(Class<E> type, String code) {
        return parse(type, code).orElseThrow(() -> new IllegalArgumentException(
                "'" + code + "' is not one of " + Arrays.stream(type.getEnumConstants()).map(Codes::code).toList()));
    }
}
