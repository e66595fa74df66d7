package org.rundbrief.subscriber;

import org.rundbrief.testing.MutableClock;
import org.rundbrief.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.rundbrief.app.App;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;

/** The real wiring on the test database of a temporary folder (H2 there, or PostgreSQL: see {@link TestDatabase}). */
public final class TestApps {
    private TestApps() {}

    public static Config config(Path dir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("RUNDBRIEF_DATABASE_URL", TestDatabase.url(dir));
        return ConfigLoader.load(null, false, all);
    }

    public static App app(Path dir, MutableClock clock) {
        return app(dir, clock, Map.of());
    }

    public static App app(Path dir, MutableClock clock, Map<String, String> env) {
        return new App(config(dir, env), dir, clock);
    }
}
