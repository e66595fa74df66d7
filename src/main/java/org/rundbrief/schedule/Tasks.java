package org.rundbrief.schedule;

import org.rundbrief.subscriber.Cadence;

/** The work the scheduler triggers; implemented in the composition root over the real services. */
public interface Tasks {
    /** Collects all sources once; returns whether any new article arrived. */
    boolean collect() throws Exception;

    /** Sends the due edition of a cadence. */
    void send(Cadence cadence) throws Exception;

    /** Small upkeep run with every collect: e.g. purging subscriptions never confirmed in time. */
    void housekeeping() throws Exception;
}
