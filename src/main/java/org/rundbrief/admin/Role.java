package org.rundbrief.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an admin user may do; each role includes the ones before it. {@code editor} writes posts,
 * drafts and previews editions and test-sends to themself; {@code publisher} also approves and
 * sends editions and manages members; {@code admin} also manages users, sources and settings.
 */
public enum Role {
    EDITOR, PUBLISHER, ADMIN;

    /** Parses {@code editor|publisher|admin} (any case); the message lists the allowed values. */
    public static Role parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "' (expected "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ")");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code needed} may do. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }
}
