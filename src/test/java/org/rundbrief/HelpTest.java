package org.rundbrief;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's --help reads as written: no line broken a second time, nothing wider than the help. */
class HelpTest {
    static Stream<String> commands() {
        return Stream.of("", "send", "collect", "preview", "demo", "serve", "subscribers import", "feed",
                "templates check", "articles", "backup");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpLinesAreKeptWholeAndFitTheHelpWidth(String command) {
        String[] args = (command + " --help").strip().split(" ");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        assertThat(out.toString()).isNotBlank();
        assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @org.junit.jupiter.api.Test
    void aLongDescriptionLineIsNotWrappedAgain() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.execute("send", "--help");
        assertThat(out.toString()).contains(
                "Each confirmed subscriber of the cadence gets one digest of the articles that are new for\n");
    }
}
