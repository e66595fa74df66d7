package org.rundbrief.cli;

import org.rundbrief.app.App;
import org.rundbrief.collect.CollectReport;
import picocli.CommandLine.Command;

/** {@code collect}: fetch every source once and print one line per source. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Fetch all configured sources once and store new or changed articles.",
                "Prints one line per source: new/updated/unchanged counts, or FAILED with the reason.",
                "Exit 1 when every source failed."})
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
        }
        return report.allFailed() ? ExitCodes.FAILED : 0;
    }
}
