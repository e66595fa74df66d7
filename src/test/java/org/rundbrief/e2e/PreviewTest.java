package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.CommandRun;

/** {@code preview} writes the exact message a subscriber would get, and changes nothing. */
class PreviewTest extends SampleFeedInstallation {
    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("members.csv"), "email,name,language,topics,frequency\n"
                + "zoe@example.org,Zoë Weiß,en,,weekly\n", StandardCharsets.UTF_8);
        assertThat(Fixtures.cli("subscribers", "import", dir.resolve("members.csv").toString(), "--confirmed",
                "--consent-note", "test", "--config", config.toString()).exit()).isZero();
        assertThat(Fixtures.cli("collect", "--config", config.toString()).exit()).isZero();
    }

    @Test
    void previewWritesAParsableMessageAndSendsNothing() throws Exception {
        Path out = dir.resolve("preview");
        CommandRun run = Fixtures.cli("preview", "--cadence", "weekly", "--subscriber", "ZOE@example.org",
                "--out", out.toString(), "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Subject: 2 new posts: Wasser wird am 3. April angestellt and more");

        MimeMessage eml;
        try (InputStream in = Files.newInputStream(out.resolve("digest.eml"))) {
            eml = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(eml.getSubject()).isEqualTo("2 new posts: Wasser wird am 3. April angestellt and more");
        assertThat(eml.getHeader("To")[0]).contains("zoe@example.org").doesNotContain("\n");
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(eml.getHeader("To")[0])).contains("Zoë Weiß");
        Multipart parts = (Multipart) eml.getContent();
        assertThat(lf(parts.getBodyPart(0).getContent())).isEqualTo(lf(Files.readString(out.resolve("digest.txt"))));
        assertThat(lf(parts.getBodyPart(1).getContent())).isEqualTo(lf(Files.readString(out.resolve("digest.html"))));
        assertThat(Files.readString(out.resolve("digest.html"))).contains("<html lang=\"en\"", "Hello Zoë Weiß,");

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(Fixtures.cli("send", "--cadence", "weekly", "--config", config.toString()).out()).contains("1 sent");
    }

    @Test
    void previewForAnUnknownAddressIsABadUsageThatNamesIt() {
        CommandRun run = Fixtures.cli("preview", "--cadence", "weekly", "--subscriber", "nobody@example.org",
                "--out", dir.resolve("p").toString(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--subscriber", "nobody@example.org");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    /** MIME puts CRLF on the wire; the files keep the template's LF. */
    private static String lf(Object text) {
        return text.toString().replace("\r\n", "\n");
    }
}
