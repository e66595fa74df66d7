package org.rundbrief.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rundbrief.app.App;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;

/**
 * A real installation for tests: config file and test database (see {@link TestDatabase}) in a temp folder, SMTP on the given
 * port, time on a {@link MutableClock}. Articles and subscribers are added through the real stores.
 */
public final class Installation implements AutoCloseable {
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    public final App app;
    private int articleSeq;

    public Installation(Path dir, int smtpPort, String extraYaml) throws Exception {
        this(dir, smtpPort, extraYaml, TestDatabase.yaml(dir), Map.of());
    }

    /** With environment overrides of the config ({@code RUNDBRIEF_SITE_IMPRINTURL}, ...). */
    public Installation(Path dir, int smtpPort, String extraYaml, Map<String, String> env) throws Exception {
        this(dir, smtpPort, extraYaml, TestDatabase.yaml(dir), env);
    }

    /** With the {@code database: ...} line given, e.g. H2 for a test that needs H2 whatever the run's database. */
    public Installation(Path dir, int smtpPort, String extraYaml, String databaseYaml) throws Exception {
        this(dir, smtpPort, extraYaml, databaseYaml, Map.of());
    }

    private Installation(Path dir, int smtpPort, String extraYaml, String databaseYaml, Map<String, String> env)
            throws Exception {
        Path file = dir.resolve("rundbrief.yml");
        Files.writeString(file, """
                site: { title: "Verein „Sonnenhang“", baseUrl: "https://news.example.org" }
                %s
                smtp: { host: 127.0.0.1, port: %d, from: "Verein <news@example.org>", connections: 2, ratePerSecond: 10000 }
                %s
                """.formatted(databaseYaml, smtpPort, extraYaml));
        Config config = ConfigLoader.load(file, true, env);
        app = new App(config, dir, clock);
    }

    /** Stores an article collected now (per the clock), published an hour ago. */
    public long article(String title, String... topics) {
        articleSeq++;
        Instant published = clock.instant().minus(Duration.ofHours(1));
        var draft = new ArticleDraft("guid-" + articleSeq, title, "https://verein.example.org/" + articleSeq, "Vorstand",
                "Zusammenfassung von " + title, "<p>" + title + "</p>", title, null, "de", List.of(topics), published,
                "hash-" + articleSeq + title);
        app.articles.upsert("test", draft);
        return app.articles.recent(1, java.util.Optional.empty()).get(0).id();
    }

    /** Adds a confirmed subscriber (confirmed now, per the clock). */
    public Subscriber subscriber(String email, Cadence cadence, String... topics) {
        return app.subscriberService.addConfirmed(new NewSubscriber(EmailAddress.parse(email), "Name " + email,
                cadence, "de", List.of(topics)), "test");
    }

    /** Sends what waits in the outbox now (the mails of member changes), as {@code serve}'s outbox thread would. */
    public void sendQueuedMail() {
        app.outboxSender.drain();
    }

    /** Moves time on so that what happens next is strictly later than what came before. */
    public void tick() {
        clock.advance(Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        app.close();
    }
}
