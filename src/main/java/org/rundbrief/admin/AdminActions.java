package org.rundbrief.admin;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rundbrief.collect.CollectReport;
import org.rundbrief.collect.Collector;
import org.rundbrief.schedule.Schedule;
import org.rundbrief.subscriber.Cadence;

/**
 * The edition, job and collect actions the API and the pages share, each one done and audited in
 * one place, so the two channels cannot drift apart. Posts ({@link ArticleActions}), members
 * ({@link MemberActions}) and accounts ({@link Accounts}) have their own.
 */
public final class AdminActions {
    /** What can be done to an existing edition; {@code SEND} also resumes a paused one. */
    public enum EditionAction { SEND, PAUSE, RESUME, CANCEL }

    private final EditionDesk desk;
    private final Schedule schedule;
    private final Collector collector;
    private final AuditLog audit;

    public AdminActions(EditionDesk desk, Schedule schedule, Collector collector, AuditLog audit) {
        this.desk = desk;
        this.schedule = schedule;
        this.collector = collector;
        this.audit = audit;
    }

    /** Plans and holds an edition; empty when nothing is new for anybody of that cadence. */
    public Optional<EditionDesk.View> createEdition(AuditLog.Actor who, Cadence cadence, String topic) {
        Optional<EditionDesk.View> created = desk.create(cadence, topic);
        created.ifPresent(v -> audit.record(who, "edition.create", "edition:" + v.edition().id(),
                cadence.id() + (topic == null ? "" : " " + topic)));
        return created;
    }

    public EditionDesk.View edition(AuditLog.Actor who, long id, EditionAction action) {
        EditionDesk.View view = switch (action) {
            case SEND, RESUME -> desk.send(id);
            case PAUSE -> desk.pause(id);
            case CANCEL -> desk.cancel(id);
        };
        audit.record(who, "edition." + action.name().toLowerCase(java.util.Locale.ROOT), "edition:" + id, null);
        return view;
    }

    /** The scheduled jobs with their last and next run. */
    public List<Schedule.JobInfo> jobs() {
        return schedule.jobs();
    }

    /** Whether this process runs the scheduler (otherwise no job has a next run here). */
    public boolean schedulerRunning() {
        return schedule.running();
    }

    /** Triggers a scheduled job now; NoSuchElementException for an unknown name. */
    public void runJob(AuditLog.Actor who, String name) {
        if (!schedule.has(name)) {
            throw new NoSuchElementException("no job " + name);
        }
        schedule.triggerNow(name);
        audit.record(who, "job.run", "job:" + name, null);
    }

    public CollectReport collect(AuditLog.Actor who) {
        CollectReport report = collector.collectAll();
        audit.record(who, "collect", null, report.totalNew() + " new, " + report.failedSources() + " failed");
        return report;
    }
}
