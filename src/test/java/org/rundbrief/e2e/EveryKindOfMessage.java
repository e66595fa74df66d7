package org.rundbrief.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Actor;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.Installation;

/**
 * Every kind of message rundbrief sends, as it arrived at a real SMTP server (GreenMail): digests
 * in German and English with one and with many articles, with and without images, and the
 * transactional mails (confirm, welcome, already subscribed, address change, the notice to the old
 * address, fresh link, goodbye) in both
 * languages. Keys name the kind, e.g. {@code digest-de-one-image}, {@code confirm-en}.
 */
public final class EveryKindOfMessage {
    private EveryKindOfMessage() {}

    private static final Actor FORM = new Actor(Origin.FORM, "192.0.2.7", "Mozilla/5.0 Test");

    /** Sends every kind through an installation in {@code dir} with {@code extraYaml}; the raw messages by kind. */
    public static Map<String, byte[]> send(Path dir, String extraYaml) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (Installation inst = new Installation(dir, smtp.getSmtp().getPort(), extraYaml)) {
            Map<String, String> kindByAddress = new LinkedHashMap<>();
            for (String lang : List.of("de", "en")) {
                member(inst, kindByAddress, "digest-" + lang + "-one-image", lang, Cadence.DAILY, "verein");
                member(inst, kindByAddress, "digest-" + lang + "-one", lang, Cadence.DAILY, "termine");
                member(inst, kindByAddress, "digest-" + lang + "-many-images", lang, Cadence.WEEKLY);
                member(inst, kindByAddress, "digest-" + lang + "-many", lang, Cadence.WEEKLY, "termine");
            }
            inst.tick();
            article(inst, "Sommerfest für Groß und Klein am Vereinsheim", "https://verein.example.org/bilder/sommerfest.jpg", "verein",
                    "Am Samstag feiern wir ab 15 Uhr das Sommerfest am Vereinsheim. Für Kaffee, Kuchen und Gegrilltes "
                            + "ist gesorgt; die Jugendabteilung baut eine Hüpfburg auf.");
            article(inst, "Neue Trainingszeiten ab Oktober", null, "termine",
                    "Ab dem 1. Oktober trainieren die Erwachsenen dienstags und donnerstags von 19 bis 21 Uhr. "
                            + "Die Kinder- und Jugendgruppen bleiben bei ihren gewohnten Zeiten.");
            send(inst, Cadence.DAILY);
            inst.tick();
            article(inst, "Mitgliederversammlung: Einladung und Tagesordnung", null, "termine",
                    "Die ordentliche Mitgliederversammlung findet am 14. November um 19:30 Uhr im Clubraum statt. "
                            + "Anträge bitte bis zum 31. Oktober schriftlich beim Vorstand einreichen.");
            article(inst, "Arbeitseinsatz: Wir streichen den Zaun", null, "termine",
                    "Viele Hände, schnelles Ende: Am 21. Oktober streichen wir ab 10 Uhr den Zaun am Sportplatz. "
                            + "Pinsel und Farbe stellt der Verein, für das Mittagessen sorgt der Festausschuss.");
            send(inst, Cadence.WEEKLY);

            for (String lang : List.of("de", "en")) {
                String address = "neu-" + lang + "@example.org";
                kindByAddress.put(address, "confirm-" + lang);
                inst.app.subscriberService.subscribe(person(inst, address, lang), FORM);
                inst.sendQueuedMail();
            }
            Map<String, byte[]> byKind = collect(smtp, kindByAddress);
            for (String lang : List.of("de", "en")) {
                String address = "neu-" + lang + "@example.org";
                Subscriber s = inst.app.subscribers.byEmail(EmailAddress.parse(address)).orElseThrow();
                inst.tick();
                inst.app.subscriberService.confirm(inst.app.tokens.confirmUrl(s).replaceAll(".*/", ""), FORM);
                inst.sendQueuedMail();
                byKind.put("welcome-" + lang, last(smtp, address));
                inst.app.subscriberService.subscribe(person(inst, address, lang), FORM);
                inst.sendQueuedMail();
                byKind.put("already-" + lang, last(smtp, address));
                String changed = "neu-" + lang + "-anders@example.org";
                inst.app.subscriberService.updatePreferences(inst.app.tokens.preferencesUrl(s).replaceAll(".*/", ""),
                        person(inst, changed, lang), FORM);
                inst.sendQueuedMail();
                byKind.put("address-change-" + lang, last(smtp, changed));
                inst.app.subscriberService.confirm(inst.app.tokens.changeEmailUrl(s, EmailAddress.parse(changed))
                        .replaceAll(".*/", ""), FORM);
                inst.sendQueuedMail();
                byKind.put("address-changed-" + lang, last(smtp, address));
                inst.app.subscriberService.sendFreshLinks(EmailAddress.parse(changed));
                inst.sendQueuedMail();
                byKind.put("link-" + lang, last(smtp, changed));
                Subscriber moved = inst.app.subscribers.byEmail(EmailAddress.parse(changed)).orElseThrow();
                inst.app.subscriberService.unsubscribe(inst.app.tokens.unsubscribeUrl(moved).replaceAll(".*/", ""), FORM, true);
                inst.sendQueuedMail();
                byKind.put("goodbye-" + lang, last(smtp, changed));
            }
            return byKind;
        } finally {
            smtp.stop();
        }
    }

    private static NewSubscriber person(Installation inst, String address, String lang) {
        return inst.app.subscriberChoices.subscriber(address, "Jörg Müller", lang, List.of(), "weekly");
    }

    private static void member(Installation inst, Map<String, String> kindByAddress, String kind, String lang,
                               Cadence cadence, String... topics) {
        String address = kind + "@example.org";
        inst.app.subscriberService.addConfirmed(new NewSubscriber(EmailAddress.parse(address), "Jörg Müller", cadence,
                lang, List.of(topics)), "test");
        kindByAddress.put(address, kind);
    }

    private static int articles;

    private static void article(Installation inst, String title, String image, String topic, String summary) {
        articles++;
        Instant published = inst.clock.instant().minus(Duration.ofHours(1));
        inst.app.articles.upsert("test", new ArticleDraft("kind-" + articles, title,
                "https://verein.example.org/" + articles, "Vorstand", summary, "<p>" + summary + "</p>", summary, image,
                "de", List.of(topic), published, "kind-" + articles + title));
    }

    private static void send(Installation inst, Cadence cadence) throws InterruptedException {
        long edition = inst.app.editions.plan(cadence, null).orElseThrow().id();
        inst.app.editions.send(edition, Duration.ZERO);
    }

    private static Map<String, byte[]> collect(GreenMail smtp, Map<String, String> kindByAddress) throws Exception {
        Map<String, byte[]> byKind = new LinkedHashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String to = ((InternetAddress) m.getAllRecipients()[0]).getAddress();
            byKind.put(kindByAddress.get(to), raw(m));
        }
        if (byKind.size() != kindByAddress.size() || byKind.containsKey(null)) {
            throw new AssertionError("expected one message per kind, got " + byKind.keySet());
        }
        return byKind;
    }

    private static byte[] last(GreenMail smtp, String address) throws Exception {
        MimeMessage found = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address)) {
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError("no message to " + address);
        }
        return raw(found);
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
