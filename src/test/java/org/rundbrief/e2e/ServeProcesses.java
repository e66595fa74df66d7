package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.rundbrief.testing.CommandRun;

/** Real rundbrief processes from the built jar for the *IT tests, what they start from, and what GreenMail got from them. */
final class ServeProcesses {
    private ServeProcesses() {}

    /**
     * The installation of {@code config} gets {@code members} confirmed daily members (imported by
     * the CLI from {@code dir/members.csv}) and one new article in its directory source, collected.
     */
    static void confirmedMembersAndOneNewArticle(Path dir, Path config, Path articles, int members) throws Exception {
        Files.writeString(dir.resolve("members.csv"), "email,name,language,topics,frequency\n"
                + IntStream.range(0, members).mapToObj(i -> "m" + i + "@example.org,Mitglied " + i + ",de,,daily\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
        CommandRun imported = Fixtures.cli("subscribers", "import", dir.resolve("members.csv").toString(), "--confirmed",
                "--consent-note", "test", "--config", config.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        Files.writeString(articles.resolve("news.md"), "---\ntitle: \"Große Neuigkeit – für alle\"\npublished: "
                + LocalDate.now() + "\n---\nText.\n");
        CommandRun collected = Fixtures.cli("collect", "--config", config.toString());
        assertThat(collected.exit()).as(collected.err()).isZero();
    }

    /** {@code rundbrief ARGS} from target/rundbrief.jar, its output into {@code log}. */
    static Process start(Path log, String... args) throws Exception {
        return start(log, Map.of(), args);
    }

    /** {@code rundbrief ARGS} as {@link #start(Path, String...)}, with {@code environment} added to this process's. */
    static Process start(Path log, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(System.getProperty("rundbrief.jar", "target/rundbrief.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** How many messages each address got. */
    static Map<String, Long> messagesPerRecipient(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).map(ServeProcesses::to)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
