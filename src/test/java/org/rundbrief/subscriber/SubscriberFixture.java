package org.rundbrief.subscriber;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.rundbrief.App;

/**
 * The subscriber services on the real wiring (H2 in a temp folder, templates, config) with mail
 * going to GreenMail through {@link TestPostman}, and a clock the test moves.
 */
public final class SubscriberFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    public final TestClock clock = new TestClock(T0);
    public final Mailbox mailbox = new Mailbox();
    public final App app;
    public final Tokens tokens;
    public final SubscriberService service;
    public final SubscriberImport importer;

    public SubscriberFixture(Path dir) {
        this(dir, Map.of());
    }

    SubscriberFixture(Path dir, Map<String, String> env) {
        app = TestApps.app(dir, clock, env);
        tokens = app.tokens;
        SubscriberMails mails = new SubscriberMails(app.templates, new TestPostman(mailbox.port()), tokens, app.config.site());
        service = new SubscriberService(app.subscribers, app.signer, tokens, mails, clock);
        importer = new SubscriberImport(app.subscribers, app.subscriberChoices, app.signer, clock, service::sendConfirmation);
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
