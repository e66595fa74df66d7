package org.rundbrief.subscriber;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on a fresh {@link SubscriberFixture} (its own folder and database) for each test. */
public abstract class WithSubscriberFixture {
    @TempDir
    protected Path dir;
    protected SubscriberFixture f;

    @BeforeEach
    void openFixture() {
        f = new SubscriberFixture(dir);
    }

    @AfterEach
    void closeFixture() {
        f.close();
    }
}
