package org.rundbrief.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.Installation;
import org.rundbrief.testing.TestCertificate;
import org.rundbrief.web.WebServer;

/**
 * The bounce mailbox read back over GreenMail's IMAP and POP3: the report formats we know (our own
 * samples in {@code src/test/resources/bounces}, written after the shapes postfix, Gmail,
 * Exchange, GMX and T-Online send), attributed by the VERP token or the failed address, acted on,
 * moved away; everything else left alone.
 */
class BounceMailboxTest {
    private static final String PASSWORD = "geheim";
    private static final String TOKEN = "token-for-the-bounce-mailbox-test";

    @TempDir
    Path dir;
    GreenMail mail;
    GreenMailUser bounces;
    Installation inst;
    Verp verp;

    void start(String protocol, String extra) throws Exception {
        // SMTP to send, IMAP to look into the mailbox, and the protocol under test (with its own certificate for TLS)
        mail = new GreenMail(java.util.stream.Stream.of(ServerSetup.PROTOCOL_SMTP, ServerSetup.PROTOCOL_IMAP, protocol).distinct()
                .map(p -> new ServerSetup(0, "127.0.0.1", p).dynamicPort()).toArray(ServerSetup[]::new));
        mail.start();
        bounces = mail.setUser("bounces@example.org", "bounces", PASSWORD);
        int port = switch (protocol) {
            case "imap" -> mail.getImap().getPort();
            case "imaps" -> mail.getImaps().getPort();
            case "pop3" -> mail.getPop3().getPort();
            default -> mail.getPop3s().getPort();
        };
        inst = new Installation(dir, mail.getSmtp().getPort(), """
                bounce: { address: "bounces@example.org", softLimit: 2, softDays: 14,
                          mailbox: { protocol: %s, host: 127.0.0.1, port: %d, username: bounces, password: "%s" } }
                security: { adminToken: "%s" }
                """.formatted(protocol, port, extra.isEmpty() ? PASSWORD : extra, TOKEN));
        verp = new Verp("bounces@example.org", inst.app.signer);
    }

    @AfterEach
    void stop() {
        if (inst != null) {
            inst.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** Puts a fixture into the mailbox with its recipient and the VERP address filled in. */
    void deliver(String fixture, String recipient, String verpAddress) throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/bounces/" + fixture)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("{{RCPT}}", recipient).replace("{{VERP}}", verpAddress).replace("\r\n", "\n").replace("\n", "\r\n");
        deliver(text.getBytes(StandardCharsets.UTF_8));
    }

    void deliver(byte[] raw) throws Exception {
        bounces.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    int count(String folder) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), "bounces", PASSWORD);
        try {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    Subscriber.Status status(Subscriber s) {
        return inst.app.subscribers.byId(s.id()).orElseThrow().status();
    }

    boolean suppressed(Subscriber s) {
        return inst.app.subscribers.isSuppressed(inst.app.signer.emailHash(s.email()));
    }

    String ref(Subscriber s) {
        return verp.of(BounceReference.subscriber(s.id()));
    }

    @Nested
    class OverImap {
        @Test
        void aStopEndsTheReadingBeforeTheNextMessageAndWhatWasUnderstoodIsMoved() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            for (int i = 0; i < 3; i++) {
                deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            }
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();

            boolean stopped = new BounceMailbox(inst.app.config.bounce().mailbox(), null)
                    .readAll(m -> read.incrementAndGet() > 0, () -> read.get() == 1); // Ctrl-C during the first

            assertThat(stopped).isTrue();
            assertThat(read).hasValue(1);
            assertThat(count(BounceMailbox.PROCESSED)).isEqualTo(1);
            assertThat(count("INBOX")).isEqualTo(2);
        }

        @Test
        void hardBouncesOfPostfixGmailExchangeAndTOnlineEndTheSubscriptionAndMoveToProcessed() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            Subscriber bernd = inst.subscriber("bernd@gmail.example", Cadence.DAILY);
            Subscriber clara = inst.subscriber("clara@contoso.example", Cadence.DAILY);
            Subscriber dora = inst.subscriber("dora@t-online.example", Cadence.DAILY);
            inst.tick();
            inst.article("Sommerfest");
            inst.app.editions.send(inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id(), Duration.ZERO);
            long dorasDelivery = inst.app.database.jdbc().list("SELECT id FROM delivery WHERE subscriber_id = ?",
                    rs -> rs.getLong(1), dora.id()).get(0);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            deliver("gmail-no-such-user.eml", "bernd@gmail.example", ref(bernd));
            deliver("exchange-recipient-not-found.eml", "clara@contoso.example", ref(clara));
            deliver("t-online-user-unknown.eml", "dora@t-online.example", verp.of(BounceReference.delivery(dorasDelivery)));

            assertThat(inst.app.bounces.poll()).hasToString("read 4: hard 4, soft 0, complaints 0, auto-replies 0, unrelated 0");

            for (Subscriber s : new Subscriber[] {anna, bernd, clara, dora}) {
                assertThat(status(s)).as(s.email().value()).isEqualTo(Subscriber.Status.BOUNCED);
                assertThat(suppressed(s)).isTrue();
            }
            assertThat(count("INBOX")).isZero();
            assertThat(count(BounceMailbox.PROCESSED)).isEqualTo(4);
            BounceStore.Kept kept = inst.app.bounceStore.reports(anna.id(), 5).get(0);
            assertThat(kept.kind()).isEqualTo("hard");
            assertThat(kept.status()).isEqualTo("5.1.1");
            assertThat(kept.raw()).contains("Final-Recipient: rfc822; anna@example.net");
            assertThat(inst.app.bounceStore.reports(dora.id(), 5).get(0).deliveryId()).isEqualTo(dorasDelivery);
        }

        @Test
        void aComplaintWithOrWithoutTheOriginalMarksComplainedAndSuppresses() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            Subscriber bernd = inst.subscriber("bernd@example.net", Cadence.DAILY);
            deliver("arf-complaint.eml", "anna@example.net", ref(anna));
            deliver("arf-without-original.eml", "bernd@example.net", "");

            assertThat(inst.app.bounces.poll()).hasToString("read 2: hard 0, soft 0, complaints 2, auto-replies 0, unrelated 0");
            assertThat(status(anna)).isEqualTo(Subscriber.Status.COMPLAINED);
            assertThat(status(bernd)).isEqualTo(Subscriber.Status.COMPLAINED);
            assertThat(suppressed(anna) && suppressed(bernd)).isTrue();
        }

        @Test
        void softBouncesCountOnceADayUntilTheLimitWithinTheDays() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@gmx.example", Cadence.DAILY);
            deliver("gmx-mailbox-full.eml", "anna@gmx.example", ref(anna));
            deliver("gmx-mailbox-full.eml", "anna@gmx.example", ref(anna));
            assertThat(inst.app.bounces.poll()).hasToString("read 2: hard 0, soft 2, complaints 0, auto-replies 0, unrelated 0");
            assertThat(status(anna)).as("two on one day count once (softLimit 2)").isEqualTo(Subscriber.Status.CONFIRMED);

            inst.clock.advance(Duration.ofDays(1));
            deliver("gmx-mailbox-full.eml", "anna@gmx.example", ref(anna));
            inst.app.bounces.poll();
            assertThat(status(anna)).isEqualTo(Subscriber.Status.BOUNCED);
            assertThat(suppressed(anna)).isTrue();
        }

        @Test
        void autoRepliesAreIgnoredAndUnrelatedForgedOrUnknownReportsStayInTheMailbox() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            String forged = ref(anna).replaceAll("-[0-9a-f]{16}@", "-0123456789abcdef@");
            deliver("out-of-office.eml", "anna@example.net", ref(anna));
            deliver("delayed.eml", "anna@example.net", ref(anna));
            deliver("unrelated.eml", "anna@example.net", ref(anna));
            deliver("postfix-user-unknown.eml", "anna@example.net", forged);
            deliver("postfix-user-unknown.eml", "nobody@example.net", "bounces@example.org");
            deliver("malformed-report.eml", "anna@example.net", ref(anna));

            assertThat(inst.app.bounces.poll()).hasToString("read 6: hard 0, soft 0, complaints 0, auto-replies 2, unrelated 4");
            assertThat(status(anna)).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(suppressed(anna)).isFalse();
            assertThat(count("INBOX")).isEqualTo(4);
            assertThat(count(BounceMailbox.PROCESSED)).isEqualTo(2);
            assertThat(inst.app.bounceStore.reports(anna.id(), 5)).isEmpty();
        }

        @Test
        void aBounceCarryingATenMegabyteOriginalIsReadAndKeptInItsFirst64Kilobytes() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            String big = "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n"
                    + "From: MAILER-DAEMON@mail.hoster.example\r\nTo: " + ref(anna) + "\r\nSubject: Undelivered Mail\r\n"
                    + "MIME-Version: 1.0\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\n"
                    + "Final-Recipient: rfc822; anna@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                    + "--b\r\nContent-Type: message/rfc822\r\n\r\nReturn-Path: <" + ref(anna) + ">\r\nSubject: x\r\n"
                    + "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n").repeat(140_000)
                    + "--b--\r\n";
            deliver(big.getBytes(StandardCharsets.US_ASCII));

            assertThat(inst.app.bounces.poll().hard()).isEqualTo(1);
            assertThat(status(anna)).isEqualTo(Subscriber.Status.BOUNCED);
            assertThat(inst.app.bounceStore.reports(anna.id(), 1).get(0).raw()).hasSizeLessThanOrEqualTo(BounceStore.MAX_RAW)
                    .contains("Status: 5.1.1");
        }

        @Test
        void aMailboxThatRefusesTheLoginIsAClearErrorAndChangesNothing() throws Exception {
            start("imap", "falsch");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));

            MailboxException e = catchThrowableOfType(MailboxException.class, () -> inst.app.bounces.poll());
            assertThat(e).hasMessageContaining("login as 'bounces' refused at imap://127.0.0.1:")
                    .hasMessageContaining("bounce.mailbox.username and password");
            assertThat(inst.app.bounces.lastError()).contains(e.getMessage());
            assertThat(status(anna)).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(count("INBOX")).isEqualTo(1);
        }

        /**
         * An office's shared inbox: 10,000 unrelated mails, each to a long distribution list (a To
         * header of ~6 KB, which the reader fetches with the envelope: ~200 MB as Java strings for
         * all of them), are read by a real {@code bounces poll} process with a 64 MB heap. Holding
         * every message's headers would run out of memory; the reader holds one batch. None is touched.
         * It takes minutes and the database plays no part, so it runs in the H2 pass only.
         */
        @Test
        void tenThousandUnrelatedMailsAreReadWithBoundedMemoryAndNoneIsDeleted() throws Exception {
            assumeFalse(TestDatabase.postgres(), "the mailbox, not the database, is under test: run once, on H2");
            start("imap", "");
            int many = 10_000;
            StringBuilder list = new StringBuilder("To: ");
            for (int i = 0; i < 200; i++) {
                list.append(i == 0 ? "" : ",\r\n ").append("mitglied").append(i).append("@verein.example.org");
            }
            for (int i = 0; i < many; i++) {
                deliver(("From: kasse@example.org\r\n" + list + "\r\nSubject: Rundschreiben " + i
                        + "\r\n\r\nBitte ablegen.\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process poll = new ProcessBuilder(javaBin, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), "org.rundbrief.Main",
                    "bounces", "poll", "--config", dir.resolve("rundbrief.yml").toString())
                    .redirectError(dir.resolve("poll.err").toFile()).start();
            String out = new String(poll.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(poll.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(poll.exitValue()).as(java.nio.file.Files.readString(dir.resolve("poll.err"))).isZero();
            assertThat(out.strip()).isEqualTo(
                    "read " + many + ": hard 0, soft 0, complaints 0, auto-replies 0, unrelated " + many);
            assertThat(count("INBOX")).isEqualTo(many);
            assertThat(count(BounceMailbox.PROCESSED)).isZero();
        }
    }

    @Nested
    class OverPop3 {
        @Test
        void understoodReportsAreDeletedAndEverythingElseStays() throws Exception {
            start("pop3", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("unrelated.eml", "anna@example.net", ref(anna));
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            deliver("unrelated.eml", "anna@example.net", ref(anna));

            assertThat(inst.app.bounces.poll()).hasToString("read 3: hard 1, soft 0, complaints 0, auto-replies 0, unrelated 2");
            assertThat(status(anna)).isEqualTo(Subscriber.Status.BOUNCED);
            assertThat(count("INBOX")).isEqualTo(2);
            assertThat(inst.app.subscribers.byEmail(EmailAddress.parse("anna@example.net"))).isPresent();
        }
    }

    @Nested
    class OverTls {
        /** A reader that trusts GreenMail's own certificate (tests only; in use the JVM's authorities decide). */
        BounceReader trustingTheTestServer() throws Exception {
            return new BounceReader(inst.app.config.bounce(), verp, inst.app.bounceStore, inst.app.subscribers,
                    inst.app.subscriberService, inst.clock, TestCertificate.trusted());
        }

        /** IMAP moves the understood report to "processed", POP3 (no folders) deletes it; the other mail stays. */
        @ParameterizedTest
        @ValueSource(strings = {"imaps", "pop3s"})
        void aReportIsReadOverTlsAndMovedOrDeleted(String protocol) throws Exception {
            start(protocol, "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            deliver("unrelated.eml", "anna@example.net", ref(anna));

            assertThat(trustingTheTestServer().poll()).hasToString("read 2: hard 1, soft 0, complaints 0, auto-replies 0, unrelated 1");
            assertThat(status(anna)).isEqualTo(Subscriber.Status.BOUNCED);
            assertThat(count("INBOX")).isEqualTo(1);
            assertThat(count(BounceMailbox.PROCESSED)).isEqualTo(protocol.equals("imaps") ? 1 : 0);
        }

        @Test
        void aServerWhoseCertificateIsNotTrustedIsAClearErrorAndNothingIsRead() throws Exception {
            start("imaps", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));

            MailboxException e = catchThrowableOfType(MailboxException.class, () -> inst.app.bounces.poll());
            assertThat(e).hasMessageContaining("cannot read at imaps://127.0.0.1:")
                    .hasMessageContaining("the server's TLS certificate is not trusted: it is self-signed or from an authority");
            assertThat(status(anna)).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(count("INBOX")).isEqualTo(1);
        }
    }

    @Nested
    class SeenByTheOperator {
        @Test
        void bouncesPollPrintsWhatItReadAndExits0() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            deliver("out-of-office.eml", "anna@example.net", ref(anna));
            deliver("unrelated.eml", "anna@example.net", ref(anna));

            CommandRun run = CommandRun.withConfig(dir.resolve("rundbrief.yml"), "bounces", "poll");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("read 3: hard 1, soft 0, complaints 0, auto-replies 1, unrelated 1"
                    + System.lineSeparator());
            assertThat(status(anna)).isEqualTo(Subscriber.Status.BOUNCED);
        }

        @Test
        void bouncesPollExits1WithTheReasonWhenTheMailboxRefusesTheLogin() throws Exception {
            start("imap", "falsch");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));

            CommandRun run = CommandRun.withConfig(dir.resolve("rundbrief.yml"), "bounces", "poll");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("bounce mailbox: login as 'bounces' refused at imap://127.0.0.1:",
                    "check bounce.mailbox.username and password");
            assertThat(run.out()).isEmpty();
            assertThat(status(anna)).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(count("INBOX")).isEqualTo(1);
        }

        @Test
        void bouncesPollWithoutAMailboxIsAUsageError() throws Exception {
            inst = new Installation(dir, 25, "");
            inst.close();
            CommandRun run = CommandRun.withConfig(dir.resolve("rundbrief.yml"), "bounces", "poll");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("no bounce mailbox configured: set bounce.mailbox.protocol");
        }

        @Test
        void healthShowsTheMailboxDownAfterAFailedPollAndUpAfterTheNextGoodOne() throws Exception {
            start("imap", "");
            WebServer web = inst.app.webServer(List.of());
            web.start(0);
            try {
                inst.app.bounces.poll();
                assertThat(health(web).get("bounces").asText()).isEqualTo("up");

                bounces.setPassword("changed-by-the-hoster");
                assertThatThrownBy(() -> inst.app.bounces.poll()).isInstanceOf(MailboxException.class);
                JsonNode down = health(web);
                assertThat(down.get("status").asText()).isEqualTo("down");
                assertThat(down.get("bounces").asText()).startsWith("down: login as 'bounces' refused")
                        .endsWith("(the next poll tries again)");

                bounces.setPassword(PASSWORD);
                inst.app.bounces.poll();
                JsonNode up = health(web);
                assertThat(up.get("bounces").asText()).isEqualTo("up");
            } finally {
                web.close();
            }
        }

        @Test
        void theApiAndTheAdminPageShowAMembersBounceReportsWithTheRawReport() throws Exception {
            start("imap", "");
            Subscriber anna = inst.subscriber("anna@example.net", Cadence.DAILY);
            deliver("postfix-user-unknown.eml", "anna@example.net", ref(anna));
            inst.app.bounces.poll();
            WebServer web = inst.app.webServer(List.of());
            web.start(0);
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + web.port() + "/api/subscribers/" + anna.id()))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode member = new ObjectMapper().readTree(r.body());
                assertThat(member.get("status").asText()).isEqualTo("bounced");
                JsonNode report = member.get("bounces").get(0);
                assertThat(report.get("kind").asText()).isEqualTo("hard");
                assertThat(report.get("status").asText()).isEqualTo("5.1.1");
                assertThat(report.get("recipient").asText()).isEqualTo("anna@example.net");
                assertThat(report.get("diagnostic").asText()).isNotBlank();
                assertThat(report.get("receivedAt").asText()).isNotBlank();
                assertThat(report.get("raw").asText()).contains("Final-Recipient: rfc822; anna@example.net");

                String page = adminPage(web, "/admin/subscribers/" + anna.id());
                assertThat(page).contains("Zustellberichte", " · dauerhaft unzustellbar · 5.1.1 "
                        + "smtp; 550 5.1.1 &lt;anna@example.net&gt;: Recipient address rejected: User unknown",
                        "</summary><pre>", "Final-Recipient: rfc822; anna@example.net")
                        .doesNotContain("<anna@example.net>");
            } finally {
                web.close();
            }
        }

        /** An admin page as the bootstrap admin sees it after logging in with the admin token. */
        private String adminPage(WebServer web, String path) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + web.port();
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
                    .header("Cookie", cookie(form)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(csrf.group(1),
                            StandardCharsets.UTF_8) + "&email=&password=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).as(in.body()).isEqualTo(302);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie(in))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            return page.body();
        }

        private static String cookie(HttpResponse<String> r) {
            String set = r.headers().firstValue("Set-Cookie").orElseThrow();
            return set.substring(0, set.indexOf(';'));
        }

        private JsonNode health(WebServer web) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + web.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode state = new ObjectMapper().readTree(r.body());
            assertThat(r.statusCode()).isEqualTo(state.get("status").asText().equals("up") ? 200 : 503);
            return state;
        }
    }
}
