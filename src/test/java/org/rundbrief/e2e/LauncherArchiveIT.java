package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.TestDatabase;

/**
 * {@code bin/rundbrief} keeps one class-data archive per command, written by the command's first
 * run, and every later run of the command loads the classes that run loaded. A first run that asked
 * for help or failed loaded only a few, and such an archive made every later {@code collect} take
 * 1.6 s instead of 0.95 s: only a run that ends well and is not a help request writes one. On JDK
 * 25 and later the cache is an AOT cache instead, named after the JDK's release.
 */
class LauncherArchiveIT {
    @TempDir
    Path dir;
    /** The JDK the launcher runs on: JAVA_HOME, or the {@code java} on PATH when null. */
    String javaHome;

    @Test
    void onlyARunThatDidTheCommandsWorkWritesItsArchive() throws Exception {
        assumeFalse(TestDatabase.postgres(), "the launcher is the same on both databases");
        Path config = config();

        assertThat(launch("subscribers", "--help")).isZero();
        assertThat(archives()).as("after a help request").isEmpty();

        assertThat(launch("subscribers", "list", "--config", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(archives()).as("after a run that failed").isEmpty();

        assertThat(launch("subscribers", "list", "--config", config.toString())).isZero();
        assertThat(archives()).as("after a run that did its work").singleElement()
                .satisfies(archive -> assertThat(archive.getFileName().toString()).endsWith("-subscribers.jsa"));

        assertThat(launch("subscribers", "list", "--config", config.toString())).as("a run with the archive").isZero();
        assertThat(Files.readString(dir.resolve("launch.log"))).doesNotContain("[cds").doesNotContain("warning");
    }

    @Test
    void onJdk25AndLaterTheCommandsCacheIsAnAotCacheOfItsOwn() throws Exception {
        assumeFalse(TestDatabase.postgres(), "the launcher is the same on both databases");
        Optional<Path> jdk = newestJdk();
        assumeTrue(jdk.isPresent() && feature(jdk.get()) >= 25, "needs a JDK 25 or later in /usr/lib/jvm");
        Path config = config();
        javaHome = jdk.get().toString();

        assertThat(launch("subscribers", "list", "--config", config.toString())).isZero();
        assertThat(archives()).as("after a run that did its work").singleElement()
                .satisfies(cache -> assertThat(cache.getFileName().toString())
                        .endsWith("-jdk" + feature(jdk.get()) + "-subscribers.aot"));
        assertThat(launch("subscribers", "list", "--config", config.toString())).as("a run with the cache").isZero();
        assertThat(Files.readString(dir.resolve("launch.log"))).doesNotContain("[aot").doesNotContain("[cds")
                .doesNotContain("warning").doesNotContain("error");
    }

    @Test
    void aJdkThatWritesNoCacheIsNotAskedAgainAtEveryRun() throws Exception {
        assumeFalse(TestDatabase.postgres(), "the launcher is the same on both databases");
        Path config = config();
        // A JDK 17 whose java leaves out -XX:ArchiveClassesAtExit (and notes each time it was asked):
        // it runs every command but never writes an archive.
        Path jdk = dir.resolve("jdk-without-archives");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.99\"\n");
        Path asked = dir.resolve("asked-to-archive");
        Files.writeString(jdk.resolve("bin/java"), """
                #!/bin/sh
                for a do
                  shift
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo "$a" >> '%s'; continue ;; esac
                  set -- "$@" "$a"
                done
                exec '%s' "$@"
                """.formatted(asked, Path.of(System.getProperty("java.home"), "bin", "java")));
        assertThat(jdk.resolve("bin/java").toFile().setExecutable(true)).isTrue();
        javaHome = jdk.toString();

        assertThat(launch("subscribers", "list", "--config", config.toString())).isZero();
        assertThat(launch("subscribers", "list", "--config", config.toString())).isZero();
        assertThat(launch("subscribers", "list", "--config", config.toString())).isZero();
        assertThat(Files.readAllLines(asked)).as("asked for an archive by the first run only").hasSize(1);
        assertThat(archives()).singleElement()
                .satisfies(marker -> assertThat(marker.getFileName().toString()).endsWith("-jdk17-subscribers.none"));
    }

    private Path config() throws Exception {
        Path config = dir.resolve("rundbrief.yml");
        Files.writeString(config, """
                site: { title: "Verein", baseUrl: "https://news.example.org" }
                database: { url: "jdbc:h2:file:%s" }
                smtp: { host: 127.0.0.1, port: 25, from: "Verein <news@example.org>" }
                """.formatted(dir.resolve("db")), StandardCharsets.UTF_8);
        return config;
    }

    /** The JDK in /usr/lib/jvm with the highest feature release (from its release file). */
    private static Optional<Path> newestJdk() throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isRegularFile(home.resolve("release")) && Files.isExecutable(home.resolve("bin/java")))
                    .max(Comparator.comparingInt(LauncherArchiveIT::feature));
        }
    }

    private static int feature(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** {@code bin/rundbrief ARGS} with the cache in the test's folder; its exit code, its output in launch.log. */
    private int launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", Path.of("bin", "rundbrief").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("launch.log").toFile());
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        builder.environment().put("RB_JAR", Path.of(System.getProperty("rundbrief.jar", "target/rundbrief.jar"))
                .toAbsolutePath().toString());
        builder.environment().remove("JDK_JAVA_OPTIONS");
        if (javaHome == null) {
            builder.environment().remove("JAVA_HOME");
        } else {
            builder.environment().put("JAVA_HOME", javaHome);
        }
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("rundbrief %s ends", String.join(" ", args)).isTrue();
        return process.exitValue();
    }

    private List<Path> archives() throws Exception {
        Path cache = dir.resolve("cache").resolve("rundbrief");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }
}
