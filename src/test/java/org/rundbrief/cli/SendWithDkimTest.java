package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.Installation;

/**
 * {@code send} with DKIM set up but no usable key: exit 2 before anything is sent, naming the
 * key {@code dkim.privateKeyFile} and the keygen command; with the key keygen writes, the same
 * send goes out signed.
 */
class SendWithDkimTest {
    @TempDir
    Path dir;
    GreenMail smtp;
    Path config;

    @BeforeEach
    void install() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (Installation inst = new Installation(dir, smtp.getSmtp().getPort(), "delivery: { maxAgeDays: 3650 }")) {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Sommerfest am Baggersee");
        }
        config = dir.resolve("rundbrief.yml");
        Files.writeString(config, "dkim: { domain: example.org, selector: rb2026, privateKeyFile: keys/dkim.pem }\n",
                StandardOpenOption.APPEND);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aMissingKeyStopsSendWithExit2AndTheNextSendWithTheKeySignsTheDigest() throws Exception {
        CommandRun refused = CommandRun.withConfig(config, "send", "--cadence", "daily");
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("key 'dkim.privateKeyFile'", dir.resolve("keys/dkim.pem") + " does not exist",
                "rundbrief dkim keygen --selector rb2026 --domain example.org");
        assertThat(smtp.getReceivedMessages()).isEmpty();

        Files.createDirectory(dir.resolve("keys"));
        CommandRun keygen = CommandRun.of("dkim", "keygen", "--selector", "rb2026", "--domain", "example.org",
                "--out", dir.resolve("keys/dkim.pem").toString());
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        assertThat(keygen.out()).contains("rb2026._domainkey.example.org", "v=DKIM1; k=rsa; p=MII",
                "privateKeyFile: \"" + dir.resolve("keys/dkim.pem") + "\"");

        CommandRun sent = CommandRun.withConfig(config, "send", "--cadence", "daily");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getHeader("DKIM-Signature")[0])
                .startsWith("v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;");
    }
}
