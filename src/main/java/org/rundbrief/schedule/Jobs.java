package org.rundbrief.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.rundbrief.store.StoreException;
import org.rundbrief.subscriber.Cadence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz job adapters. Quartz builds jobs with a no-arg constructor, so they only look up the
 * {@link Tasks} in the scheduler context and call it. {@code @DisallowConcurrentExecution}: the
 * same job never runs twice at once.
 */
final class Jobs {
    static final String TASKS = "rundbrief.tasks";
    static final String IMMEDIATE_AFTER_COLLECT = "rundbrief.immediateAfterCollect";
    static final String CADENCE = "cadence";
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private Jobs() {}

    static Tasks tasks(JobExecutionContext ctx) throws JobExecutionException {
        try {
            return (Tasks) ctx.getScheduler().getContext().get(TASKS);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }

    @DisallowConcurrentExecution
    public static final class CollectJob implements Job {
        @Override
        public void execute(JobExecutionContext ctx) throws JobExecutionException {
            try {
                boolean foundNew = tasks(ctx).collect();
                boolean immediateAfter = Boolean.TRUE.equals(ctx.getScheduler().getContext().get(IMMEDIATE_AFTER_COLLECT));
                if (foundNew && immediateAfter) {
                    tasks(ctx).send(Cadence.IMMEDIATE);
                }
                tasks(ctx).housekeeping();
            } catch (Exception e) {
                throw failed("collect", e);
            }
        }
    }

    @DisallowConcurrentExecution
    public static final class SendJob implements Job {
        @Override
        public void execute(JobExecutionContext ctx) throws JobExecutionException {
            Cadence cadence = Cadence.parse(ctx.getMergedJobDataMap().getString(CADENCE));
            try {
                tasks(ctx).send(cadence);
            } catch (Exception e) {
                throw failed(cadence.id() + " send", e);
            }
        }
    }

    /**
     * Logs a scheduled run's failure: one line when the database is away (each run during an outage
     * would otherwise log a stack trace, and the next run tries again anyway), an error with its
     * stack trace for anything else.
     */
    private static JobExecutionException failed(String what, Exception e) {
        if (StoreException.connectionLost(e)) {
            log.warn("scheduled {} not done: the database is away ({}); the next run tries again", what, e.getMessage());
        } else {
            log.error("scheduled {} failed", what, e);
        }
        return new JobExecutionException(e);
    }
}
