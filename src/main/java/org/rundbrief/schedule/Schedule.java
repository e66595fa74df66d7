package org.rundbrief.schedule;

import java.util.Properties;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.rundbrief.config.Config;
import org.rundbrief.subscriber.Cadence;

/**
 * Quartz with the cron expressions of {@code schedule.*}, evaluated in {@code site.timezone}.
 * A missed run (server down at fire time) fires once when the scheduler starts again
 * (misfire policy "fire and proceed").
 */
public final class Schedule implements AutoCloseable {
    private final Scheduler scheduler;

    public Schedule(Config config, Tasks tasks) {
        try {
            Properties p = new Properties();
            p.put("org.quartz.scheduler.instanceName", "rundbrief");
            p.put("org.quartz.threadPool.threadCount", "3");
            p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            p.put("org.quartz.scheduler.skipUpdateCheck", "true");
            scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.getContext().put(Jobs.TASKS, tasks);
            scheduler.getContext().put(Jobs.IMMEDIATE_AFTER_COLLECT, "after-collect".equals(config.schedule().immediate()));
            TimeZone zone = TimeZone.getTimeZone(config.site().zone());
            add(JobBuilder.newJob(Jobs.CollectJob.class).withIdentity("collect").build(), config.schedule().collect(), zone);
            addSend(Cadence.IMMEDIATE, config.schedule().immediate(), zone);
            addSend(Cadence.DAILY, config.schedule().daily(), zone);
            addSend(Cadence.WEEKLY, config.schedule().weekly(), zone);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
        }
    }

    private void addSend(Cadence cadence, String cron, TimeZone zone) throws SchedulerException {
        if ("off".equals(cron) || "after-collect".equals(cron)) {
            return;
        }
        add(JobBuilder.newJob(Jobs.SendJob.class).withIdentity("send-" + cadence.id())
                .usingJobData(Jobs.CADENCE, cadence.id()).build(), cron, zone);
    }

    private void add(JobDetail job, String cron, TimeZone zone) throws SchedulerException {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(job.getKey().getName())
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, trigger);
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Waits for running jobs, so a send in progress checkpoints its current batch. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("scheduler did not stop cleanly", e);
        }
    }
}
