package org.rundbrief.subscriber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words the member search finds a member by (table {@code subscriber_word}), and the words of a
 * search term. A member's words, lower-cased: the pieces of the address and the words of the name,
 * split at characters that are neither letters nor digits; "Grete Köhler"
 * &lt;grete.koehler@gartenfreunde-süd.de&gt; has grete, koehler, gartenfreunde, süd, de and köhler.
 * A member matches a term when each word of the term begins one of their words. A term is split at
 * the same characters, so "grete.koehler@garten" finds her too without the whole address, its local
 * part or its domain as words of their own (they would add rows to every import, not matches); a
 * term that is a whole address is looked up by the address's own unique index.
 */
public final class SearchWords {
    /**
     * The setting that holds the highest member id up to which every member's words are written
     * ({@link SearchWordsCatchUp}); members above it have none yet and are searched on their rows.
     */
    public static final String MARK = "search-words-until";
    /** The length of {@code subscriber_word.word}; longer words are cut to it. */
    public static final int MAX_LENGTH = 100;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {}

    /** The distinct words of a member with address {@code email} and {@code name} (may be null). */
    public static Set<String> of(String email, String name) {
        Set<String> words = new LinkedHashSet<>();
        split(words, lower(email));
        split(words, lower(name));
        return words;
    }

    /** The words of a search term (none for a blank one), each cut to {@link #MAX_LENGTH}. */
    public static List<String> ofTerm(String term) {
        Set<String> words = new LinkedHashSet<>();
        split(words, lower(term));
        return new ArrayList<>(words);
    }

    /**
     * Whether the member with address {@code email} and {@code name} (may be null) has, for each of
     * the term's {@code words} ({@link #ofTerm}), a word beginning with it.
     */
    public static boolean match(String email, String name, List<String> words) {
        Set<String> own = of(email, name);
        return words.stream().allMatch(w -> own.stream().anyMatch(o -> o.startsWith(w)));
    }

    /**
     * The rows {word, member id} of {@code subscriber_word} for the members given as {id, email,
     * name}, sorted by word and id, the table's key: written in this order, rows that follow one
     * another go to the same pages of the key's index instead of one page here and one there.
     */
    public static List<Object[]> rows(List<Object[]> members) {
        List<Object[]> rows = new ArrayList<>(members.size() * 6);
        for (Object[] m : members) {
            of((String) m[1], (String) m[2]).forEach(w -> rows.add(new Object[] {w, m[0]}));
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (Long) r[1]));
        return rows;
    }

    /**
     * The first string after every string that begins with {@code prefix} (a word of {@link #ofTerm}):
     * its last character raised by one. Words beginning with {@code prefix} are those {@code >= prefix}
     * and {@code <} this, in H2's order of strings and in PostgreSQL's "C" collation of the column.
     */
    public static String after(String prefix) {
        int last = prefix.offsetByCodePoints(prefix.length(), -1);
        return prefix.substring(0, last) + Character.toString(prefix.codePointAt(last) + 1);
    }

    private static void split(Set<String> words, String text) {
        for (String piece : SEPARATORS.split(text)) {
            add(words, piece);
        }
    }

    private static void add(Set<String> words, String word) {
        if (!word.isEmpty()) {
            words.add(cut(word));
        }
    }

    private static String cut(String word) {
        if (word.length() <= MAX_LENGTH) {
            return word;
        }
        int end = Character.isHighSurrogate(word.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return word.substring(0, end);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
