package org.rundbrief.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the configuration: built-in {@code defaults.yml}, then the user's file (if any), then
 * {@code RUNDBRIEF_*} environment variables ({@code smtp.ratePerSecond} is
 * {@code RUNDBRIEF_SMTP_RATEPERSECOND} or {@code RUNDBRIEF_SMTP_RATE_PER_SECOND}).
 * Every problem is reported as a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "RUNDBRIEF_";
    /** rundbrief's own log level (e.g. DEBUG), read by the logging set-up: not a config key. */
    public static final String LOG_LEVEL_ENV = "RUNDBRIEF_LOG_LEVEL";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {}

    /** Loads {@code file} if it exists (a missing default file means built-in defaults). */
    public static Config load(Path file, boolean fileMustExist, Map<String, String> env) {
        ObjectNode tree = defaults();
        String origin = "built-in defaults";
        if (file != null && Files.exists(file)) {
            origin = file.toString();
            merge(tree, readFile(file), "");
        } else if (fileMustExist) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        applyEnvironment(tree, env);
        Config config = bind(tree, origin);
        ConfigValidator.validate(config, origin);
        return config;
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/defaults.yml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("defaults.yml missing from the jar", e);
        }
    }

    private static JsonNode readFile(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a YAML mapping of keys at the top level");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(file + (loc != null ? ", line " + loc.getLineNr() : "")
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Deep merge; objects merge key by key, everything else (lists too) replaces. */
    private static void merge(ObjectNode target, JsonNode overlay, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) {
                throw new ConfigException("unknown key '" + key + "'" + suggestion(target));
            }
            if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue(), key);
            } else if (existing.isObject() && !e.getValue().isNull()) {
                throw new ConfigException("key '" + key + "' must be a mapping of keys, not '" + e.getValue().asText() + "'");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String suggestion(ObjectNode siblings) {
        List<String> names = new ArrayList<>();
        siblings.fieldNames().forEachRemaining(names::add);
        return " (known keys here: " + String.join(", ", names) + ")";
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        Map<String, String> known = new java.util.HashMap<>();
        collectLeaves(tree, "", known);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX) || e.getKey().equals(LOG_LEVEL_ENV)) {
                continue;
            }
            String path = known.get(e.getKey());
            if (path == null) {
                throw new ConfigException("environment variable " + e.getKey() + " matches no config key"
                        + " (e.g. RUNDBRIEF_SMTP_PORT for smtp.port)");
            }
            setLeaf(tree, path, e.getValue(), e.getKey());
        }
    }

    private static void collectLeaves(JsonNode node, String path, Map<String, String> envToPath) {
        node.fields().forEachRemaining(e -> {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                collectLeaves(e.getValue(), key, envToPath);
            } else if (!e.getValue().isArray()) {
                envToPath.put(ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT), key);
                envToPath.put(ENV_PREFIX + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT), key);
            }
        });
    }

    private static void setLeaf(ObjectNode tree, String path, String value, String envName) {
        String[] parts = path.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        JsonNode current = parent.get(leaf);
        try {
            if (current.isNumber()) {
                // The record type decides between int and double; a fraction for an int fails at binding.
                String v = value.trim();
                if (v.matches("[+-]?\\d+")) {
                    parent.put(leaf, Long.parseLong(v));
                } else {
                    parent.put(leaf, Double.parseDouble(v));
                }
            } else if (current.isBoolean()) {
                if (!value.trim().matches("(?i)true|false")) {
                    throw new NumberFormatException();
                }
                parent.put(leaf, Boolean.parseBoolean(value.trim()));
            } else {
                parent.put(leaf, value);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("key '" + path + "' (from " + envName + "): '" + value
                    + "' is not a " + (current.isBoolean() ? "boolean (true/false)" : "number"));
        }
    }

    private static Config bind(ObjectNode tree, String origin) {
        JsonNode topics = tree.get("topics");
        if (topics != null && topics.isArray()) {
            tree.set("topics", normalizeTopics((ArrayNode) topics, origin));
        }
        try {
            return YAML.treeToValue(tree, Config.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin + ": unknown key '" + path(e) + "' (known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(origin + ": bad value for key '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {id: verein, de: "Vereinsleben", en: "Club life"}} becomes a {@link Config.Topic}. */
    private static ArrayNode normalizeTopics(ArrayNode topics, String origin) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < topics.size(); i++) {
            JsonNode t = topics.get(i);
            if (!t.isObject() || !t.hasNonNull("id")) {
                throw new ConfigException(origin + ": key 'topics[" + i + "].id' is required");
            }
            ObjectNode labels = JsonNodeFactory.instance.objectNode();
            t.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("id")) {
                    labels.put(e.getKey(), e.getValue().asText());
                }
            });
            ObjectNode topic = JsonNodeFactory.instance.objectNode();
            topic.set("id", t.get("id"));
            topic.set("labels", labels);
            out.add(topic);
        }
        return out;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
