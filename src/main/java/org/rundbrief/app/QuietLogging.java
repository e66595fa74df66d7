package org.rundbrief.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.rundbrief.config.ConfigLoader;

/**
 * Logback's set-up, in code rather than logback.xml: reading the XML cost a short command about
 * 400 classes of start-up. Quiet by default: commands print their own results; warnings and errors go
 * to stderr as {@code HH:mm:ss LEVEL Logger: message}. {@code RUNDBRIEF_LOG_LEVEL} sets rundbrief's
 * own level (default INFO); {@code -Dlogback.configurationFile=...} replaces all of this with the
 * operator's file. Found by logback through META-INF/services.
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {
    /**
     * The PostgreSQL driver logs through java.util.logging, which prints a WARNING with its stack
     * trace to stderr. When the database restarts under a running command, the driver's connect
     * attempts printed "Failed to closed stream with error" and its stack trace around the one line
     * in which rundbrief says what failed. Its connection plumbing says only SEVERE from now on; held
     * here, because java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger POSTGRES_CONNECTIONS = java.util.logging.Logger.getLogger("org.postgresql.core");

    /**
     * Libraries that say too much at INFO. Hikari's connection warnings go too: when the database
     * restarts, each pooled connection logged a stack trace ("marked as broken") and a wrong hint
     * ("consider using a shorter maxLifetime"); rundbrief says what failed itself.
     */
    private static final Map<String, Level> LIBRARIES = Map.of(
            "org.flywaydb", Level.WARN, "com.zaxxer.hikari", Level.WARN, "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
            "com.zaxxer.hikari.pool.PoolBase", Level.ERROR, "org.quartz", Level.WARN,
            "org.eclipse.jetty", Level.WARN, "io.javalin", Level.WARN, "com.icegreen.greenmail", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} %-5level %logger{0}: %msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        String own = System.getenv(ConfigLoader.LOG_LEVEL_ENV);
        context.getLogger("org.rundbrief").setLevel(own == null ? Level.INFO : Level.toLevel(own.toUpperCase(Locale.ROOT), Level.INFO));
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        POSTGRES_CONNECTIONS.setLevel(java.util.logging.Level.SEVERE);
        QuartzOutageFilter outage = new QuartzOutageFilter();
        outage.setContext(context);
        outage.start();
        context.addTurboFilter(outage);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
