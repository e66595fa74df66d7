package org.rundbrief.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One article file: YAML front matter between {@code ---} lines (title, author, published,
 * topics, summary, language, image) and a body in Markdown (CommonMark, {@code .md}) or HTML
 * ({@code .html}). Used by the directory source and by {@code articles add}.
 */
final class ArticleFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ArticleFile() {}

    static boolean isArticle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".html")
                || name.endsWith(".htm"));
    }

    /**
     * Reads {@code file} as an item with identity {@code guid}; times without an offset are in {@code zone}.
     * @throws CollectException naming the file and what is wrong with it
     */
    static CollectedItem read(Path file, String guid, ZoneId zone, String baseUri, long maxBytes) throws CollectException {
        String text;
        try {
            if (Files.size(file) > maxBytes) {
                throw new CollectException(file + ": larger than collect.maxBytes = " + maxBytes + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CollectException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CollectException(file + ": cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode meta = YAML.createObjectNode();
        String body = text;
        String normalized = text.replace("\r\n", "\n");
        if (normalized.startsWith("---\n")) {
            int end = normalized.indexOf("\n---", 4);
            if (end < 0) {
                throw new CollectException(file + ": front matter starts with --- but never ends");
            }
            meta = frontMatter(file, normalized.substring(4, end));
            int bodyStart = normalized.indexOf('\n', end + 4);
            body = bodyStart < 0 ? "" : normalized.substring(bodyStart + 1);
        }
        boolean markdown = !file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.html?");
        String html = markdown ? Markdown.toHtml(body) : body;
        return new CollectedItem(guid, null, string(meta, "title"), string(meta, "author"), string(meta, "summary"),
                html, string(meta, "image"), string(meta, "language"), topics(meta), published(file, meta, zone),
                baseUri);
    }

    private static JsonNode frontMatter(Path file, String yaml) throws CollectException {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new CollectException(file + ": front matter must be a mapping of keys (title: ..., published: ...)");
            }
            return node;
        } catch (IOException e) {
            throw new CollectException(file + ": front matter is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String string(JsonNode meta, String key) {
        JsonNode v = meta.get(key);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static List<String> topics(JsonNode meta) {
        List<String> out = new ArrayList<>();
        JsonNode v = meta.get("topics");
        if (v != null && v.isArray()) {
            v.forEach(t -> out.add(t.asText()));
        } else if (v != null && v.isTextual()) {
            for (String t : v.asText().split(",")) {
                out.add(t.trim());
            }
        }
        return out;
    }

    private static Instant published(Path file, JsonNode meta, ZoneId zone) throws CollectException {
        String value = string(meta, "published");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new CollectException(file + ": published '" + value
                            + "' is not a date like 2026-03-02 or 2026-03-02T18:30:00+01:00");
                }
            }
        }
    }
}
