package org.rundbrief.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.rundbrief.app.App;
import org.rundbrief.article.Article;
import org.rundbrief.article.Upsert;
import org.rundbrief.collect.CollectException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code articles add FILE.md} and {@code articles list}: manual articles. */
@Command(name = "articles", mixinStandardHelpOptions = true,
        description = "Manual articles: add one from a Markdown/HTML file with front matter, or list the newest.",
        subcommands = {ArticlesCommand.Add.class, ArticlesCommand.ListArticles.class})
public final class ArticlesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say 'articles add FILE.md' or 'articles list'");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Store an article from FILE (.md or .html) with YAML front matter:",
                    "title, author, published, topics, summary, language, image.",
                    "Adding the same file name again updates that article."})
    static final class Add extends AppCommand {
        @Parameters(paramLabel = "FILE", description = "Markdown or HTML file")
        Path file;

        @Override
        protected int run(App app) throws CollectException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("FILE: " + file + " does not exist");
            }
            Upsert result = app.collector.addManual(file);
            out().println(file.getFileName() + ": " + result.name().toLowerCase(Locale.ROOT));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the newest articles: date, slug, title.")
    static final class ListArticles extends AppCommand {
        @Option(names = "--limit", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--topic", description = "Only articles of this topic id.")
        String topic;

        @Override
        protected int run(App app) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
            DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(app.config.site().zone());
            for (Article a : app.articles.recent(limit, Optional.ofNullable(topic))) {
                out().println(day.format(a.publishedAt()) + "  " + a.slug() + "  " + a.title());
            }
            return 0;
        }
    }
}
