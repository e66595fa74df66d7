package org.rundbrief.article;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rundbrief.template.Templates;

/**
 * What collecting said about a source (a warning or the error), kept so that each reader gets it
 * in their language: {@code text} is the English sentence (the {@code collect} command, the API and
 * the log show it); {@code kind} names the message {@code admin.sources.note.<kind>} of the
 * messages files, whose placeholders {@code {name}} the {@code values} fill. {@code kind} is null
 * for a text stored before there were kinds: it is shown as it is.
 */
public record SourceNote(String kind, Map<String, String> values, String text) {
    public SourceNote {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A note of {@code kind} whose English text is {@code template} filled with the values;
     * {@code namesAndValues} alternates placeholder names and their values.
     */
    public static SourceNote of(String kind, String template, Object... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return new SourceNote(kind, values, Templates.fill(template, values));
    }

    /** A text without a kind: shown as it is in every language. */
    public static SourceNote plain(String text) {
        return new SourceNote(null, Map.of(), text);
    }

    /** The key of this note's text in messages_*.properties; null for a plain text. */
    public String messageKey() {
        return kind == null ? null : "admin.sources.note." + kind;
    }
}
