package org.rundbrief.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietLoggingTest {
    @Test
    void warningsOfLibrariesAndOwnInfoGoToStderr() {
        LoggerContext context = new LoggerContext();
        QuietLogging logging = new QuietLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("org.rundbrief.edition.Resumer").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.quartz.core.QuartzScheduler").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.example.Other").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theProcessIsSetUpThroughTheServiceFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
    }
}
