package org.rundbrief.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.admin.Role;

/**
 * Tests of the admin pages over real HTTP as one signed-in user: for each test a new installation
 * ({@link AdminHarness}) with that user, and its {@link #session} cookie.
 */
abstract class SignedInAdmin {
    @TempDir
    Path dir;
    AdminHarness h;
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
        h = new AdminHarness(dir, AdminHarness.TOKEN);
        h.user(email, role, password);
        session = h.login(email, password);
    }

    @AfterEach
    void closeInstallation() {
        if (h != null) {
            h.close();
        }
    }
}
