package org.rundbrief;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.rundbrief.app.App;
import org.rundbrief.cli.ExitCodes;
import org.rundbrief.config.ConfigException;
import org.rundbrief.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
        CommandLine cli = commandLine(args.length == 0 ? "" : args[0]);
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
            if (ex instanceof StoreException store && store.connectionLost()) {
                err.println("rundbrief: " + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^rundbrief ", "")
                        + ": the database failed: " + ex.getMessage());
                err.println("Run the command again once the database is back: what it finished before is kept.");
                return ExitCodes.FAILED;
            }
            err.println("rundbrief: failed: " + ex.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            return ExitCodes.FAILED;
        });
        CommandLine.IParameterExceptionHandler picocli = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, a) -> unknownCommand(e, a, picocli));
        return cli.execute(args);
    }

    /**
     * A mistyped command gets the nearest command name as a suggestion ("sned" → "send"; picocli's
     * own guess ranked "feed" first); every other usage error is reported as picocli does.
     */
    private static int unknownCommand(CommandLine.ParameterException e, String[] args,
                                      CommandLine.IParameterExceptionHandler picocli) throws Exception {
        CommandLine cli = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !cli.getSubcommands().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String typed = u.getUnmatched().get(0);
            String nearest = cli.getSubcommands().keySet().stream()
                    .min(java.util.Comparator.comparingInt(name -> editDistance(typed, name))).orElseThrow();
            cli.getErr().println("rundbrief: unknown command '" + typed + "'"
                    + (editDistance(typed, nearest) <= 2 ? "; did you mean '" + nearest + "'?" : "")
                    + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        }
        return picocli.handleParseException(e, args);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    static final int HELP_WIDTH = 100;

    /**
     * The commands, registered in the order of the data flow (the order of the help's list). A
     * supplier each, so a command line builds the model of the one command it runs only: picocli
     * reads every option of every command it is given, which was a tenth of a quick command's time.
     */
    private static final List<Supplier<Object>> COMMANDS = List.of(
            org.rundbrief.cli.DemoCommand::new, org.rundbrief.cli.CollectCommand::new,
            org.rundbrief.cli.ArticlesCommand::new, org.rundbrief.cli.SubscribersCommand::new,
            org.rundbrief.cli.UsersCommand::new, org.rundbrief.cli.SendCommand::new,
            org.rundbrief.cli.PreviewCommand::new, org.rundbrief.cli.ServeCommand::new,
            org.rundbrief.cli.FeedCommand::new, org.rundbrief.cli.TemplatesCommand::new,
            org.rundbrief.cli.BouncesCommand::new, org.rundbrief.cli.DkimCommand::new,
            org.rundbrief.cli.BackupCommand::new, org.rundbrief.cli.MigrateCommand::new);

    /** The whole command tree: for help, a mistyped command, and tests. */
    static CommandLine commandLine() {
        return commandLine("");
    }

    /** The tree with only command {@code name} when there is one of that name, else with every command. */
    static CommandLine commandLine(String name) {
        CommandLine cli = new CommandLine(new Main());
        List<Object> commands = COMMANDS.stream().map(Supplier::get).toList();
        List<Object> named = commands.stream()
                .filter(command -> command.getClass().getAnnotation(Command.class).name().equals(name)).toList();
        for (Object command : named.isEmpty() ? commands : named) {
            cli.addSubcommand(command);
        }
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
