package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.CommandRun;

/**
 * Every kind of message, signed with the keys {@code dkim keygen} made (RSA and Ed25519), as a
 * mail server received it, verified by dkimpy (Debian's python3-dkim, an implementation
 * independent of ours) against the DNS records keygen printed, handed to it in place of DNS.
 */
class DkimSignatureTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern VALUE = Pattern.compile("(?m)^  name:  (\\S+)\\R  value: (.+)$");

    @TempDir
    static Path dir;
    static Path dns;
    static Map<String, byte[]> messages;

    @BeforeAll
    static void sendEveryKindSigned() throws Exception {
        StringBuilder records = new StringBuilder();
        records.append(keygen("--selector", "rb2026", "--domain", "example.org", "--out", dir.resolve("dkim.pem").toString()));
        records.append(keygen("--selector", "rb2026-ed25519", "--domain", "example.org", "--algorithm", "ed25519",
                "--out", dir.resolve("dkim-ed25519.pem").toString()));
        dns = Files.writeString(dir.resolve("dns.txt"), records);
        messages = EveryKindOfMessage.send(dir, """
                bounce: { address: "bounces@example.org" }
                dkim: { domain: example.org, selector: rb2026, privateKeyFile: dkim.pem, ed25519KeyFile: dkim-ed25519.pem }
                """);
        assertThat(messages).hasSize(22);
    }

    /** Runs keygen; its DNS record as a line of the DNS stand-in file. */
    private static String keygen(String... args) {
        List<String> all = new ArrayList<>(List.of("dkim", "keygen"));
        all.addAll(List.of(args));
        CommandRun run = CommandRun.of(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher record = VALUE.matcher(run.out());
        assertThat(record.find()).as(run.out()).isTrue();
        return record.group(1) + "\t" + record.group(2) + "\n";
    }

    @Test
    void everyKindOfMessageCarriesAnRsaAndAnEd25519SignatureThatDkimpyVerifies() throws Exception {
        Map<String, List<String>> results = dkimpy(messages);
        assertThat(results).hasSize(22);
        results.forEach((kind, signatures) -> assertThat(signatures).as(kind)
                .containsExactly("rsa-sha256 pass", "ed25519-sha256 pass"));
    }

    @Test
    void aGermanDigestWithUmlautsInSubjectAndBodyVerifies() throws Exception {
        byte[] digest = messages.get("digest-de-one-image");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(digest));
        assertThat(parsed.getSubject()).contains("für Groß");
        assertThat((String) ((Multipart) parsed.getContent()).getBodyPart(0).getContent()).contains("Hüpfburg");
        assertThat(dkimpy(Map.of("digest", digest)).get("digest")).containsExactly("rsa-sha256 pass", "ed25519-sha256 pass");
    }

    @Test
    void theListUnsubscribeHeadersAreSignedAndFromIsOverSigned() {
        String head = head(messages.get("digest-en-many"));
        Matcher h = Pattern.compile("(?s)DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;.*?h=([^;]+);")
                .matcher(head);
        assertThat(h.find()).as(head).isTrue();
        assertThat(h.group(1).split(":")).contains("from", "to", "subject", "date", "message-id", "mime-version",
                "content-type", "list-id", "list-unsubscribe", "list-unsubscribe-post", "feedback-id")
                .filteredOn("from"::equals).hasSize(2);
        // the signatures come first: a mail reader showing headers top down sees who signed
        assertThat(head.indexOf("DKIM-Signature:")).isLessThan(head.indexOf("From:"));
    }

    @Test
    void aTamperedBodyOrAnAddedFromFailsVerification() throws Exception {
        String digest = new String(messages.get("digest-de-one"), StandardCharsets.ISO_8859_1);
        assertThat(digest).contains("dienstags und donnerstags");
        Map<String, byte[]> tampered = new LinkedHashMap<>();
        tampered.put("body", digest.replace("dienstags und donnerstags", "montags und freitags")
                .getBytes(StandardCharsets.ISO_8859_1));
        tampered.put("from", ("From: Kassenwart <kasse@example.net>\r\n" + digest).getBytes(StandardCharsets.ISO_8859_1));
        tampered.put("subject", digest.replaceFirst("Subject: ", "Subject: Dringend: ").getBytes(StandardCharsets.ISO_8859_1));
        dkimpy(tampered).forEach((kind, signatures) -> assertThat(signatures).as(kind)
                .containsExactly("rsa-sha256 fail", "ed25519-sha256 fail"));
    }

    @Test
    void keygenWritesAKeyOnlyItsOwnerCanReadAndNeverOverwritesOne() throws Exception {
        Path key = dir.resolve("dkim.pem");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        byte[] before = Files.readAllBytes(key);
        CommandRun again = CommandRun.of("dkim", "keygen", "--selector", "rb2027", "--domain", "example.org",
                "--out", key.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains(key.toString(), "exists", "never overwritten");
        assertThat(Files.readAllBytes(key)).isEqualTo(before);
        CommandRun shortKey = CommandRun.of("dkim", "keygen", "--selector", "s", "--domain", "example.org", "--bits", "1024",
                "--out", dir.resolve("short.pem").toString());
        assertThat(shortKey.exit()).isEqualTo(2);
        assertThat(shortKey.err()).contains("--bits must be from 2048");
        assertThat(dir.resolve("short.pem")).doesNotExist();
    }

    private static String head(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    /** dkimpy's verdict on each signature of each message, as "a= pass|fail", by message. */
    private static Map<String, List<String>> dkimpy(Map<String, byte[]> byKind) throws IOException, InterruptedException {
        assertThat(PYTHON).as("Debian's python3 (apt-get install -y python3-dkim)").exists();
        Path work = Files.createTempDirectory(dir, "verify");
        Path script = work.resolve("verify.py");
        try (var in = DkimSignatureTest.class.getResourceAsStream("/dkim/verify.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), dns.toString()));
        for (Map.Entry<String, byte[]> m : byKind.entrySet()) {
            cmd.add(Files.write(work.resolve(m.getKey() + ".eml"), m.getValue()).toString());
        }
        Path reasons = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(reasons.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("dkimpy run failed (is python3-dkim installed?): " + Files.readString(reasons)).isZero();
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split(" ");
            String kind = Path.of(f[0]).getFileName().toString().replace(".eml", "");
            results.computeIfAbsent(kind, k -> new ArrayList<>()).add(f[2] + " " + f[3]);
        }
        return results;
    }
}
