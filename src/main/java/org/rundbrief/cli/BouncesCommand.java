package org.rundbrief.cli;

import org.rundbrief.app.App;
import org.rundbrief.bounce.BounceReader;
import org.rundbrief.bounce.MailboxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bounces poll}: read the bounce mailbox once. */
@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = "Read delivery reports (bounces, complaints) from the bounce mailbox.",
        subcommands = {BouncesCommand.Poll.class})
public final class BouncesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: poll");
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"Read the bounce mailbox (bounce.mailbox) once and act on what it holds:",
                    "hard bounces and complaints end a subscription at once, soft bounces are counted.",
                    "Understood messages are moved to the folder 'processed' (IMAP) or deleted (POP3);",
                    "everything else is left alone. Prints: read N: hard H, soft S, complaints C,",
                    "auto-replies A, unrelated U. Ctrl-C stops after the message in hand.",
                    "Exit 1 when the mailbox cannot be read or the poll was stopped."})
    static final class Poll extends AppCommand {
        @Override
        protected int run(App app) {
            if (!app.bounces.configured()) {
                err().println("no bounce mailbox configured: set bounce.mailbox.protocol, host, username and password");
                return ExitCodes.USAGE;
            }
            try (StopSignals signals = StopSignals.onStop(() -> {
                err().printf("Stopping after the message in hand (Ctrl-C again quits at once) ...%n");
                app.bounces.stop();
            })) {
                BounceReader.Summary read = app.bounces.poll();
                out().println(read);
                if (read.stopped()) {
                    err().println("Stopped. What was read is recorded; the next poll reads the rest.");
                    return ExitCodes.FAILED;
                }
                return 0;
            } catch (MailboxException e) {
                err().println("bounce mailbox: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
