package org.rundbrief.subscriber;

import org.rundbrief.testing.MutableClock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.rundbrief.app.App;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;

/** The real wiring on an H2 file database in a temporary folder. */
public final class TestApps {
    private TestApps() {}

    public static Config config(Path dir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        // AUTO_SERVER off: one process per test database
        all.putIfAbsent("RUNDBRIEF_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=FALSE");
        return ConfigLoader.load(null, false, all);
    }

    public static App app(Path dir, MutableClock clock) {
        return app(dir, clock, Map.of());
    }

    public static App app(Path dir, MutableClock clock, Map<String, String> env) {
        return new App(config(dir, env), dir, clock);
    }
}
