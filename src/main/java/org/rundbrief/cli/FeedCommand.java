package org.rundbrief.cli;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.rundbrief.app.App;
import org.rundbrief.feed.FeedFormat;
import org.rundbrief.feed.FeedView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code feed [--format rss|atom|json] [--topic T] [--archive YYYY-MM]}: prints a feed to stdout. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Print a feed to stdout, exactly as /feed.<format> serves it.",
                "With --archive, the RFC 5005 archive document of that month (site time zone)."})
public final class FeedCommand extends AppCommand {
    @Option(names = "--format", defaultValue = "atom", paramLabel = "rss|atom|json",
            description = "Feed format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--topic", paramLabel = "T", description = "Only articles of this topic id.")
    String topic;

    @Option(names = "--archive", paramLabel = "YYYY-MM", description = "The archive document of one month.")
    String archive;

    @Override
    protected int run(App app) {
        FeedFormat f = FeedFormat.byName(format).orElseThrow(() ->
                new IllegalArgumentException("--format: '" + format + "' is not one of rss, atom, json"));
        Optional<YearMonth> month;
        try {
            month = Optional.ofNullable(archive).map(YearMonth::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--archive: '" + archive + "' is not a month like 2026-05");
        }
        byte[] feed = app.feeds.render(new FeedView(f, Optional.ofNullable(topic), month));
        out().print(new String(feed, StandardCharsets.UTF_8));
        out().println();
        out().flush();
        return 0;
    }
}
