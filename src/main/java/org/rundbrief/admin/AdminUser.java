package org.rundbrief.admin;

import java.time.Instant;

/** A person who works on the admin side; {@code active} once they have set a password. */
public record AdminUser(long id, String email, String name, Role role, boolean active, Instant createdAt) {
    /** How the person is named in the audit log and on pages: the email address. */
    public String label() {
        return email;
    }
}
