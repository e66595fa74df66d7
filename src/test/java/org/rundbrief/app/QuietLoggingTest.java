package org.rundbrief.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
    void thePostgresDriversConnectionWarningsDoNotReachStderr() {
        QuietLogging logging = new QuietLogging();
        LoggerContext context = new LoggerContext();
        logging.setContext(context);
        logging.configure(context);
        // what pgjdbc logged while PostgreSQL restarted under a send: a WARNING with a stack trace
        java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.postgresql.core.ConnectionFactory");
        assertThat(driver.isLoggable(java.util.logging.Level.WARNING)).isFalse();
        assertThat(driver.isLoggable(java.util.logging.Level.SEVERE)).isTrue();
        assertThat(java.util.logging.Logger.getLogger("org.postgresql.Driver").isLoggable(java.util.logging.Level.WARNING))
                .as("only the connection plumbing is quieted").isTrue();
    }

    @Test
    void theProcessIsSetUpThroughTheServiceFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void quartzSaysNothingOfALostDatabaseConnectionButEverythingElse() {
        LoggerContext context = new LoggerContext();
        QuietLogging logging = new QuietLogging();
        logging.setContext(context);
        logging.configure(context);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logged);
        var quartz = context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX");

        Exception lost = new RuntimeException("Failed to obtain DB connection from data source 'rundbrief-1'",
                new SQLTransientConnectionException("rundbrief-db - Connection is not available, request timed out"));
        quartz.error("ClusterManager: Error managing cluster: " + lost.getMessage(), lost);
        quartz.error("MisfireHandler: Error handling misfires: {}", lost.getMessage(), lost);
        Exception refused = new RuntimeException("Couldn't store job", new SQLException("duplicate key", "23505"));
        quartz.error("Couldn't store job: {}", refused.getMessage(), refused);
        context.getLogger("org.rundbrief.edition.Resumer").warn("database away", lost);

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Couldn't store job: Couldn't store job", "database away");
    }
}
