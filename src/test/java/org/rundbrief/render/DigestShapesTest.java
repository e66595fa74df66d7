package org.rundbrief.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rundbrief.mail.TextWrapper;
import org.rundbrief.article.Article;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.template.Templates;

/** A digest filled into its shape is byte for byte the digest rendered in full, whatever the name and template. */
public class DigestShapesTest {
    public static final String LONG_NAME = "Maximiliane Theodora Wilhelmine von und zu Oberschleißheim-Überlingen"; // 70 chars
    static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    static final Edition EDITION = new Edition(7, Cadence.DAILY, null, Edition.Status.SENDING, NOW, NOW, NOW, null);
    /** Personal links as tricky as a link can get: ampersands and quotes must be escaped in HTML. */
    static final Recipients LINKS = new Recipients() {
        @Override
        public List<Subscriber> active(Collection<Long> ids) {
            return List.of();
        }

        @Override
        public String unsubscribeUrl(Subscriber s) {
            return "https://news.example.org/unsubscribe/" + s.id() + "?a=1&b='2'";
        }

        @Override
        public String unsubscribeMailto(Subscriber s) {
            return "mailto:news@example.org?subject=unsubscribe&body=" + s.id();
        }

        @Override
        public String preferencesUrl(Subscriber s) {
            return "https://news.example.org/preferences/" + s.id() + "?x=\"y\"";
        }
    };

    @TempDir
    Path dir;
    DigestRenderer renderer;
    List<Article> articles;
    int ids;

    @BeforeEach
    void setUp() throws IOException {
        use(new Templates(dir.resolve("templates")));
        articles = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            articles.add(new Article(i, "dir", "g" + i, "beitrag-" + i, "Beitrag " + i + ": „Sommerfest“ & <Grillen> – Teil " + i,
                    null, "Jörg Müller", "Ein Satz mit Umlauten (äöü ß) und einer Länge, die den Textumbruch bei 72 Spalten "
                    + "sicher auslöst, damit er geprüft wird.", "<p>x</p>", "x", null, "de", List.of("verein"), NOW, NOW, NOW, false, false, null, false, null));
        }
    }

    private void use(Templates templates) throws IOException {
        Path yml = dir.resolve("rundbrief.yml");
        Files.writeString(yml, "site: { title: \"Verein „Sonnenhang“ & Co.\", baseUrl: \"https://news.example.org\" }\n");
        Config config = ConfigLoader.load(yml, true, Map.of());
        renderer = new DigestRenderer(templates, config);
    }

    private Subscriber subscriber(String name, String language) {
        ids++;
        return new Subscriber(ids, EmailAddress.parse("m" + ids + "@example.org"), name, Subscriber.Status.CONFIRMED,
                Cadence.DAILY, language, List.of(), NOW, NOW, NOW, 0);
    }

    private DigestShapes shapes() {
        return new DigestShapes(renderer);
    }

    /** Sends {@code names} through one shape after three ordinary names (its checked first messages). */
    private void assertFilledEqualsFull(DigestShapes shapes, String language, String... names) {
        for (String warmUp : List.of("Anna", "Bernd", "Clara")) {
            shapes.render(EDITION, subscriber(warmUp, language), articles, LINKS);
        }
        for (String name : names) {
            Subscriber s = subscriber(name, language);
            OutgoingMail filled = shapes.render(EDITION, s, articles, LINKS);
            OutgoingMail full = renderer.render(EDITION, s, articles, LINKS);
            assertThat(filled.subject()).isEqualTo(full.subject());
            assertThat(filled.html()).isEqualTo(full.html());
            assertThat(filled.text()).isEqualTo(full.text());
            assertThat(filled).isEqualTo(full);
        }
    }

    @Nested
    class WithTheShippedTemplates {
        @ParameterizedTest
        @ValueSource(strings = {"de", "en"})
        void trickyNamesAreFilledInExactlyAsAFullRenderEscapesAndWrapsThem(String language) {
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, language, "A<b>c & \"d\" 'e'", "Jörg „Jo“ Müller – ß", LONG_NAME,
                    LONG_NAME + " " + LONG_NAME, " Anna mit Leerzeichen ", "&amp; schon escaped", "Zeile\nUmbruch");
            assertThat(shapes.fullRenders()).as("only the checked first messages are rendered in full")
                    .isEqualTo(DigestShapes.CHECK_FIRST);
        }

        @Test
        void theLongNameIsWrappedInTheTextPartAfterItWasFilledIn() {
            Subscriber s = subscriber(LONG_NAME, "de");
            String text = shapes().render(EDITION, s, articles, LINKS).text();
            assertThat(text).contains("Hallo Maximiliane Theodora Wilhelmine von und zu\nOberschleißheim-Überlingen,");
            assertThat(text.lines()).allMatch(l -> l.length() <= TextWrapper.WIDTH || !l.contains(" "));
        }

        @Test
        void noNameOrAnEmptyNameGetsTheShapeWithoutAGreeting() {
            DigestShapes shapes = shapes();
            for (String name : new String[] {null, "", null, "", null}) {
                Subscriber s = subscriber(name, "de");
                OutgoingMail filled = shapes.render(EDITION, s, articles, LINKS);
                assertThat(filled).isEqualTo(renderer.render(EDITION, s, articles, LINKS));
                assertThat(filled.text()).doesNotContain("Hallo");
            }
        }

        @Test
        void eachRecipientGetsTheirOwnLinksEscapedInHtmlAndRawInText() {
            DigestShapes shapes = shapes();
            for (int i = 0; i < 10; i++) {
                Subscriber s = subscriber("Mitglied " + i, i % 2 == 0 ? "de" : "en");
                OutgoingMail mail = shapes.render(EDITION, s, articles, LINKS);
                assertThat(mail.html()).contains("href=\"https://news.example.org/unsubscribe/" + s.id() + "?a=1&amp;b=&#39;2&#39;\"",
                        "href=\"https://news.example.org/preferences/" + s.id() + "?x=&quot;y&quot;\"");
                assertThat(mail.text()).contains(LINKS.unsubscribeUrl(s), LINKS.preferencesUrl(s));
                assertThat(mail.unsubscribeUrl()).isEqualTo(LINKS.unsubscribeUrl(s));
            }
            assertThat(shapes.fullRenders()).as("two shapes, three checks each").isEqualTo(2 * DigestShapes.CHECK_FIRST);
        }

        @Test
        void aLinkThatChangesWithTheClockKeepsTheShapeAndEachMessageHasOneLink() {
            // a preferences link carries its expiry, counted from the moment it is issued: a later
            // second gives another link, as it does between two calls in a real send
            AtomicInteger second = new AtomicInteger();
            Recipients ticking = new Recipients() {
                @Override
                public List<Subscriber> active(Collection<Long> ids) {
                    return List.of();
                }

                @Override
                public String unsubscribeUrl(Subscriber s) {
                    return LINKS.unsubscribeUrl(s);
                }

                @Override
                public String unsubscribeMailto(Subscriber s) {
                    return LINKS.unsubscribeMailto(s);
                }

                @Override
                public String preferencesUrl(Subscriber s) {
                    return "https://news.example.org/preferences/" + s.id() + "-expires-" + second.incrementAndGet();
                }
            };
            DigestShapes shapes = shapes();
            for (String name : List.of("Anna", "Bernd", "Clara", "Dora", "Emil")) {
                OutgoingMail mail = shapes.render(EDITION, subscriber(name, "de"), articles, ticking);
                assertThat(mail.text()).containsOnlyOnce("-expires-");
            }
            assertThat(shapes.fullRenders()).as("only the checks of the first messages are full renders").isEqualTo(3);
        }

        @Test
        void anotherArticleSetIsAnotherShape() {
            DigestShapes shapes = shapes();
            OutgoingMail all = shapes.render(EDITION, subscriber("Anna", "de"), articles, LINKS);
            Subscriber s = subscriber("Bernd", "de");
            OutgoingMail one = shapes.render(EDITION, s, articles.subList(0, 1), LINKS);
            assertThat(one).isEqualTo(renderer.render(EDITION, s, articles.subList(0, 1), LINKS));
            assertThat(one.subject()).isNotEqualTo(all.subject());
        }

        @Test
        void shapesAreBoundedWhateverTheNumberOfArticleSets() {
            DigestShapes shapes = shapes();
            for (int i = 0; i < DigestShapes.SHAPES * 3; i++) {
                List<Article> set = List.of(articles.get(i % 3), articles.get((i / 3) % 3));
                Subscriber s = subscriber("Mitglied " + i, "de");
                assertThat(shapes.render(new Edition(i, Cadence.DAILY, null, Edition.Status.SENDING, NOW, NOW, NOW, null), s, set, LINKS))
                        .isEqualTo(renderer.render(new Edition(i, Cadence.DAILY, null, Edition.Status.SENDING, NOW, NOW, NOW, null), s, set, LINKS));
            }
            assertThat(shapes.size()).isEqualTo(DigestShapes.SHAPES);
        }
    }

    @Nested
    class WithUserTemplates {
        private void override(String template, String from, String to) throws IOException {
            String shipped;
            try (InputStream in = Templates.class.getResourceAsStream("/templates/email/" + template)) {
                shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(shipped).contains(from);
            Files.createDirectories(dir.resolve("templates/email"));
            Files.writeString(dir.resolve("templates/email/" + template), shipped.replace(from, to));
            use(new Templates(dir.resolve("templates")));
        }

        @Test
        void aTemplateThatUpperCasesTheNameFallsBackToFullRenderingAndIsStillRight() throws IOException {
            override("digest.html.ftl", "?replace(\"{name}\", recipient)", "?replace(\"{name}\", recipient?upper_case)");
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, "de", "Jörg <Jo> Müller", "anna");
            assertThat(renderer.render(EDITION, subscriber("anna", "de"), articles, LINKS).html()).contains("Hallo ANNA,");
            assertThat(shapes.fullRenders()).as("every message in full").isEqualTo(5);
        }

        @Test
        void aTemplateThatLowerCasesALinkFallsBack() throws IOException {
            override("digest.txt.ftl", "${unsubscribeUrl}", "${unsubscribeUrl?lower_case}");
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, "en", "Anna");
            assertThat(shapes.fullRenders()).isEqualTo(4);
        }

        @Test
        void aConditionOnTheNamesLengthFallsBack() throws IOException {
            override("digest.txt.ftl", "${site.title}", "${site.title}<#if (recipient?length > 12)> (long)</#if>");
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, "de", "Bo", LONG_NAME);
            assertThat(shapes.fullRenders()).isEqualTo(5);
        }

        @Test
        void aNameTheTemplateLeavesUnescapedIsFilledInUnescaped() throws IOException {
            override("digest.html.ftl", "${msg[\"digest.greeting\"]?replace(\"{name}\", recipient)}",
                    "${(msg[\"digest.greeting\"]?replace(\"{name}\", recipient))?no_esc} (${recipient})");
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, "de", "A<b>c & \"d\"");
            assertThat(shapes.render(EDITION, subscriber("<i>x</i>", "de"), articles, LINKS).html())
                    .contains("Hallo <i>x</i>, (&lt;i&gt;x&lt;/i&gt;)");
            assertThat(shapes.fullRenders()).as("spliced, not a fall-back").isEqualTo(DigestShapes.CHECK_FIRST);
        }

        @Test
        void aConditionOnTheNamesValueIsCaughtByTheCheckOfTheFirstMessages() throws IOException {
            override("digest.txt.ftl", "${site.title}", "${site.title}<#if recipient == \"Anna\"> (Vorstand)</#if>");
            DigestShapes shapes = shapes();
            assertFilledEqualsFull(shapes, "de", "Bernd");
            assertThat(shapes.fullRenders()).as("the first message differed; the rest in full").isEqualTo(4);
        }
    }
}
