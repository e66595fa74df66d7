package org.rundbrief.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rundbrief.app.App;
import org.rundbrief.edition.Resumer;
import org.rundbrief.schedule.Schedule;
import org.rundbrief.web.WebServer;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP server (public pages, feeds, admin API) and the scheduler.",
                "",
                "Uses the configured database and SMTP server; templates are checked at start-up.",
                "Stops cleanly on Ctrl-C / SIGTERM: HTTP first, then the scheduler (waiting for the",
                "current delivery batch), then the database."})
public final class ServeCommand extends AppCommand {
    @Override
    protected int run(App app) throws Exception {
        app.checkTemplates();
        Running running = Running.start(app, List.of(), () -> { });
        out().println("rundbrief serving " + app.config.site().base() + " (port " + running.port() + "); Ctrl-C stops.");
        if (app.accounts.nobody()) {
            out().println("No admin account yet, and no security.adminToken. Create the first one with");
            out().println("  rundbrief users add YOU@example.org --role admin");
            out().println("and open the link it prints to set your password.");
        }
        running.awaitShutdown();
        return 0;
    }

    /** A started server + scheduler, stopped in a fixed order on Ctrl-C, SIGTERM or SIGHUP ({@link StopSignals}). */
    static final class Running {
        private final WebServer web;
        private final Schedule schedule;
        private final App app;
        private final Resumer resumer;
        private final AutoCloseable last;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private StopSignals signals;

        private Running(App app, WebServer web, Schedule schedule, Resumer resumer, AutoCloseable last) {
            this.app = app;
            this.web = web;
            this.schedule = schedule;
            this.resumer = resumer;
            this.last = last;
        }

        /** {@code last} is closed after everything else (the demo's mail catcher). */
        static Running start(App app, List<WebServer.Routes> extraRoutes, AutoCloseable last) {
            WebServer web = app.webServer(extraRoutes);
            web.start(app.config.http().bind(), app.config.http().port());
            Schedule schedule = app.schedule;
            schedule.start();
            // Unfinished editions and due retries are sent at once and then within seconds, not at the next cron fire.
            Resumer resumer = new Resumer(app.editionStore, app.editions, app.deliveries, app.clock, Resumer.EVERY);
            resumer.start();
            // Transactional mail (confirmations and the like) is sent from the outbox within a second of its commit.
            app.outboxSender.start();
            // Scheduled posts go public within a second of their time, on whichever node looks first.
            app.scheduledPosts.start();
            // The member search's words of members added by an import or a form are written within seconds.
            app.searchWords.start();
            app.announceFeedChanges();
            app.pollBounces();
            // On a long member list the dashboard's counts take seconds: counted now, not at its first view.
            app.adminStore.countAhead();
            Running running = new Running(app, web, schedule, resumer, last);
            running.signals = StopSignals.onStop(running::stop);
            return running;
        }

        int port() {
            return web.port();
        }

        /** Returns once a signal stopped everything; the signals act as before then. */
        void awaitShutdown() throws InterruptedException {
            stopped.await();
            signals.close();
        }

        private void stop() {
            web.close();
            app.stopWork();
            resumer.close();
            schedule.close();
            app.database.compactOnClose(); // erased addresses leave the database file for good
            app.close();
            try {
                last.close();
            } catch (Exception e) {
                // stopping anyway; nothing left to do with it
            }
            stopped.countDown();
        }
    }
}
