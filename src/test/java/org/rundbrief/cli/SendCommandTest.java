package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.Main;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.FreePort;
import org.rundbrief.testing.Installation;
import org.rundbrief.web.WebServer;

/**
 * {@code send} against an SMTP server that cannot be used: the error is printed as it happens, the
 * command stops at once with exit 1, nothing is lost, and once the server is fixed the next
 * {@code send} delivers at once (not after the retry backoff) and to everyone exactly once.
 */
class SendCommandTest {
    static final String TOKEN = "token-for-the-send-command-test";
    static final String EXTRA = "delivery: { maxAgeDays: 3650 }\nsecurity: { adminToken: \"" + TOKEN + "\" }\n";

    @TempDir
    Path dir;
    FaultySmtpServer smtp;
    String out;
    String err;
    long maxAttempts;
    JsonNode health;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new FaultySmtpServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        smtp.close();
    }

    /** Two daily members and one new article, in a config whose SMTP server is on {@code port}. */
    private void install(int port) throws Exception {
        install(port, inst -> { });
    }

    /** As {@link #install(int)}, then {@code then} on the installation. */
    private void install(int port, java.util.function.Consumer<Installation> then) throws Exception {
        try (Installation inst = new Installation(dir, port, EXTRA)) {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.subscriber("bernd@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Sommerfest am Baggersee");
            then.accept(inst);
        }
    }

    /** Edits the config file as an operator would. */
    private void editConfig(String from, String to) throws Exception {
        Path file = dir.resolve("rundbrief.yml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains(from);
        Files.writeString(file, yaml.replace(from, to));
    }

    private int send() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"send", "--cadence", "daily", "--config", dir.resolve("rundbrief.yml").toString()},
                new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void aWrongPortStopsAtOnceWithConnectionRefusedAndTheFixedSendDeliversEveryoneOnce() throws Exception {
        int wrong = FreePort.any();
        install(wrong);
        assertThat(send()).isEqualTo(1);
        assertThat(err).contains("smtp: cannot connect to 127.0.0.1:" + wrong + ": connection refused")
                .contains("send: cannot connect to 127.0.0.1:" + wrong + ": connection refused")
                .contains("run 'rundbrief send --cadence daily' again");

        JsonNode edition = apiEdition(wrong);
        assertThat(edition.get("status").asText()).isEqualTo("sending");
        assertThat(edition.get("lastSmtpError").asText()).contains("connection refused");
        assertThat(edition.get("lastSmtpErrorAt").isNull()).isFalse();
        assertThat(edition.get("nextRetryAt").isNull()).as("a row waits for its retry").isFalse();
        assertThat(maxAttempts).as("stopped at the first refusal, no minutes of retries; an unusable server costs no try")
                .isZero();
        assertThat(health.get("smtp").asText()).startsWith("down");
        assertThat(health.get("delivery").get("edition").asLong()).isEqualTo(edition.get("id").asLong());
        assertThat(health.get("delivery").get("lastSmtpError").asText()).contains("connection refused");
        assertThat(health.get("delivery").get("nextRetryAt").isNull()).isFalse();

        editConfig("port: " + wrong + ",", "port: " + smtp.port() + ",");
        assertThat(send()).isZero();
        assertThat(out).contains("2 sent, 0 failed, 0 waiting for retry");
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient))
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org");
    }

    @Test
    void aDatabaseServerThatIsNotThereIsNamedWithTheDriversReason() throws Exception {
        int down = FreePort.any();
        Files.writeString(dir.resolve("rundbrief.yml"),
                "database: { url: \"jdbc:postgresql://127.0.0.1:" + down + "/rundbrief?user=rundbrief\" }\n");

        assertThat(send()).isEqualTo(1);
        assertThat(err).startsWith("rundbrief: failed: cannot open the database of database.url: Connection to 127.0.0.1:"
                        + down + " refused")
                .contains("check database.url, user and password, and that the database server runs")
                .doesNotContain("Failed to initialize pool");
    }

    @Test
    void rowsHeldByAnotherSenderAreCountedAsSuchNotAsWaitingForRetry() throws Exception {
        install(smtp.port(), inst -> {
            inst.tick();
            long edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
            // another node holds the block of both rows, for longer than send waits (2 minutes)
            inst.app.database.jdbc().update("INSERT INTO delivery_lease (edition_id, block, owner, lease_until)"
                    + " SELECT DISTINCT edition_id, id / 32, 'another-node', ? FROM delivery WHERE edition_id = ?",
                    java.time.Instant.now().plus(java.time.Duration.ofMinutes(10)), edition);
        });

        assertThat(send()).isZero();
        assertThat(out).contains("0 sent, 0 failed, 0 waiting for retry, 2 held by another sender");
        assertThat(smtp.accepted()).isEmpty();
    }

    @Test
    void aServerAnswering421ToEverythingStopsTheSendWithItsAnswer() throws Exception {
        smtp.answerEverything("421 4.3.2 Service shutting down");
        install(smtp.port());
        assertThat(send()).isEqualTo(1);
        assertThat(err).contains("smtp: SMTP 421 to greeting: 4.3.2 Service shutting down")
                .contains("send: SMTP 421 to greeting");
        assertThat(smtp.accepted()).isEmpty();
    }

    @Test
    void aWrongPasswordStopsTheSendWith535AuthenticationFailed() throws Exception {
        smtp.withLogin("verein", "richtig");
        install(smtp.port());
        editConfig("connections: 2,", "connections: 2, username: verein, password: falsch,");
        assertThat(send()).isEqualTo(1);
        assertThat(err).contains("535").contains("authentication failed").doesNotContain("falsch");
        assertThat(smtp.accepted()).isEmpty();
    }

    /** {@code GET /api/editions/{id}} of the one edition, from a server started on the installation. */
    private JsonNode apiEdition(int smtpPort) throws Exception {
        Path file = dir.resolve("rundbrief.yml");
        String yaml = Files.readString(file);
        try (Installation inst = new Installation(dir, smtpPort, EXTRA)) {
            long id = inst.app.database.jdbc().one("SELECT MAX(id) FROM edition", rs -> rs.getLong(1)).orElseThrow();
            maxAttempts = inst.app.database.jdbc().one("SELECT MAX(attempts) FROM delivery", rs -> rs.getLong(1)).orElseThrow();
            WebServer web = inst.app.webServer(List.of());
            try {
                int port = web.start(0);
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/editions/" + id))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                health = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
                return new ObjectMapper().readTree(r.body());
            } finally {
                web.close();
            }
        } finally {
            Files.writeString(file, yaml); // the installation wrote its own config
        }
    }
}
