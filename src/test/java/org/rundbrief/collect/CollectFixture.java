package org.rundbrief.collect;

import java.nio.file.Path;

/**
 * What the collector tests share: the local HTTP server that serves the fixtures, and the
 * {@link TestWorld} that collects from it; closing the fixture closes both.
 */
final class CollectFixture implements AutoCloseable {
    final FixtureServer server = new FixtureServer();
    private TestWorld world;

    /**
     * A new world in {@code dir} whose config has {@code collectYaml} ({@link TestWorld#collect}) and
     * lists {@code sources}; the world made before is closed first.
     */
    TestWorld world(Path dir, String collectYaml, String... sources) {
        closeWorld();
        world = TestWorld.create(dir, collectYaml + TestWorld.sources(sources));
        return world;
    }

    private void closeWorld() {
        if (world != null) {
            world.close();
            world = null;
        }
    }

    @Override
    public void close() {
        server.close();
        closeWorld();
    }
}
