package org.rundbrief.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.rundbrief.config.Config;
import org.rundbrief.subscriber.Cadence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with the cron expressions of {@code schedule.*}, evaluated in {@code site.timezone}, kept
 * in the application's own database (JDBC job store, tables from migration V7_1). Because triggers
 * live in the database, next-fire times survive restarts, and a run missed while the server was down
 * fires once when the scheduler starts again (cron misfire policy "fire and proceed"), not never and
 * not once per missed slot. On PostgreSQL several serve nodes share the schedule (clustered mode:
 * each firing is claimed by one node under a row lock).
 *
 * <p>The Quartz scheduler is built on {@link #start()}, so CLI commands that never start it pay
 * nothing. Quartz types stay inside this package; callers see {@link JobInfo}.
 */
public final class Schedule implements AutoCloseable {
    /** The same scheduler name on every node: clustered nodes share rows by it. */
    static final String NAME = "rundbrief";
    /** A run more than this late counts as missed and fires once at start-up ("fire and proceed"). */
    public static final long MISFIRE_THRESHOLD_MILLIS = 5_000;
    /** How often a started schedule checks that Quartz still runs. */
    static final Duration WATCH = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(Schedule.class);
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    /** One configured job as the admin sees it. Times are empty when unknown or not scheduled. */
    public record JobInfo(String name, String cron, Optional<Instant> previousFire, Optional<Instant> nextFire) {}

    private final Map<String, JobDetail> jobs = new LinkedHashMap<>();
    private final Map<String, String> crons = new LinkedHashMap<>();
    private final TimeZone zone;
    private final Tasks tasks;
    private final boolean immediateAfterCollect;
    private final DataSource dataSource;
    private final boolean postgres;
    private final long misfireThresholdMillis;
    private Scheduler scheduler;
    private boolean closed;
    /** Looks every {@link #WATCH} whether Quartz stopped by itself, and starts it again. */
    private ScheduledExecutorService watch;
    /** When the scheduler was last found stopped by itself (it was restarted then); null if never. */
    private Instant lastDeath;

    /**
     * @param misfireThresholdMillis how late a trigger may fire before it counts as missed; small,
     *                               so a run missed during a restart is recognised at once
     */
    public Schedule(Config.Schedule config, TimeZone zone, Tasks tasks, DataSource dataSource, boolean postgres,
                    long misfireThresholdMillis) {
        this.zone = zone;
        this.tasks = tasks;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.misfireThresholdMillis = misfireThresholdMillis;
        this.immediateAfterCollect = "after-collect".equals(config.immediate());
        define(JobBuilder.newJob(Jobs.CollectJob.class).withIdentity("collect").storeDurably().build(), config.collect());
        defineSend(Cadence.IMMEDIATE, config.immediate());
        defineSend(Cadence.DAILY, config.daily());
        defineSend(Cadence.WEEKLY, config.weekly());
    }

    private void defineSend(Cadence cadence, String cron) {
        JobDetail job = JobBuilder.newJob(Jobs.SendJob.class).withIdentity("send-" + cadence.id())
                .usingJobData(Jobs.CADENCE, cadence.id()).storeDurably().build();
        define(job, "off".equals(cron) || "after-collect".equals(cron) ? null : cron);
    }

    private void define(JobDetail job, String cron) {
        jobs.put(job.getKey().getName(), job);
        crons.put(job.getKey().getName(), cron);
    }

    /** Creates the Quartz scheduler on the database, brings its triggers in line with the config, starts it. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        if (SchedulerRepository.getInstance().lookup(NAME) != null) {
            // Quartz keeps one scheduler per name and JVM; a second one would silently share it.
            throw new IllegalStateException("a scheduler named " + NAME + " already runs in this process");
        }
        String dataSourceName = "rundbrief-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new SharedConnections(dataSource));
        try {
            scheduler = new StdSchedulerFactory(properties(dataSourceName)).getScheduler();
            scheduler.getContext().put(Jobs.TASKS, tasks);
            scheduler.getContext().put(Jobs.IMMEDIATE_AFTER_COLLECT, immediateAfterCollect);
            for (JobDetail job : jobs.values()) {
                reconcile(job, crons.get(job.getKey().getName()));
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
        if (watch == null) {
            watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scheduler-watch");
                t.setDaemon(true);
                return t;
            });
            watch.scheduleWithFixedDelay(this::restartIfStopped, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * What is wrong with a started scheduler, for {@code /health}: null while it runs (or was never
     * started, or was closed on purpose).
     */
    public synchronized String problem() {
        if (scheduler == null || closed) {
            return null;
        }
        try {
            return scheduler.isShutdown() ? "the scheduler has stopped; it is restarted within " + WATCH.toSeconds() + " s" : null;
        } catch (SchedulerException | RuntimeException e) {
            return "the scheduler cannot be asked: " + e.getMessage();
        }
    }

    /** When the scheduler was last found stopped by itself and restarted. */
    public synchronized Optional<Instant> lastRestart() {
        return Optional.ofNullable(lastDeath);
    }

    /**
     * Starts Quartz again when it stopped without being closed (it shuts itself down on some
     * errors, e.g. at start-up on a busy clustered database): a node never serves on without a
     * scheduler. True when it had to.
     */
    synchronized boolean restartIfStopped() {
        if (problem() == null) {
            return false;
        }
        log.error("the Quartz scheduler has stopped by itself; starting it again");
        lastDeath = Instant.now();
        SchedulerRepository.getInstance().remove(NAME);
        scheduler = null;
        try {
            start();
        } catch (RuntimeException e) {
            log.error("the scheduler could not be started again; next try in {} s", WATCH.toSeconds(), e);
        }
        return true;
    }

    private Properties properties(String dataSourceName) {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "3");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.put("org.quartz.jobStore.dataSource", dataSourceName);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThresholdMillis));
        p.put("org.quartz.jobStore.isClustered", Boolean.toString(postgres));
        // With @DisallowConcurrentExecution jobs and several nodes, acquire under the row lock (Quartz docs).
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /**
     * Keeps a stored trigger whose cron is unchanged (its next-fire time, possibly missed, is the
     * point of the JDBC store); replaces it when the config changed; removes it when switched off.
     * Two clustered nodes may start at once: the one that finds its new trigger already stored by
     * the other treats it as a stored one.
     */
    private void reconcile(JobDetail job, String cron) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(job.getKey().getName());
        Trigger stored = scheduler.getTrigger(key);
        if (cron == null) {
            if (scheduler.checkExists(job.getKey())) {
                scheduler.deleteJob(job.getKey());
            }
            return;
        }
        Trigger wanted = TriggerBuilder.newTrigger().withIdentity(key).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (stored == null) {
            scheduler.addJob(job, true);
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException raced) {
                // another node starting at the same moment stored it first: keep or correct theirs
                reconcile(job, cron);
            }
        } else if (!(stored instanceof CronTrigger c) || !c.getCronExpression().equals(cron)
                || !c.getTimeZone().getID().equals(zone.getID())) {
            scheduler.addJob(job, true);
            scheduler.rescheduleJob(key, wanted);
        }
    }

    /** The configured jobs with their previous and next fire times (empty times before {@link #start()}). */
    public synchronized List<JobInfo> jobs() {
        List<JobInfo> out = new ArrayList<>();
        for (String name : jobs.keySet()) {
            Trigger t = null;
            try {
                t = scheduler == null ? null : scheduler.getTrigger(TriggerKey.triggerKey(name));
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot read the schedule: " + e.getMessage(), e);
            }
            out.add(new JobInfo(name, crons.get(name) == null ? "off" : crons.get(name),
                    instant(t == null ? null : t.getPreviousFireTime()), instant(t == null ? null : t.getNextFireTime())));
        }
        return out;
    }

    private static Optional<Instant> instant(Date d) {
        return Optional.ofNullable(d).map(Date::toInstant);
    }

    /** Whether a job of that name is configured (e.g. {@code collect}, {@code send-daily}). */
    public boolean has(String name) {
        return jobs.containsKey(name);
    }

    /**
     * Runs a job now, outside its cron (admin "trigger now"); the same no-overlap rule applies, so
     * a trigger while the job runs waits for it. Throws IllegalStateException when not started.
     */
    public synchronized void triggerNow(String name) {
        if (!jobs.containsKey(name)) {
            throw new IllegalArgumentException("no job named " + name);
        }
        if (scheduler == null) {
            throw new IllegalStateException("the scheduler is not running");
        }
        restartIfStopped();
        try {
            JobKey key = JobKey.jobKey(name);
            if (!scheduler.checkExists(key)) {
                scheduler.addJob(jobs.get(name), true);
            }
            scheduler.triggerJob(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot trigger " + name + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean running() {
        return scheduler != null && !closed;
    }

    /** Waits for running jobs, so a send in progress checkpoints its current batch. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watch != null) {
            watch.shutdownNow();
        }
        if (scheduler != null) {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                throw new IllegalStateException("scheduler did not stop cleanly", e);
            }
        }
    }
}
