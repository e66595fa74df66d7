package org.rundbrief.article;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs from titles: German transliteration (ä→ae, ß→ss), other accents dropped, dashes. */
final class Slugs {
    static final int MAX_LENGTH = 80;

    private Slugs() {}

    static String of(String title) {
        String s = title.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("ẞ", "ss");
        // NFD splits "ś" into "s" + combining accent; the accent then falls out with the non-ASCII rest.
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replace('ł', 'l').replace('ø', 'o').replace("æ", "ae").replace("œ", "oe");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "artikel" : s;
    }
}
