package org.rundbrief.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.rundbrief.store.StoreException;
import org.slf4j.Marker;

/**
 * Drops Quartz's log events whose cause is a lost database connection. While PostgreSQL is away,
 * Quartz's cluster manager, misfire handler and scheduler thread each logged an ERROR with a
 * stack trace of some 40 lines at every try (with the other tasks' traces, a 30-second outage
 * logged 95 lines). rundbrief's own background tasks say once that the database is away and once
 * that it is back, and {@code /health} says so the whole time; Quartz's other errors still show.
 */
final class QuartzOutageFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.quartz")) {
            return FilterReply.NEUTRAL;
        }
        Throwable cause = t;
        if (cause == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            cause = last; // SLF4J's convention: a throwable as the last argument is the event's
        }
        return cause != null && StoreException.connectionLost(cause) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
