import jakarta.mail.Session;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.rundbrief.article.Article;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.mail.MessageBuilder;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.render.DigestRenderer;
import org.rundbrief.render.DigestShapes;
import org.rundbrief.edition.Edition;
import org.rundbrief.render.Recipients;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.template.Templates;

/**
 * CPU per message of rendering a digest and building its MIME message (and writing it out, as the
 * SMTP transport does), no database and no network: the bench/send articles and members, one
 * thread, a warm JVM. Prints the thread CPU time per message of each round and the median.
 *   java -cp target/rundbrief.jar bench/send/RenderBench.java [full|shaped] [N=20000] [ROUNDS=5]
 */
public class RenderBench {
    public static void main(String[] args) throws Exception {
        // as Mailer does in the application: no ServiceLoader scan per encoder
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        String mode = args.length > 0 ? args[0] : "full";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("renderbench");
        Path yml = dir.resolve("rundbrief.yml");
        Files.writeString(yml, "site: { title: \"Benchmark-Verein e.V.\", baseUrl: \"https://news.example.org\" }\n");
        Config config = ConfigLoader.load(yml, true, Map.of());
        Templates templates = new Templates(dir.resolve("templates"));
        DigestRenderer renderer = new DigestRenderer(templates, config);
        MessageBuilder builder = new MessageBuilder(Session.getInstance(new Properties()), config);
        Instant now = Instant.now();
        List<Article> articles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String body = ("Absatz: Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. Für Kaffee, "
                    + "Brötchen und Würstchen ist gesorgt – bitte bringt Handschuhe mit. Größere Geräte stellt der Verein.\n\n").repeat(3);
            articles.add(new Article(i, "dir", "a" + i, "beitrag-" + i,
                    "Beitrag " + i + ": Sommerfest, Mitgliederversammlung und „Neuigkeiten“ – Teil " + i,
                    null, "Jörg Müller", "Eine Zusammenfassung mit Umlauten (äöü ß), Anführungszeichen „so“ und "
                    + "Gedankenstrichen – damit die Nachricht realistisch groß wird und Quoted-Printable arbeiten muss.",
                    "<p>" + body + "</p>", body, null, "de", List.of("verein"), now, now, now));
        }
        Edition edition = new Edition(1, Cadence.DAILY, null, Edition.Status.SENDING, now, now, null);
        Recipients links = new Recipients() {
            @Override
            public List<Subscriber> active(java.util.Collection<Long> ids) {
                return List.of();
            }

            @Override
            public String unsubscribeUrl(Subscriber s) {
                return "https://news.example.org/unsubscribe/AQAAAAAAAA" + Long.toString(s.id(), 36) + "xYz_-1";
            }

            @Override
            public String unsubscribeMailto(Subscriber s) {
                return "mailto:news@example.org?subject=unsubscribe&body=" + unsubscribeUrl(s).replace(":", "%3A").replace("/", "%2F");
            }

            @Override
            public String preferencesUrl(Subscriber s) {
                return "https://news.example.org/preferences/AQAAAAAAAA" + Long.toString(s.id(), 36) + "aBc_-2";
            }
        };
        Render render = switch (mode) {
            case "full" -> s -> renderer.render(edition, s, articles, links);
            case "shaped" -> {
                DigestShapes shapes = new DigestShapes(renderer);
                yield s -> shapes.render(edition, s, articles, links);
            }
            default -> throw new IllegalArgumentException("mode: full or shaped");
        };
        OutputStream nowhere = OutputStream.nullOutputStream();
        var cpu = ManagementFactory.getThreadMXBean();
        double[] perMessage = new double[rounds];
        long id = 0;
        for (int round = -1; round < rounds; round++) { // round -1 warms up
            long start = cpu.getCurrentThreadCpuTime();
            long rendering = 0;
            for (int i = 0; i < n; i++) {
                id++;
                Subscriber s = new Subscriber(id, EmailAddress.parse("m" + id + "@example.org"), "Mitglied Nr. " + id + " Müller",
                        Subscriber.Status.CONFIRMED, Cadence.DAILY, "de", List.of(), now, now, now);
                long t0 = cpu.getCurrentThreadCpuTime();
                OutgoingMail mail = render.mail(s);
                rendering += cpu.getCurrentThreadCpuTime() - t0;
                builder.build(mail).writeTo(nowhere);
            }
            long used = cpu.getCurrentThreadCpuTime() - start;
            if (round >= 0) {
                perMessage[round] = used / 1000.0 / n;
                System.out.printf("%s round %d: %d messages, %.1f µs CPU per message (render %.1f, MIME build and write %.1f)%n",
                        mode, round + 1, n, perMessage[round], rendering / 1000.0 / n, (used - rendering) / 1000.0 / n);
            }
        }
        Arrays.sort(perMessage);
        System.out.printf("%s median: %.1f µs CPU per message (%.0f msg/s per core)%n", mode, perMessage[rounds / 2],
                1e6 / perMessage[rounds / 2]);
    }

    interface Render {
        OutgoingMail mail(Subscriber s) throws Exception;
    }
}
