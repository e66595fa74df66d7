package org.rundbrief.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on a fresh installation with its admin side over real HTTP ({@link AdminHarness}) for each test. */
abstract class WithAdminHarness {
    @TempDir
    Path dir;
    AdminHarness h;

    @BeforeEach
    void openHarness() {
        h = new AdminHarness(dir, AdminHarness.TOKEN);
    }

    @AfterEach
    void closeHarness() {
        if (h != null) {
            h.close();
        }
    }
}
