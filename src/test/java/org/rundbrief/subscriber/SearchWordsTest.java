package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchWordsTest {
    @Test
    void aMemberHasThePiecesOfTheAddressAndTheWordsOfTheName() {
        assertThat(SearchWords.of("grete.koehler@gartenfreunde-süd.de", "Grete Köhler")).containsExactly(
                "grete", "koehler", "gartenfreunde", "süd", "de", "köhler");
    }

    @Test
    void wordsAreLowerCasedWithoutTheLocalesRulesAndKeepUmlautsAndSharpS() {
        assertThat(SearchWords.of("STRASSE@Example.org", "Jörg GROSS-Straße  d'Île")).containsExactly(
                "strasse", "example", "org", "jörg", "gross", "straße", "d", "île");
        // "I" lower-cased as anywhere (Locale.ROOT), not as the Turkish dotless ı
        assertThat(SearchWords.of("x@y.z", "IGOR")).contains("igor");
    }

    @Test
    void aMemberWithoutANameHasTheWordsOfTheAddress() {
        assertThat(SearchWords.of("anna@example.org", null))
                .containsExactly("anna", "example", "org");
    }

    @Test
    void longWordsAreCutToTheColumnsLength() {
        String local = "a".repeat(150);
        assertThat(SearchWords.of(local + "@example.org", null)).allSatisfy(w -> assertThat(w).hasSizeLessThanOrEqualTo(100))
                .contains("a".repeat(100));
        assertThat(SearchWords.ofTerm("b".repeat(120))).containsExactly("b".repeat(100));
    }

    @Test
    void aTermIsSplitAtSpacesAndTheSameSeparators() {
        assertThat(SearchWords.ofTerm("  Grete  KÖH ")).containsExactly("grete", "köh");
        assertThat(SearchWords.ofTerm("grete.koehler@gartenfreunde")).containsExactly("grete", "koehler", "gartenfreunde");
        assertThat(SearchWords.ofTerm("%_ ")).isEmpty();
        assertThat(SearchWords.ofTerm(null)).isEmpty();
    }

    @Test
    void whatComesAfterAPrefixBoundsTheWordsThatBeginWithIt() {
        assertThat(SearchWords.after("köh")).isEqualTo("köi");
        assertThat(SearchWords.after("z")).isEqualTo("{");
        assertThat("köhler").isGreaterThanOrEqualTo("köh").isLessThan(SearchWords.after("köh"));
        assertThat("köi").isGreaterThanOrEqualTo(SearchWords.after("köh"));
    }
}
