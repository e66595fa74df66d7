package org.rundbrief;

import java.nio.file.Path;
import java.time.Clock;
import org.rundbrief.config.Config;
import org.rundbrief.delivery.Mailer;
import org.rundbrief.delivery.Postman;
import org.rundbrief.delivery.SmtpPostman;
import org.rundbrief.store.Database;
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
    // --- delivery ---
    public final Mailer mailer;
    public final Postman postman;

    public App(Config config, Path baseDir, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = Database.open(config.database(), Math.max(4, config.smtp().connections() + 4));
        this.templates = new Templates(baseDir.resolve("templates"));
        // --- delivery ---
        this.mailer = Mailer.create(config);
        this.postman = new SmtpPostman(mailer);
    }

    @Override
    public void close() {
        database.close();
    }
}
