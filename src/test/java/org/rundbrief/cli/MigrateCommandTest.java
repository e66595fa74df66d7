package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.Installation;
import org.rundbrief.testing.TestDatabase;

/**
 * {@code migrate --to jdbc:postgresql://...}: an installation that started on H2 moves to PostgreSQL and
 * goes on sending there. Runs where the test run has a PostgreSQL database ({@code RB_TEST_POSTGRES_URL}).
 */
class MigrateCommandTest {
    static final List<String> MEMBERS = List.of("anna@example.org", "bernd@example.org", "joerg.mueller@example.org");

    @TempDir
    Path dir;
    GreenMail smtp;
    String out;
    String err;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    int run(Path config, String... args) {
        CommandRun r = CommandRun.withConfig(config, args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    private void send(Installation inst) throws InterruptedException {
        inst.tick();
        inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ZERO);
        inst.tick();
    }

    /** The texts of the digests {@code email} received. */
    private List<String> digestsOf(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(email)).map(MigrateCommandTest::text).toList();
    }

    @Test
    void afterMovingToPostgresEveryMemberGetsTheNextArticlesOnceAndNothingAgain() throws Exception {
        assumeTrue(TestDatabase.postgres(), "migrate needs PostgreSQL: set " + TestDatabase.ENV + " (CI does)");
        Path h2 = Files.createDirectories(dir.resolve("h2"));
        try (Installation inst = new Installation(h2, smtp.getSmtp().getPort(), "", BackupCommandTest.h2(h2))) {
            MEMBERS.forEach(m -> inst.subscriber(m, Cadence.DAILY));
            inst.tick();
            inst.article("Frühjahrsputz am Vereinsheim");
            send(inst);
            inst.article("Sommerfest: „Grillen & Tanz“");
            inst.tick();
        }
        assertThat(digestsOf("anna@example.org")).hasSize(1);
        Path pg = Files.createDirectories(dir.resolve("pg"));
        String target = TestDatabase.url(pg);

        assertThat(run(h2.resolve("rundbrief.yml"), "migrate", "--to", target)).as(err).isZero();
        assertThat(out).contains("row counts match (subscriber: 3, article: 2)", "database: { url: \"" + target + "\" }");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(target);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = 'subscriber'::regclass")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("statistics of the copied tables, for PostgreSQL's planner").isEqualTo(3);
        }

        try (Installation inst = new Installation(pg, smtp.getSmtp().getPort(), "", "database: { url: \"" + target + "\" }")) {
            inst.clock.advance(Duration.ofHours(1)); // past everything done on H2
            send(inst);
            inst.subscriber("neu@example.org", Cadence.DAILY); // new ids continue after the copied ones
            inst.tick();
            // a guid of its own: this installation's article() would count from guid-1 again (an upstream edit)
            inst.app.articles.upsert("test", new org.rundbrief.article.ArticleDraft("guid-herbst", "Herbstversammlung",
                    "https://verein.example.org/herbst", "Vorstand", "Einladung", "<p>Einladung</p>", "Einladung", null, "de",
                    List.of(), inst.clock.instant().minus(Duration.ofHours(1)), "hash-herbst"));
            send(inst);
            // 3 digests sent on H2, then 3 + 4 on PostgreSQL
            assertThat(smtp.waitForIncomingEmail(20_000, 10)).as("10 digests arrive").isTrue();
        }
        for (String member : MEMBERS) {
            List<String> digests = digestsOf(member);
            assertThat(digests).as(member).hasSize(3);
            assertThat(digests.get(0)).contains("Frühjahrsputz").doesNotContain("Sommerfest");
            assertThat(digests.get(1)).contains("Sommerfest: „Grillen &").doesNotContain("Frühjahrsputz");
            assertThat(digests.get(2)).contains("Herbstversammlung").doesNotContain("Frühjahrsputz", "Sommerfest");
        }
        assertThat(digestsOf("neu@example.org")).singleElement().asString().contains("Herbstversammlung");

        assertThat(run(h2.resolve("rundbrief.yml"), "migrate", "--to", target)).isEqualTo(2);
        assertThat(err).contains("the target is not empty: table ", " has rows");
    }

    @Test
    void aTargetThatIsNotPostgresIsRefused() throws Exception {
        Path h2 = Files.createDirectories(dir.resolve("h2"));
        new Installation(h2, 1, "", BackupCommandTest.h2(h2)).close();

        assertThat(run(h2.resolve("rundbrief.yml"), "migrate", "--to", "jdbc:mysql://db/verein")).isEqualTo(2);
        assertThat(err).contains("--to jdbc:mysql://db/verein is not a PostgreSQL URL");
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage m) {
        try {
            return ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
