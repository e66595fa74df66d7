package org.rundbrief.cli;

import org.rundbrief.app.App;
import org.rundbrief.collect.CollectReport;
import picocli.CommandLine.Command;

/** {@code collect}: fetch every source once and print one line per source. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Fetch all configured sources once and store new or changed articles.",
                "Prints one line per source: new/updated/unchanged counts, or FAILED with the reason, then",
                "the warnings of a source (an html selector that matched nothing, a file naming a topic",
                "that is not in the config) and a summary line.",
                "Ctrl-C (or SIGTERM) stops after the source in hand; the next collect fetches the rest.",
                "Exit 1 when a source failed or the run was stopped."})
public final class CollectCommand extends AppCommand {
    @Override
    protected int run(App app) {
        CollectReport report;
        try (StopSignals signals = StopSignals.onStop(() -> {
            err().printf("Stopping after the source in hand (Ctrl-C again quits at once) ...%n");
            app.collector.stop();
        })) {
            report = app.collector.collectAll();
        }
        if (report.sources().isEmpty() && !report.stopped()) {
            out().println("no sources configured (add them under 'sources:' in the config)");
            return 0;
        }
        for (CollectReport.SourceResult source : report.sources()) {
            out().println(source.line());
            source.warnings().forEach(w -> out().println("  warning: " + w));
        }
        out().println(report.summary());
        if (report.stopped()) {
            err().println("Stopped. The next 'rundbrief collect' (or a running serve's schedule) fetches the sources left out.");
        }
        return report.failedSources() > 0 || report.stopped() ? ExitCodes.FAILED : 0;
    }
}
