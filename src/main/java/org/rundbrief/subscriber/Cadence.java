package org.rundbrief.subscriber;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How often a subscriber wants their digest. */
public enum Cadence {
    IMMEDIATE, DAILY, WEEKLY;

    /** Parses {@code immediate|daily|weekly} (any case); the message lists the allowed values. */
    public static Cadence parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Cadence c : values()) {
            if (c.name().equals(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cadence '" + value + "' (expected "
                + Arrays.stream(values()).map(Cadence::id).collect(Collectors.joining(", ")) + ")");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
