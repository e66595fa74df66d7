package org.rundbrief.cli;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.app.App;
import org.rundbrief.delivery.OutboxSender;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.StoreException;
import org.rundbrief.subscriber.CsvEncoding;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code subscribers ...}: manage the member list from the command line. */
@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = "Manage subscribers: add, list, import, export, remove, forget, unsuppress.",
        subcommands = {SubscribersCommand.Add.class, SubscribersCommand.ListAll.class, SubscribersCommand.Import.class,
                SubscribersCommand.Export.class, SubscribersCommand.Remove.class, SubscribersCommand.Forget.class,
                SubscribersCommand.Unsuppress.class})
public final class SubscribersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command (add, list, import, export, remove, forget, unsuppress)");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a confirmed subscriber (the admin vouches for consent; logged with origin admin).")
    static final class Add extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--name")
        String name;
        @Option(names = "--cadence", description = "immediate, daily or weekly (default weekly)")
        String cadence;
        @Option(names = "--topics", split = "[,;]", description = "topic ids, separated by ',' or ';' (default: all)")
        List<String> topics;
        @Option(names = "--language", description = "de or en (default: site.language)")
        String language;
        @Option(names = "--consent-note", description = "how consent was given (kept in the consent log)")
        String note;

        @Override
        protected int run(App app) {
            NewSubscriber s = app.subscriberChoices.subscriber(email, name, language, topics, cadence);
            Subscriber added = app.subscriberService.addConfirmed(s, note);
            out().println("added " + added.email() + " (id " + added.id() + ", confirmed)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all subscribers (tab-separated).")
    static final class ListAll extends AppCommand {
        @Override
        protected int run(App app) {
            var out = out();
            out.println("id\temail\tstatus\tcadence\tlanguage\ttopics\tname");
            app.subscribers.forEach(s -> out.println(s.id() + "\t" + s.email() + "\t" + s.status().id() + "\t"
                    + s.cadence().id() + "\t" + s.language() + "\t" + String.join(";", s.topics()) + "\t"
                    + (s.name() == null ? "" : s.name())));
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import subscribers from a CSV file; bad rows are reported with their line.",
                    "",
                    "The header is email,name,language,topics,frequency",
                    "(or in German: E-Mail;Name;Sprache;Themen;Rhythmus). Columns may be separated by ',' ';' or",
                    "a tab, topics by ';' or ','. The encoding is detected (UTF-8 with or without byte order",
                    "mark, else Windows-1252, as Excel writes); --encoding overrides it. Bad rows are reported",
                    "with their line; good rows are imported; addresses already on the list are left alone.",
                    "Exit 1 if any row was rejected."})
    static final class Import extends AppCommand {
        @Parameters(paramLabel = "FILE.csv")
        Path file;
        @Option(names = "--confirmed", description = "mark imported rows confirmed (needs --consent-note); "
                + "otherwise each new row gets a confirmation mail")
        boolean confirmed;
        @Option(names = "--consent-note", paramLabel = "TEXT", description = "how consent was given")
        String note;
        @Option(names = "--encoding", paramLabel = "CHARSET",
                description = "the file's character set, e.g. utf-8 or windows-1252 (default: detected)")
        String encoding;

        @Override
        protected int run(App app) throws Exception {
            var options = new SubscriberImport.Options(confirmed, note);
            Charset charset = encoding == null ? null : CsvEncoding.parse(encoding);
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": no such readable file");
            }
            var progress = new ImportProgress(err(), Files.size(file));
            SubscriberImport.Result result;
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicLong stored = new AtomicLong();
            // This process exists for the import: H2 may be tuned for it (not so in `serve`, where
            // an import over the API runs beside sending, whose crash bound needs WRITE_DELAY=0).
            // Not for unconfirmed rows either: each queues a confirmation mail in its chunk's
            // transaction, and `serve` may send it at once; a kill losing late-written rows would
            // have the re-run mail them again. A null resource is skipped by try.
            try (var bulk = confirmed ? app.database.jdbc().bulkWrite() : null;
                 InputStream in = progress.counting(Files.newInputStream(file));
                 StopSignals signals = StopSignals.onStop(() -> stopping.set(true))) {
                CsvEncoding.Decoded csv = CsvEncoding.open(in, charset);
                if (csv.guessed()) {
                    err().println(file.getFileName() + ": not UTF-8; read as " + csv.charset().name()
                            + " (choose another with --encoding)");
                }
                result = app.subscriberImport.run(csv.reader(), options,
                        new SubscriberImport.Listener() {
                            @Override
                            public void rejected(long line, InvalidInput why) {
                                progress.clear();
                                err().println(file.getFileName() + ":" + line + ": " + why.getMessage());
                            }

                            @Override
                            public void suppressed(long line, String email) {
                                progress.clear();
                                err().println(file.getFileName() + ":" + line + ": " + email + " is on the suppression "
                                        + "list (forgotten, bounced or complained); not imported. "
                                        + "'subscribers unsuppress' lifts it");
                            }

                            @Override
                            public void progress(long rows) {
                                stored.set(rows);
                                progress.update(rows);
                            }

                            @Override
                            public boolean stopping() {
                                return stopping.get();
                            }
                        });
            } catch (StoreException e) {
                if (!e.connectionLost()) {
                    throw e;
                }
                progress.clear();
                err().printf("subscribers import: the database failed after %d rows were stored: %s%n"
                        + "Run the same import again once the database is back: it goes on, and the rows already on the"
                        + " list are left alone.%n", stored.get(), e.getMessage());
                return ExitCodes.FAILED;
            }
            if (result.stopped()) {
                progress.clear();
                out().printf("Stopped after %d rows: %d imported, %d already on the list, %d suppressed, %d rejected.%n"
                        + "Run the same import again to go on: the rows already on the list are left alone.%n",
                        result.rows(), result.imported(), result.unchanged(), result.suppressed(), result.rejected());
                return ExitCodes.FAILED;
            }
            progress.done(result.rows());
            out().printf("%d rows: %d imported, %d already on the list, %d suppressed, %d rejected%n",
                    result.rows(), result.imported(), result.unchanged(), result.suppressed(), result.rejected());
            if (result.imported() > 0) {
                err().println("The member search finds the new members at once; 'serve' writes their search words"
                        + " in the background.");
            }
            if (!confirmed && result.imported() > 0) {
                sendQueuedMail(app, this);
            }
            return result.rejected() > 0 ? 1 : 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export all subscribers as CSV, or one member's data as JSON.",
                    "",
                    "The CSV has the import columns plus status and dates, streamed;",
                    "with --excel for Excel (';', German headers, UTF-8 with byte order mark);",
                    "or with --email one member's data as JSON. Every CSV export can be imported again."})
    static final class Export extends AppCommand {
        @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of stdout")
        Path outFile;
        @Option(names = "--excel", description = "a CSV that Excel opens by double-click, in German")
        boolean excel;
        @Option(names = "--email", paramLabel = "EMAIL", description = "one member's data as JSON")
        String email;

        @Override
        protected int run(App app) throws Exception {
            if (email != null) {
                Optional<String> json = app.subscriberExport.json(EmailAddress.parse(email));
                if (json.isEmpty()) {
                    err().println("rundbrief: " + email + " is not on the list");
                    return 1;
                }
                write(json.get() + System.lineSeparator());
                return 0;
            }
            var layout = excel ? SubscriberExport.Layout.EXCEL : SubscriberExport.Layout.STANDARD;
            AtomicBoolean stopping = new AtomicBoolean();
            try (StopSignals signals = StopSignals.onStop(() -> stopping.set(true))) {
                if (outFile == null) {
                    try {
                        app.subscriberExport.csv(out(), layout, stopping::get);
                    } catch (CancellationException e) {
                        err().println("Stopped: the CSV written so far is incomplete.");
                        return ExitCodes.FAILED;
                    } finally {
                        out().flush();
                    }
                    return 0;
                }
                return toFile(app, layout, stopping);
            }
        }

        /**
         * Writes FILE.part and renames it to FILE when complete: a stopped or killed export never
         * leaves a cut-off FILE that looks whole.
         */
        private int toFile(App app, SubscriberExport.Layout layout, AtomicBoolean stopping) throws java.io.IOException {
            Path part = outFile.resolveSibling(outFile.getFileName() + ".part");
            long rows;
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                rows = app.subscriberExport.csv(w, layout, stopping::get);
            } catch (CancellationException e) {
                Files.deleteIfExists(part);
                err().println("Stopped: " + outFile + " was not written. Run the export again for the whole list.");
                return ExitCodes.FAILED;
            }
            Files.move(part, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err().println("wrote " + rows + " subscribers to " + outFile);
            return 0;
        }

        private void write(String text) throws java.io.IOException {
            if (outFile == null) {
                out().print(text);
                out().flush();
            } else {
                Files.writeString(outFile, text, StandardCharsets.UTF_8);
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Unsubscribe an address as admin (no goodbye mail).",
                    "The member stays in the list as unsubscribed, with a consent-log row."})
    static final class Remove extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        protected int run(App app) {
            EmailAddress address = EmailAddress.parse(email);
            if (!app.subscriberService.remove(address)) {
                err().println("rundbrief: " + address + " is not on the list");
                return 1;
            }
            out().println("unsubscribed " + address);
            return 0;
        }
    }

    @Command(name = "unsuppress", mixinStandardHelpOptions = true,
            description = {"Lift the suppression of an address, with a note for the consent log.",
                    "",
                    "For an address that was forgotten, bounced or complained, e.g. after a complaint was withdrawn. The address is not subscribed by this: it may subscribe again, or",
                    "be added or imported. The note goes into the consent log. Forgotten and bounced addresses",
                    "need no admin: confirming a new subscription through the form lifts their suppression."})
    static final class Unsuppress extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--note", paramLabel = "TEXT", required = true, description = "why the suppression is lifted")
        String note;

        @Override
        protected int run(App app) {
            EmailAddress address = EmailAddress.parse(email);
            if (!app.memberActions.unsuppress(AuditLog.Actor.CLI, address, note)) {
                err().println("rundbrief: " + address + " is not suppressed");
                return 1;
            }
            out().println("lifted the suppression of " + address);
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Erase an address's personal data and suppress it (right to erasure).",
                    "",
                    "Only a keyed hash stays on the suppression list, so no import or admin adds it again;",
                    "the person may come back by confirming a new subscription through the form."})
    static final class Forget extends AppCommand {
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        protected int run(App app) {
            EmailAddress address = EmailAddress.parse(email);
            boolean wasListed = app.memberActions.forget(AuditLog.Actor.CLI, address);
            out().println((wasListed ? "forgot " : "not on the list; suppressed ") + address);
            return 0;
        }
    }

    /**
     * Sends what waits in the outbox before a command that queued mail ends (a `serve` running
     * beside it may take some of it), and says what happened; what could not go out stays queued.
     */
    static void sendQueuedMail(App app, AppCommand command) {
        OutboxSender.Report sent = app.outboxSender.drain();
        command.out().println("confirmation mails: " + sent.line());
        if (sent.serverProblem() != null || sent.retry() > 0) {
            command.err().println("mails not sent now stay queued; `rundbrief serve` sends them when the SMTP server "
                    + "takes them (see GET /api/outbox)");
        }
    }
}
