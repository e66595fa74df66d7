package org.rundbrief.cli;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rundbrief.App;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code subscribers ...}: manage the member list from the command line. */
@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = "Manage subscribers: add, list, import.",
        subcommands = {SubscribersCommand.Add.class, SubscribersCommand.ListAll.class, SubscribersCommand.Import.class})
public final class SubscribersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command (add, list, import, ...)");
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
        @Option(names = "--topics", split = ",", description = "topic ids, comma-separated (default: all)")
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
            description = {"Import subscribers from a CSV file with the header email,name,language,topics,frequency",
                    "(topics separated by ';'). Bad rows are reported with their line; good rows are imported;",
                    "addresses already on the list are left alone. Exit 1 if any row was rejected."})
    static final class Import extends AppCommand {
        @Parameters(paramLabel = "FILE.csv")
        Path file;
        @Option(names = "--confirmed", description = "mark imported rows confirmed (needs --consent-note); "
                + "otherwise each new row gets a confirmation mail")
        boolean confirmed;
        @Option(names = "--consent-note", paramLabel = "TEXT", description = "how consent was given")
        String note;

        @Override
        protected int run(App app) throws Exception {
            var options = new SubscriberImport.Options(confirmed, note);
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": no such readable file");
            }
            var progress = new ImportProgress(err(), Files.size(file));
            SubscriberImport.Result result;
            try (InputStream in = progress.counting(Files.newInputStream(file))) {
                result = app.subscriberImport.run(new InputStreamReader(in, StandardCharsets.UTF_8), options,
                        new SubscriberImport.Listener() {
                            @Override
                            public void rejected(long line, String reason) {
                                progress.clear();
                                err().println(file.getFileName() + ":" + line + ": " + reason);
                            }

                            @Override
                            public void progress(long rows) {
                                progress.update(rows);
                            }
                        });
            }
            progress.clear();
            out().printf("%d rows: %d imported, %d already on the list, %d suppressed, %d rejected%n",
                    result.rows(), result.imported(), result.unchanged(), result.suppressed(), result.rejected());
            return result.rejected() > 0 ? 1 : 0;
        }
    }
}
