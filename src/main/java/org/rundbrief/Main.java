package org.rundbrief;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.rundbrief.app.App;
import org.rundbrief.cli.ExitCodes;
import org.rundbrief.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: the picocli command tree and the mapping of errors to exit codes. Wiring only. */
@Command(name = "rundbrief", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Self-hosted newsletter and feed server: collects articles, sends digests, serves feeds.",
                "", "Start with 'demo' to see everything on built-in defaults."},
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs one command line; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                err.println("rundbrief: config: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof org.rundbrief.template.Templates.TemplateProblem) {
                err.println("rundbrief: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("rundbrief: failed: " + ex.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    static final int HELP_WIDTH = 100;

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Each feature package's commands are registered here, in the order of the data flow.
        cli.addSubcommand(new org.rundbrief.cli.DemoCommand());
        cli.addSubcommand(new org.rundbrief.cli.CollectCommand());
        cli.addSubcommand(new org.rundbrief.cli.ArticlesCommand());
        cli.addSubcommand(new org.rundbrief.cli.SubscribersCommand());
        cli.addSubcommand(new org.rundbrief.cli.UsersCommand());
        cli.addSubcommand(new org.rundbrief.cli.SendCommand());
        cli.addSubcommand(new org.rundbrief.cli.PreviewCommand());
        cli.addSubcommand(new org.rundbrief.cli.ServeCommand());
        cli.addSubcommand(new org.rundbrief.cli.FeedCommand());
        cli.addSubcommand(new org.rundbrief.cli.TemplatesCommand());
        cli.addSubcommand(new org.rundbrief.cli.BackupCommand());
        // The help texts are written in lines of up to 100 characters; picocli's 80 would break each one again.
        cli.setUsageHelpWidth(HELP_WIDTH);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rundbrief " + App.version()};
        }
    }
}
