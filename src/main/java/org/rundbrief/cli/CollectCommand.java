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
                "Exit 1 when a source failed."})
public final class CollectCommand extends AppCommand {
    @Override
    protected int run(App app) {
        CollectReport report = app.collector.collectAll();
        if (report.sources().isEmpty()) {
            out().println("no sources configured (add them under 'sources:' in the config)");
            return 0;
        }
        for (CollectReport.SourceResult source : report.sources()) {
            out().println(source.line());
            source.warnings().forEach(w -> out().println("  warning: " + w));
        }
        out().println(report.summary());
        return report.failedSources() > 0 ? ExitCodes.FAILED : 0;
    }
}
