package org.rundbrief.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FreeMarker, set up once, at the first template: templates from a {@code templates/} folder next to the config (if it
 * exists) override those shipped in the jar. {@code *.html.ftl} auto-escapes HTML, {@code *.txt.ftl}
 * is plain text. Every template gets {@code msg} (messages_LANG.properties) for its language.
 */
public final class Templates {
    private final Path overrideDir;
    private final Map<String, Map<String, String>> messagesByLanguage = new java.util.concurrent.ConcurrentHashMap<>();
    /** Values every template sees, kept for the configuration made at the first template. */
    private final Map<String, Object> shared = new java.util.LinkedHashMap<>();
    /**
     * Made when the first template is asked for: a command that renders nothing (collect, a member
     * list) does not pay for FreeMarker's set-up, a fortieth of its start.
     */
    private volatile Configuration fm;

    public Templates(Path overrideDir) {
        this.overrideDir = overrideDir;
    }

    /** A value every template sees under {@code name} (the site's legal notices: {@code legal}). */
    public synchronized void share(String name, Object value) {
        shared.put(name, value);
        if (fm != null) {
            share(fm, name, value);
        }
    }

    private static void share(Configuration fm, String name, Object value) {
        try {
            fm.setSharedVariable(name, value);
        } catch (freemarker.template.TemplateModelException e) {
            throw new IllegalStateException("cannot share '" + name + "' with the templates", e);
        }
    }

    private Configuration fm() {
        Configuration made = fm;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (fm == null) {
                Configuration c = configuration(overrideDir);
                shared.forEach((name, value) -> share(c, name, value));
                fm = c;
            }
            return fm;
        }
    }

    private static Configuration configuration(Path overrideDir) {
        Configuration fm = new Configuration(Configuration.VERSION_2_3_34);
        fm.setDefaultEncoding("UTF-8");
        fm.setOutputEncoding("UTF-8");
        fm.setRecognizeStandardFileExtensions(true);
        fm.setRegisteredCustomOutputFormats(List.of());
        fm.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        fm.setLogTemplateExceptions(false);
        fm.setWrapUncheckedExceptions(true);
        fm.setFallbackOnNullLoopVariable(false);
        fm.setTemplateLoader(loader(overrideDir));
        var html = new freemarker.core.TemplateConfiguration();
        html.setOutputFormat(HTMLOutputFormat.INSTANCE);
        var text = new freemarker.core.TemplateConfiguration();
        text.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        fm.setTemplateConfigurations(new freemarker.cache.FirstMatchTemplateConfigurationFactory(
                new freemarker.cache.ConditionalTemplateConfigurationFactory(
                        new freemarker.cache.FileNameGlobMatcher("*.html.ftl"), html),
                new freemarker.cache.ConditionalTemplateConfigurationFactory(
                        new freemarker.cache.FileNameGlobMatcher("*.txt.ftl"), text))
                .allowNoMatch(true));
        return fm;
    }

    private static TemplateLoader loader(Path overrideDir) {
        List<TemplateLoader> loaders = new ArrayList<>();
        if (overrideDir != null && Files.isDirectory(overrideDir)) {
            try {
                loaders.add(new FileTemplateLoader(overrideDir.toFile()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read templates from " + overrideDir, e);
            }
        }
        loaders.add(new ClassTemplateLoader(Templates.class, "/templates"));
        return new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
    }

    /** The parsed template (FreeMarker caches it); fails with the file name and line on a syntax error. */
    public Template template(String name) {
        try {
            return fm().getTemplate(name);
        } catch (IOException e) {
            throw new TemplateProblem(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses every template in the override folder (a user's edits are where syntax errors come
     * from; the built-in ones are tested with the build); returns their names.
     */
    public List<String> parseOverrides() {
        if (overrideDir == null || !Files.isDirectory(overrideDir)) {
            return List.of();
        }
        try (var files = Files.walk(overrideDir)) {
            List<String> names = files.filter(f -> f.getFileName().toString().endsWith(".ftl"))
                    .map(f -> overrideDir.relativize(f).toString().replace('\\', '/')).sorted().toList();
            names.forEach(this::template);
            return names;
        } catch (IOException e) {
            throw new TemplateProblem("cannot read templates in " + overrideDir + ": " + e.getMessage(), e);
        }
    }

    /** Renders {@code name} with {@code model}; adds {@code msg} for {@code language}. */
    public String render(String name, Map<String, ?> model, String language) {
        StringWriter out = new StringWriter(4096);
        render(name, model, language, out);
        return out.toString();
    }

    public void render(String name, Map<String, ?> model, String language, Writer out) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("msg", messages(language));
        m.putIfAbsent("lang", language);
        try {
            template(name).process(m, out);
        } catch (TemplateException | IOException e) {
            throw new TemplateProblem(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Text escaped exactly as {@code ${...}} escapes it in an {@code *.html.ftl} template (FreeMarker's
     * HTML output format: {@code < > & " '}), for callers that put values into rendered HTML.
     */
    public static String escapeHtml(String text) {
        return HTMLOutputFormat.INSTANCE.escapePlainText(text);
    }

    /** A message (or its English original) with each placeholder {@code {name}} replaced by its value. */
    public static String fill(String message, Map<String, String> values) {
        String text = message;
        for (var v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }

    /** The messages of one language: the override folder's file first, then the jar's. */
    public Map<String, String> messages(String language) {
        return messagesByLanguage.computeIfAbsent(language, this::loadMessages);
    }

    private Map<String, String> loadMessages(String language) {
        Map<String, String> out = new HashMap<>();
        String file = "messages_" + language + ".properties";
        try (var in = Templates.class.getResourceAsStream("/templates/" + file)) {
            if (in != null) {
                putAll(out, in);
            }
        } catch (IOException e) {
            throw new TemplateProblem(file + ": " + e.getMessage(), e);
        }
        if (overrideDir != null && Files.exists(overrideDir.resolve(file))) {
            try (var in = Files.newInputStream(overrideDir.resolve(file))) {
                putAll(out, in);
            } catch (IOException e) {
                throw new TemplateProblem(file + ": " + e.getMessage(), e);
            }
        }
        return Map.copyOf(out);
    }

    private static void putAll(Map<String, String> out, java.io.InputStream in) throws IOException {
        var props = new java.util.Properties();
        props.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        props.forEach((k, v) -> out.put(k.toString(), v.toString()));
    }

    /** A template that cannot be read or rendered; the message names the template and the line. */
    public static class TemplateProblem extends RuntimeException {
        public TemplateProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
