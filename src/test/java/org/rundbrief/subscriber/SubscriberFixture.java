package org.rundbrief.subscriber;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.rundbrief.app.App;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;

/**
 * The subscriber services on the real wiring (H2 in a temp folder, templates, config, the outbox
 * and its sender) with mail going to GreenMail, and a clock the test moves.
 */
public final class SubscriberFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    public final MutableClock clock = new MutableClock(T0);
    public final Mailbox mailbox = new Mailbox();
    public final App app;
    public final Tokens tokens;
    public final SubscriberService service;
    public final SubscriberImport importer;

    public SubscriberFixture(Path dir) {
        this(dir, Map.of());
    }

    SubscriberFixture(Path dir, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("RUNDBRIEF_SMTP_HOST", "127.0.0.1");
        all.put("RUNDBRIEF_SMTP_PORT", String.valueOf(mailbox.port()));
        app = TestApps.app(dir, clock, all);
        mailbox.sendQueuedFirst(app.outboxSender::drain); // the mails a change queued go out before they are looked for
        tokens = app.tokens;
        service = app.subscriberService;
        importer = app.subscriberImport;
    }

    public NewSubscriber person(String email) {
        return app.subscriberChoices.subscriber(email, "Jörg Müller", "de", java.util.List.of("verein"), "weekly");
    }

    public Subscriber stored(String email) {
        return app.subscribers.byEmail(EmailAddress.parse(email)).orElseThrow();
    }

    @Override
    public void close() {
        mailbox.close();
        app.close();
    }
}
