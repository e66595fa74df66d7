package org.rundbrief;

import java.nio.file.Path;
import java.time.Clock;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.subscriber.Choices;
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
    public final SubscriberService subscriberService;
    public final SubscriberImport subscriberImport;
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
        this.subscriberService = new SubscriberService(subscribers, signer, clock);
        this.subscriberImport = new SubscriberImport(subscribers, subscriberChoices, signer, clock, s -> { });
        // --- end subscriber ---
    }

    @Override
    public void close() {
        database.close();
    }
}
