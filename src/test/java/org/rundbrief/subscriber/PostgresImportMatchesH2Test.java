package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.delivery.Outbox;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;
import org.rundbrief.testing.TestDatabase;

/**
 * PostgreSQL imports by COPY and one set-based statement per chunk, H2 by look-ups and JDBC
 * batches ({@link SubscriberStore#insertMissing}): the same file gives the same members (ids
 * included), consent log, confirmation mails in the outbox and report on both. Runs where the
 * test run has a PostgreSQL database ({@code RB_TEST_POSTGRES_URL}).
 */
class PostgresImportMatchesH2Test {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    /** Bad rows, a duplicate, a suppressed and a stored address, COPY's special characters, across a chunk boundary. */
    static String csv() {
        var csv = new StringBuilder("email,name,language,topics,frequency\n")
                .append("anna@example.org,Anna Schmidt,de,verein,weekly\n")
                .append("stored@example.org,Schon Da,de,,daily\n")
                .append("not-an-email,X,de,,daily\n")
                .append("gone@example.org,Vergessen,de,,daily\n")
                .append("Anna@Example.org,Anna nochmal,de,,weekly\n")
                .append("bernd@example.org,\"Bernd, Dr.\",en,verein;termine,daily\n")
                .append("back@example.org,\"Back\\slash \\N \"\"Quote\"\"\",de,termine,immediate\n")
                .append("nobody@example.org,Niemand,xx,,hourly\n")
                .append("leer@example.org,,de,,\n");
        for (int i = 0; i < SubscriberImport.CHUNK + 5; i++) {
            csv.append("m").append(i).append("@example.org,Mitglied ").append(i).append(",de,")
                    .append(i % 3 == 0 ? "verein" : "").append(",daily\n");
        }
        csv.append("gone@example.org,Wieder,de,,daily\n");
        return csv.toString();
    }

    /** Everything an import leaves behind and reports, in a form two databases can be compared by. */
    record Outcome(List<Object> reports, List<Subscriber> members, List<List<SubscriberStore.ConsentRecord>> consent,
                   List<Outbox.Unsent> outbox) {}

    static Outcome importTwice(App app, MutableClock clock) {
        NewSubscriber stored = app.subscriberChoices.subscriber("stored@example.org", "Schon Da", "de", List.of(), "daily");
        app.subscribers.insert(stored, Subscriber.Status.CONFIRMED, T0, Consent.of("signup", Origin.FORM));
        app.subscribers.suppress(app.signer.emailHash(EmailAddress.parse("gone@example.org")), "forgotten", T0);
        List<Object> reports = new ArrayList<>();
        clock.advance(Duration.ofMinutes(1));
        reports.add(run(app, new SubscriberImport.Options(false, null), reports));
        clock.advance(Duration.ofMinutes(1));
        reports.add(run(app, new SubscriberImport.Options(true, "Mitgliederliste 2026"), reports));
        List<Subscriber> members = new ArrayList<>();
        app.subscribers.forEach(members::add);
        var consent = members.stream().map(m -> app.subscribers.consentLog(m.id())).toList();
        return new Outcome(reports, members, consent, app.outbox.unsent(Long.MAX_VALUE, 100_000).stream()
                .sorted(java.util.Comparator.comparingLong(Outbox.Unsent::id)).toList());
    }

    static SubscriberImport.Result run(App app, SubscriberImport.Options options, List<Object> reports) {
        return app.subscriberImport.run(new StringReader(csv()), options, new SubscriberImport.Listener() {
            @Override
            public void rejected(long line, InvalidInput why) {
                reports.add("rejected " + line + ": " + why.getMessage());
            }

            @Override
            public void suppressed(long line, String email) {
                reports.add("suppressed " + line + ": " + email);
            }

            @Override
            public void progress(long rows) {
                reports.add("progress " + rows);
            }
        });
    }

    @Test
    void postgresStoresAndReportsExactlyWhatH2Does() {
        assumeTrue(TestDatabase.postgres(), "compares with PostgreSQL: set " + TestDatabase.ENV + " (CI does)");
        MutableClock h2Clock = new MutableClock(T0);
        Outcome onH2;
        try (App h2 = TestApps.app(dir.resolve("h2"), h2Clock,
                Map.of("RUNDBRIEF_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("h2/db") + ";AUTO_SERVER=FALSE"))) {
            assertThat(h2.database.isPostgres()).isFalse();
            onH2 = importTwice(h2, h2Clock);
        }
        MutableClock pgClock = new MutableClock(T0);
        Outcome onPostgres;
        try (App pg = TestApps.app(dir.resolve("pg"), pgClock)) {
            assertThat(pg.database.isPostgres()).isTrue();
            onPostgres = importTwice(pg, pgClock);
        }

        assertThat(onH2.reports()).contains(
                new SubscriberImport.Result(SubscriberImport.CHUNK + 15, SubscriberImport.CHUNK + 9, 1, 1, 4, false),
                new SubscriberImport.Result(SubscriberImport.CHUNK + 15, 0, SubscriberImport.CHUNK + 10, 1, 4, false),
                "suppressed 5: gone@example.org", "rejected " + (SubscriberImport.CHUNK + 16) + ": duplicate of line 5 (gone@example.org)");
        assertThat(onH2.members()).hasSize(SubscriberImport.CHUNK + 10);
        assertThat(onH2.members()).filteredOn(m -> m.email().value().equals("back@example.org")).singleElement()
                .satisfies(m -> assertThat(m.name()).isEqualTo("Back\\slash \\N \"Quote\""));
        assertThat(onH2.outbox()).hasSize(SubscriberImport.CHUNK + 9).allSatisfy(o -> assertThat(o.kind()).isEqualTo("confirm"));
        assertThat(onPostgres.reports()).isEqualTo(onH2.reports());
        assertThat(onPostgres.members()).isEqualTo(onH2.members());
        assertThat(onPostgres.consent()).isEqualTo(onH2.consent());
        assertThat(onPostgres.outbox()).isEqualTo(onH2.outbox());
    }

    @Test
    void anImportIntoPostgresLeavesStatisticsOfTheMemberList() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL only: set " + TestDatabase.ENV + " (CI does)");
        MutableClock clock = new MutableClock(T0);
        try (App pg = TestApps.app(dir.resolve("pg"), clock)) {
            run(pg, new SubscriberImport.Options(true, "Mitgliederliste 2026"), new ArrayList<>());
            // ANALYZE sets the row count the planner works with; autovacuum would only a minute or so later
            assertThat(pg.database.jdbc().count("SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = 'subscriber'::regclass"))
                    .isEqualTo(pg.database.jdbc().count("SELECT COUNT(*) FROM subscriber"));
        }
    }
}
