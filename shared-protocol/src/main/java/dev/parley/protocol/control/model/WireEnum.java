package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;
import java.util.Arrays;
import java.util.Locale;

/** Enums travel as lower-case names; unknown names are invalid fields, not crashes. */
final class WireEnum {
    private WireEnum() {
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wire, String field) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> wire(constant).equals(wire))
                .findFirst()
                .orElseThrow(() -> Check.invalid(field, "unknown value '" + wire + "'"));
    }
}
