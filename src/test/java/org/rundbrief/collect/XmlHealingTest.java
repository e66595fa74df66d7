package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlHealingTest {
    private static boolean needed(String xml, Charset charset) {
        return XmlHealing.needed(xml.getBytes(charset), 0, charset);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<rss><title>Kaffee &amp; Kuchen &lt;b&gt; &quot;x&quot; &apos;</title></rss>",
        "<rss><title>&#8211; &#x2013; &#xA0;</title></rss>",
        "<?xml version=\"1.0\"?><rss><![CDATA[<p>a &amp; b</p>]]></rss>",
        "<rss>trailing ampersand reference &amp;</rss>"})
    void aFeedWithOnlyXmlsOwnReferencesIsParsedAsItIs(String xml) {
        assertThat(needed(xml, StandardCharsets.UTF_8)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<rss><title>Gr&uuml;&szlig;e&nbsp;</title></rss>",
        "<rss><title>Kaffee & Kuchen</title></rss>",
        "<rss><![CDATA[a & b]]></rss>",
        "<rss><title>&#;</title></rss>",
        "<rss><title>&#x;</title></rss>",
        "<rss><title>&#12</title></rss>",
        "<rss>&",
        " <rss/>",
        "\n<?xml version=\"1.0\"?><rss/>",
        "<!-- generated --><?xml version=\"1.0\"?><rss/>",
        ""})
    void anythingTheHealerWouldChangeGoesThroughIt(String xml) {
        assertThat(needed(xml, StandardCharsets.UTF_8)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "Shift_JIS"})
    void multiByteCharsetsOtherThanUtf8AreAlwaysHealed(String charset) {
        assertThat(needed("<rss><title>a &amp; b</title></rss>", Charset.forName(charset))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows-1252", "ISO-8859-15", "UTF-8"})
    void singleByteCharsetsAndUtf8AreChecked(String charset) {
        assertThat(needed("<rss><title>Gr\u00fc\u00dfe &amp; mehr</title></rss>", Charset.forName(charset))).isFalse();
    }
}
