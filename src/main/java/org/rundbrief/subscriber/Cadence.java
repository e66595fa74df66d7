package org.rundbrief.subscriber;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How often a subscriber wants their digest. */
public enum Cadence {
    IMMEDIATE, DAILY, WEEKLY;

    /**
     * Parses {@code immediate|daily|weekly} (any case), or the German words a member list may hold
     * ({@code sofort}, {@code täglich}, {@code wöchentlich}); the message lists the allowed values.
     */
    public static Cadence parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Cadence c : values()) {
            if (c.name().equals(v) || c.german().equals(v.toLowerCase(Locale.GERMAN))) {
                return c;
            }
        }
        throw new InvalidValue("unknown", value, "unknown cadence '" + value + "' (expected "
                + Arrays.stream(values()).map(Cadence::id).collect(Collectors.joining(", ")) + ")");
    }

    private String german() {
        return switch (this) {
            case IMMEDIATE -> "sofort";
            case DAILY -> "täglich";
            case WEEKLY -> "wöchentlich";
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
