package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.rundbrief.testing.FreePort;
import org.rundbrief.testing.TestDatabase;

/**
 * The rundbrief processes of one *IT and the GreenMail they send to. Every node's config is written
 * from one template: the site, the test's database line, HTTP on a port free at that moment,
 * GreenMail as SMTP, the folder {@link #articles} as the one source, and the test's further lines.
 * {@link #close} kills what still runs with {@code kill -9} and stops GreenMail.
 */
final class ServeNodes implements AutoCloseable {
    /** No schedule fires (collect once in 2099, the sends off): only what the test triggers runs. */
    static final String NO_CRON = "schedule: { collect: \"0 0 0 1 1 ? 2099\", immediate: \"off\", daily: \"off\", weekly: \"off\" }";
    /** The SMTP connections of each {@link #sendingWhenTold} node. */
    static final int CONNECTIONS = 2;
    private static final String ADMIN_TOKEN = "serve-nodes-test-admin-token"; // 24 characters at least, as config asks

    final GreenMail smtp = Fixtures.smtp();
    /** {@code dir/articles}, the directory source of every node. */
    final Path articles;
    private final Path dir;
    private final String database;
    private final String smtpMore;
    private final String more;
    private final List<Process> started = new ArrayList<>();

    /**
     * {@code database}: the config's {@code database:} line; {@code smtpMore}: keys added to its
     * {@code smtp:} line, e.g. {@code ", connections: 2"}, or none; {@code more}: further lines.
     */
    ServeNodes(Path dir, String database, String smtpMore, String more) throws Exception {
        this.dir = dir;
        this.articles = Files.createDirectories(dir.resolve("articles"));
        this.database = database;
        this.smtpMore = smtpMore;
        this.more = more;
    }

    /**
     * Nodes on {@code database} that send only when told ({@link Node#triggerDailySend}), by
     * {@link #CONNECTIONS} connections of 40 messages a second each.
     */
    static ServeNodes sendingWhenTold(Path dir, String database) throws Exception {
        return new ServeNodes(dir, database, ", connections: %d, ratePerSecond: 40".formatted(CONNECTIONS),
                "security: { adminToken: \"" + ADMIN_TOKEN + "\" }\n" + NO_CRON);
    }

    /**
     * The {@code database:} line of {@code dir}'s schema in the run's PostgreSQL ({@link TestDatabase}),
     * which several nodes can share; a run on H2 skips the test (a JUnit assumption).
     */
    static String sharedPostgres(Path dir) {
        assumeTrue(TestDatabase.postgres(), "two serve nodes need PostgreSQL: set " + TestDatabase.ENV);
        return TestDatabase.yaml(dir);
    }

    /** The {@code database:} line of a config for {@code url}. */
    static String database(String url) {
        return "database: { url: \"" + url + "\" }";
    }

    /** Node {@code name}, not started: its config {@code dir/NAME.yml} written, its log to be {@code dir/NAME.log}. */
    Node node(String name) throws Exception {
        return node(name, Map.of());
    }

    /** Node {@code name} as {@link #node(String)}, its process with {@code environment} added (see {@link #clockAhead}). */
    Node node(String name, Map<String, String> environment) throws Exception {
        int port = FreePort.any();
        Path config = Files.writeString(dir.resolve(name + ".yml"), """
                site: { title: "Verein", baseUrl: "https://news.example.org" }
                %s
                http: { port: %d }
                smtp: { host: 127.0.0.1, port: %d, from: "Verein <news@example.org>"%s }
                sources: [ { type: directory, path: "%s" } ]
                %s
                """.formatted(database, port, smtp.getSmtp().getPort(), smtpMore, articles, more));
        return new Node(name, port, config, dir.resolve(name + ".log"), environment);
    }

    /**
     * The environment under which a node's clock (this machine's time as Java reads it) is {@code ahead}
     * of the real time (behind when negative), as on a machine whose clock is not set: libfaketime
     * (Debian package faketime, which CI installs; a test without it is skipped, a JUnit assumption),
     * loaded into the JVM itself, so that the process the test kills is the node. The monotonic
     * clock, which the JVM's timers use, is left alone.
     */
    static Map<String, String> clockAhead(Duration ahead) throws Exception {
        Optional<Path> library;
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
            library = libs.map(arch -> arch.resolve("faketime/libfaketimeMT.so.1")).filter(Files::isReadable).findFirst();
        }
        assumeTrue(library.isPresent(), "clock test skipped: libfaketime is not installed (apt-get install faketime)");
        return Map.of("LD_PRELOAD", library.get().toString(), "FAKETIME", (ahead.isNegative() ? "" : "+") + ahead.toSeconds() + "s",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }

    /** {@code serve} on each of {@code nodes} at the same moment, then waits until each is healthy. */
    void up(Node... nodes) throws Exception {
        for (Node node : nodes) {
            node.process = start(node.log, node.environment, "serve", "--config", node.config.toString());
        }
        for (Node node : nodes) {
            node.awaitUp();
        }
    }

    /**
     * {@code members} confirmed daily members and one new article (through the first node's
     * config), {@code nodes} up, and the daily send triggered on the first of them.
     */
    void upAndSendingDaily(int members, Node... nodes) throws Exception {
        ServeProcesses.confirmedMembersAndOneNewArticle(dir, nodes[0].config, articles, members);
        up(nodes);
        nodes[0].triggerDailySend();
    }

    /** {@code rundbrief ARGS} as a process of its own, its output into {@code log}; killed by {@link #close} if it still runs. */
    Process start(Path log, String... args) throws Exception {
        return start(log, Map.of(), args);
    }

    private Process start(Path log, Map<String, String> environment, String... args) throws Exception {
        Process process = ServeProcesses.start(log, environment, args);
        started.add(process);
        return process;
    }

    /**
     * {@code rundbrief send --cadence daily} on {@code config} as a process, its output into
     * {@code log}; returns it, still sending, once a quarter of {@code members} got their digest.
     */
    Process sendingDaily(Path config, Path log, int members) throws Exception {
        Process send = start(log, "send", "--cadence", "daily", "--config", config.toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> smtp.getReceivedMessages().length >= members / 4);
        return send;
    }

    @Override
    public void close() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        smtp.stop();
    }

    /** One {@code serve}: its name, HTTP port, config and log, and its process once {@link ServeNodes#up}. */
    static final class Node {
        final String name;
        final int port;
        final Path config;
        final Path log;
        private final Map<String, String> environment;
        private Process process;

        private Node(String name, int port, Path config, Path log, Map<String, String> environment) {
            this.name = name;
            this.port = port;
            this.config = config;
            this.log = log;
            this.environment = environment;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for a 200 from /health; a node that exits instead fails at once, with its log. */
        void awaitUp() throws Exception {
            String[] last = {"none"};
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .failFast(() -> !process.isAlive())
                        .until(() -> {
                            HttpResponse<String> health = get("/health");
                            last[0] = health.statusCode() + " " + health.body();
                            return health.statusCode() == 200;
                        });
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError("the node on port " + port + (process.isAlive() ? " is not healthy (last /health: "
                        + last[0] + ")" : " exited with " + process.exitValue()) + "; its log:\n" + Files.readString(log), e);
            }
        }

        /** SIGTERM (what Ctrl-C and systemd's stop send); the exit code once it is gone, within 30 s. */
        int stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " stopped").isTrue();
            return process.exitValue();
        }

        /** {@code kill -9}, and the process is gone within 10 s. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(name + " killed").isTrue();
        }

        HttpResponse<String> get(String path) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** {@code GET /api/editions} as an admin. */
        HttpResponse<String> editions() throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/editions"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Runs the daily send now, as an admin asks by the API (on a {@link ServeNodes#sendingWhenTold} node). */
        void triggerDailySend() throws Exception {
            HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/jobs/send-daily/run")).header("Authorization", "Bearer "
                    + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).as(run.body()).isLessThan(300);
        }
    }
}
