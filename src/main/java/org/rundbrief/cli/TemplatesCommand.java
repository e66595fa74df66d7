package org.rundbrief.cli;

import org.rundbrief.app.App;
import picocli.CommandLine.Command;

@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Work with the FreeMarker templates (templates/ next to the config overrides the built-in ones).",
        subcommands = TemplatesCommand.Check.class)
public final class TemplatesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Parse every template in the templates/ folder next to the config (your edits), then",
                    "render a sample digest in every language, so a broken template is found before an edition",
                    "starts. Exit 0 when all are fine, 2 with the file and line otherwise."})
    static final class Check extends AppCommand {
        @Override
        protected int run(App app) {
            java.util.List<String> overrides = app.checkTemplates();
            out().println("Templates OK (" + (overrides.isEmpty() ? "built-in templates only"
                    : overrides.size() + " of yours: " + String.join(", ", overrides)) + ").");
            return 0;
        }
    }
}
