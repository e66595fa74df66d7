package org.rundbrief.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapperTest {
    private static final String URL = "https://news.example.org/unsubscribe/AQAAAAAAAAACAAAAAAAAAABEOYa8WuCBvzqLirn4YKpWE7VVw9e0iD6WBu";

    @Test
    void shortLinesEmptyLinesAndTheLastNewlineStayAsTheyAre() {
        assertThat(TextWrapper.wrap("Hallo Jörg,\n\nbis Samstag!\n")).isEqualTo("Hallo Jörg,\n\nbis Samstag!\n");
        assertThat(TextWrapper.wrap("")).isEmpty();
    }

    @Test
    void longLinesBreakOnSpacesAtSeventyTwoColumns() {
        String paragraph = "Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. Für Kaffee, "
                + "Brötchen und Würstchen ist gesorgt – bitte bringt Handschuhe mit.";
        String wrapped = TextWrapper.wrap(paragraph);
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72)).hasSize(3);
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(paragraph);
    }

    @Test
    void aWordLongerThanTheLineStaysWholeOnALineOfItsOwn() {
        assertThat(TextWrapper.wrap("Abmelden: " + URL + " danke")).isEqualTo("Abmelden:\n" + URL + "\ndanke");
    }

    @Test
    void wrappedLinesKeepTheIndentationAndRunsOfSpacesAndTrailingSpacesGo() {
        String wrapped = TextWrapper.wrap("    " + "wort   ".repeat(20) + "   ");
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l).startsWith("    wort wort").doesNotEndWith(" "));
        assertThat(wrapped.lines().mapToInt(l -> l.strip().split(" ").length).sum()).isEqualTo(20);
    }

    @Test
    void theSignatureSeparatorKeepsItsSpace() {
        assertThat(TextWrapper.wrap("Grüße\n-- \nVerein e.V.  \n")).isEqualTo("Grüße\n-- \nVerein e.V.\n");
    }
}
