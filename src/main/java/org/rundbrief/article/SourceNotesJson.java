package org.rundbrief.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes of a source as stored in {@code source.last_error_note} and {@code last_warning_notes}
 * (V38_1): a JSON array of {@code {"kind": …, "values": {…}, "text": …}}, at most {@link #MAX}
 * characters (the columns' size), so later notes that do not fit are left out (the English text
 * of the old columns is cut the same way).
 */
final class SourceNotesJson {
    /** The size of the columns. */
    static final int MAX = 8000;
    /** Longer values (a page title, a library's message) are cut, so that several notes fit. */
    private static final int MAX_VALUE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceNotesJson() {}

    /** The notes as JSON, as many as fit; null for none. Plain notes (without a kind) are not stored. */
    static String write(List<SourceNote> notes) {
        ArrayNode array = JSON.createArrayNode();
        String fitting = null;
        for (SourceNote note : notes) {
            if (note.kind() == null) {
                continue;
            }
            ObjectNode o = array.addObject();
            o.put("kind", note.kind());
            ObjectNode values = o.putObject("values");
            note.values().forEach((name, value) -> values.put(name, cut(value)));
            o.put("text", cut(note.text()));
            String json = array.toString();
            if (json.length() > MAX) {
                break;
            }
            fitting = json;
        }
        return fitting;
    }

    /** The stored notes; {@code fallback} (the old column's text, may be null) when none are stored or they cannot be read. */
    static List<SourceNote> read(String json, String fallback) {
        List<SourceNote> notes = new ArrayList<>();
        if (json != null) {
            try {
                for (JsonNode o : JSON.readTree(json)) {
                    Map<String, String> values = new LinkedHashMap<>();
                    o.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
                    notes.add(new SourceNote(o.path("kind").asText(), values, o.path("text").asText()));
                }
                return notes;
            } catch (JsonProcessingException e) {
                notes.clear();
            }
        }
        if (fallback != null) {
            notes.add(SourceNote.plain(fallback));
        }
        return notes;
    }

    private static String cut(String value) {
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE - 1) + "…" : value;
    }
}
