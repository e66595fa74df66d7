package org.rundbrief.subscriber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rundbrief.config.Config;
import org.rundbrief.mail.EmailAddress;

/**
 * What a subscriber may choose (topics from the config, cadences, the languages we have messages
 * for) and the checks every input path shares: the form, the CSV import, the CLI and the
 * preferences page all build a {@link NewSubscriber} here, so one rule holds everywhere.
 * Empty values take defaults: the site language, the weekly cadence, all topics.
 */
public final class Choices {
    public static final List<String> LANGUAGES = List.of("de", "en");
    public static final Cadence DEFAULT_CADENCE = Cadence.WEEKLY;
    static final int MAX_NAME = 200;

    private final Config config;

    public Choices(Config config) {
        this.config = config;
    }

    public List<Config.Topic> topics() {
        return config.topics();
    }

    public String defaultLanguage() {
        return LANGUAGES.contains(config.site().language()) ? config.site().language() : "en";
    }

    /** Checks all fields; throws {@link InvalidInput} naming every bad one. */
    public NewSubscriber subscriber(String email, String name, String language, List<String> topics, String cadence) {
        List<InvalidInput.Problem> problems = new ArrayList<>();
        EmailAddress address = field(problems, "email", email, () -> EmailAddress.parse(email));
        String cleanName = field(problems, "name", name, () -> name(name));
        String lang = field(problems, "language", language, () -> language(language));
        List<String> chosen = field(problems, "topics", null, () -> topics(topics));
        Cadence c = field(problems, "cadence", cadence, () -> cadence(cadence));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new NewSubscriber(address, cleanName, c, lang, chosen);
    }

    /** Trimmed, at most 200 characters, no control characters (CR/LF would break mail headers). */
    public static String name(String raw) {
        String v = text("name", raw);
        if (v != null && v.length() > MAX_NAME) {
            throw new InvalidValue("tooLong", v, "name is longer than " + MAX_NAME + " characters");
        }
        return v;
    }

    public String language(String raw) {
        String v = text("language", raw);
        if (v == null) {
            return defaultLanguage();
        }
        v = v.toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(v)) {
            throw new InvalidValue("unknown", v, "unknown language '" + v + "' (expected " + String.join(", ", LANGUAGES) + ")");
        }
        return v;
    }

    public Cadence cadence(String raw) {
        String v = text("cadence", raw);
        return v == null ? DEFAULT_CADENCE : Cadence.parse(v);
    }

    /** Known topic ids, without duplicates, in the order given; empty means all topics. */
    public List<String> topics(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : raw == null ? List.<String>of() : raw) {
            String v = text("topics", t);
            if (v == null) {
                continue;
            }
            if (!config.hasTopic(v)) {
                throw new InvalidValue("unknown", v, "unknown topic '" + v + "' (expected one of "
                        + String.join(", ", config.topics().stream().map(Config.Topic::id).toList()) + ")");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    /** Stripped text or null when empty; any control character (CR, LF, TAB, NUL ...) is refused. */
    public static String text(String field, String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || ch == 0x2028 || ch == 0x2029)) {
            throw new InvalidValue("control", "", field + " contains a line break or control character");
        }
        String v = raw.strip();
        return v.isEmpty() ? null : v;
    }

    /** The checked value, or null after adding the problem with its kind and the values its text names. */
    private <T> T field(List<InvalidInput.Problem> problems, String field, String raw, Supplier<T> check) {
        try {
            return check.get();
        } catch (EmailAddress.Invalid e) {
            problems.add(new InvalidInput.Problem(field, e.getMessage(), e.kind(),
                    Map.of("value", raw == null ? "" : raw.strip())));
        } catch (InvalidValue e) {
            problems.add(new InvalidInput.Problem(field, e.getMessage(), e.kind(), Map.of("value", e.value(),
                    "max", Integer.toString(MAX_NAME),
                    "expected", String.join(", ", config.topics().stream().map(Config.Topic::id).toList()))));
        }
        return null;
    }
}
