package org.rundbrief;

import java.nio.file.Path;
import java.time.Clock;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.delivery.MailFailure;
import org.rundbrief.delivery.Postman;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberMails;
import org.rundbrief.subscriber.Tokens;
import org.rundbrief.web.SubscriberPages;
import org.rundbrief.subscriber.Signer;
import org.rundbrief.subscriber.SubscriberImport;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.SubscriberStore;
import org.rundbrief.template.Templates;

/**
 * The composition root: builds every part with constructors, in data-flow order, and closes them
 * in reverse. Commands ask it for what they need; nothing else creates services.
 */
public final class App implements AutoCloseable {
    public final Config config;
    public final Clock clock;
    public final Database database;
    public final Templates templates;

    // --- subscriber ---
    public final SubscriberStore subscribers;
    public final Choices subscriberChoices;
    public final Signer signer;
    public final Tokens tokens;
    public final SubscriberService subscriberService;
    public final SubscriberImport subscriberImport;
    public final SubscriberExport subscriberExport;
    public final SubscriberPages subscriberPages;
    // --- end subscriber ---

    public App(Config config, Path baseDir, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = Database.open(config.database(), Math.max(4, config.smtp().connections() + 4));
        this.templates = new Templates(baseDir.resolve("templates"));

        // --- subscriber ---
        this.subscribers = new SubscriberStore(database.jdbc());
        this.subscriberChoices = new Choices(config);
        this.signer = Signer.of(config.security().secret(), subscribers);
        this.tokens = new Tokens(signer, clock, config.site().base());
        Postman subscriberPostman = mail -> {
            throw new MailFailure("no SMTP postman wired yet", false, null);
        };
        this.subscriberService = new SubscriberService(subscribers, signer, tokens,
                new SubscriberMails(templates, subscriberPostman, tokens, config.site()), clock);
        this.subscriberImport = new SubscriberImport(subscribers, subscriberChoices, signer, clock,
                subscriberService::sendConfirmation);
        this.subscriberExport = new SubscriberExport(subscribers);
        this.subscriberPages = new SubscriberPages(subscriberService, subscriberChoices, tokens, templates,
                config.site(), clock);
        // --- end subscriber ---
    }

    @Override
    public void close() {
        database.close();
    }
}
