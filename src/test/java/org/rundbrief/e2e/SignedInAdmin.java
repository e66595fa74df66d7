package org.rundbrief.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.rundbrief.admin.Role;

/**
 * Tests of the admin pages over real HTTP as one signed-in user: for each test a new installation
 * with that user, and its {@link #session} cookie.
 */
abstract class SignedInAdmin extends WithAdminHarness {
    String session;
    private final String email;
    private final Role role;
    private final String password;

    SignedInAdmin(String email, Role role, String password) {
        this.email = email;
        this.role = role;
        this.password = password;
    }

    @BeforeEach
    void signIn() throws Exception {
        h.user(email, role, password);
        session = h.login(email, password);
    }
}
