package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.article.ArticleDraft;

class ContentCleanerTest {
    @TempDir
    Path dir;
    TestWorld world;
    ContentCleaner cleaner;

    @BeforeEach
    void open() {
        world = TestWorld.create(dir, "");
        cleaner = new ContentCleaner(world.config, world.clock);
    }

    @AfterEach
    void close() {
        world.close();
    }

    static CollectedItem item(String title, String summary, String content) {
        return new CollectedItem("g", null, title, null, summary, content, null, null, List.of(), null, "https://verein.example.org/news/");
    }

    @Nested
    class Summary {
        @Test
        void upstreamSummaryWinsAndIsPlainText() {
            ArticleDraft d = cleaner.clean(item("T", "<b>Kurz</b> &amp; gut", "<p>Lang</p>"), List.of(), null);
            assertThat(d.summary()).isEqualTo("Kurz & gut");
        }

        @Test
        void otherwiseTheFirstParagraph() {
            ArticleDraft d = cleaner.clean(item("T", null, "<h2>Kopf</h2><p>Erster Absatz.</p><p>Zweiter.</p>"), List.of(), null);
            assertThat(d.summary()).isEqualTo("Erster Absatz.");
        }

        @Test
        void longTextIsCutAtAWordBoundaryWithAnEllipsis() {
            String words = "Wort ".repeat(100) + "Ende";
            ArticleDraft d = cleaner.clean(item("T", null, "<p>" + words + "</p>"), List.of(), null);
            assertThat(d.summary()).hasSizeLessThanOrEqualTo(ContentCleaner.SUMMARY_LENGTH).endsWith("Wort…");
            assertThat(ContentCleaner.cut("eins zwei drei vier", 12)).isEqualTo("eins zwei…");
        }

        @Test
        void cuttingNeverSplitsAnEmoji() {
            String text = "x".repeat(9) + "😀" + "y".repeat(20);
            assertThat(ContentCleaner.cut(text, 11)).isEqualTo("x".repeat(9) + "…");
        }
    }

    @Nested
    class PlainTextVersion {
        @Test
        void keepsParagraphsListsAndLinkTargets() {
            ArticleDraft d = cleaner.clean(item("T", null,
                    "<p>Hallo <a href=\"/termine\">Termine</a></p><ul><li>eins</li><li>zwei</li></ul><p>Zeile<br>zwei</p>"),
                    List.of(), null);
            assertThat(d.contentText()).isEqualTo(
                    "Hallo Termine (https://verein.example.org/termine)\n\n- eins\n- zwei\n\nZeile\nzwei");
        }
    }

    @Nested
    class TopicsAndLanguage {
        @Test
        void categoriesMapToConfiguredTopicsByIdOrLabelInAnyCase() {
            CollectedItem i = new CollectedItem("g", null, "T", null, null, "<p>x</p>", null, null,
                    List.of("VEREIN", "Termine", "Club life", "Fußball", "Veranstaltungen"), null, "");
            assertThat(cleaner.clean(i, List.of("termine"), null).topics())
                    .containsExactly("termine", "verein", "veranstaltungen");
        }

        @Test
        void languageComesFromTheSourceThenTheItemThenTheSite() {
            CollectedItem english = new CollectedItem("g", null, "T", null, null, "<p>x</p>", null, "en-GB", List.of(), null, "");
            assertThat(cleaner.clean(english, List.of(), null).language()).isEqualTo("en");
            assertThat(cleaner.clean(english, List.of(), "de").language()).isEqualTo("de");
            assertThat(cleaner.clean(item("T", null, "<p>x</p>"), List.of(), null).language()).isEqualTo("de");
        }
    }

    @Nested
    class Identity {
        @Test
        void guidElseLinkElseContentHash() {
            CollectedItem linked = new CollectedItem(" ", "https://a.example/x", "T", null, null, "<p>x</p>", null, null,
                    List.of(), null, "");
            assertThat(cleaner.clean(linked, List.of(), null).guid()).isEqualTo("https://a.example/x");
            CollectedItem bare = new CollectedItem(null, null, "T", null, null, "<p>x</p>", null, null, List.of(), null, "");
            assertThat(cleaner.clean(bare, List.of(), null).guid()).startsWith("sha256:").hasSize(71);
        }

        @Test
        void theContentHashChangesWithWhatReadersSeeOnly() {
            ArticleDraft a = cleaner.clean(item("T", null, "<p>x</p>"), List.of(), null);
            ArticleDraft same = cleaner.clean(item("T", null, "<p>x</p><script>track()</script>"), List.of(), null);
            ArticleDraft edited = cleaner.clean(item("T", null, "<p>y</p>"), List.of(), null);
            assertThat(same.contentHash()).isEqualTo(a.contentHash());
            assertThat(edited.contentHash()).isNotEqualTo(a.contentHash());
        }
    }

    @Test
    void anItemWithoutTitleTakesItsFirstWordsAndOneWithoutAnyTextIsRejected() {
        assertThat(cleaner.clean(item(null, null, "<p>Nur ein Text ohne Titel</p>"), List.of(), null).title())
                .isEqualTo("Nur ein Text ohne Titel");
        assertThatThrownBy(() -> cleaner.clean(item("  ", null, "<script>x</script>"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a title nor any text");
    }

    @Test
    void datesBefore1990OrFarInTheFutureAreTreatedAsMissing() {
        CollectedItem old = new CollectedItem("g", null, "T", null, null, "<p>x</p>", null, null, List.of(),
                Instant.parse("1970-01-01T00:00:00Z"), "");
        assertThat(cleaner.clean(old, List.of(), null).publishedAt()).isNull();
    }
}
