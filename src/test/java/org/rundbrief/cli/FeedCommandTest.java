package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.Main;
import org.rundbrief.feed.FeedFixture;
import org.rundbrief.testing.TestDatabase;

class FeedCommandTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void articles() throws Exception {
        try (FeedFixture fx = new FeedFixture(dir)) {
            fx.add("Jahreshauptversammlung", Instant.now().minus(Duration.ofDays(2)), "verein");
            fx.add("Termin: Sommerfest", Instant.now().minus(Duration.ofDays(1)), "termine");
        }
        config = dir.resolve("rundbrief.yml");
        Files.writeString(config, """
                site: { baseUrl: "https://news.example.org" }
                %s
                """.formatted(TestDatabase.yaml(dir)));
    }

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "feed";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--config=" + config;
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheAtomFeedByDefault() {
        Run r = run();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("<?xml").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .contains("Jahreshauptversammlung", "Termin: Sommerfest");
    }

    @Test
    void printsOneTopicInTheAskedFormat() {
        Run r = run("--format", "json", "--topic", "termine");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"version\":\"https://jsonfeed.org/version/1.1\"", "Termin: Sommerfest")
                .doesNotContain("Jahreshauptversammlung");
        assertThat(run("--format", "RSS").out()).contains("<rss");
    }

    @Test
    void badFormatTopicOrMonthExitWith2AndNameTheProblem() {
        Run format = run("--format", "html");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format: 'html'");
        Run topic = run("--topic", "sport");
        assertThat(topic.exit()).isEqualTo(2);
        assertThat(topic.err()).contains("unknown topic 'sport'");
        Run month = run("--archive", "Mai");
        assertThat(month.exit()).isEqualTo(2);
        assertThat(month.err()).contains("--archive: 'Mai'");
        assertThat(format.out() + topic.out() + month.out()).isEmpty();
    }
}
