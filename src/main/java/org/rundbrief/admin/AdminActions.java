package org.rundbrief.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.rundbrief.collect.CollectReport;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.Markdown;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.render.Recipients;
import org.rundbrief.schedule.Schedule;
import org.rundbrief.smtp.MailFailure;
import org.rundbrief.smtp.Postman;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;

/**
 * The edition, job and collect actions the API and the pages share, each one done and audited in
 * one place, so the two channels cannot drift apart. Posts ({@link ArticleActions}), members
 * ({@link MemberActions}) and accounts ({@link Accounts}) have their own.
 */
public final class AdminActions {
    /**
     * What can be done to an existing edition; {@code SEND} also resumes a paused one;
     * {@code APPROVE} releases an editor's draft for sending (with {@code admin.approval: true}).
     */
    public enum EditionAction { SEND, PAUSE, RESUME, CANCEL, APPROVE }

    /** Whether an editor's draft needs a publisher's approval, and where a test mail's links point. */
    public record Settings(boolean approval, String siteBase, String language) {}

    private final EditionDesk desk;
    private final Schedule schedule;
    private final Collector collector;
    private final AdminStore store;
    private final Postman postman;
    private final AuditLog audit;
    private final Clock clock;
    private final Settings settings;
    private final Supplier<Optional<Duration>> clockOffset;

    /**
     * {@code clockOffset}: how far the database's time is ahead of this machine's clock, when the
     * nodes work by the database's time and the two differ by a second or more (Database.clockOffset).
     */
    public AdminActions(EditionDesk desk, Schedule schedule, Collector collector, AdminStore store, Postman postman,
                        AuditLog audit, Clock clock, Settings settings, Supplier<Optional<Duration>> clockOffset) {
        this.desk = desk;
        this.schedule = schedule;
        this.collector = collector;
        this.store = store;
        this.postman = postman;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.clockOffset = clockOffset;
    }

    /** Whether editors' drafts wait for a publisher's approval ({@code admin.approval}). */
    public boolean approvalRequired() {
        return settings.approval();
    }

    /**
     * Plans and holds an edition; empty when nothing is new for anybody of that cadence. An
     * editor's draft waits for a publisher's approval when {@code admin.approval} is on.
     */
    public Optional<EditionDesk.View> createEdition(AuditLog.Actor who, Cadence cadence, String topic) {
        return createEdition(who, cadence, topic, null);
    }

    /** As above; with {@code includeRecent} a first issue (what was collected in that time goes to members who never got a digest). */
    public Optional<EditionDesk.View> createEdition(AuditLog.Actor who, Cadence cadence, String topic,
                                                    java.time.Duration includeRecent) {
        Optional<EditionDesk.View> created = desk.create(cadence, topic, includeRecent);
        created.ifPresent(v -> {
            boolean needs = settings.approval() && !who.identity().role().covers(Role.PUBLISHER);
            store.insertApproval(v.edition().id(), who.name(), needs);
            audit.record(who, "edition.create", "edition:" + v.edition().id(),
                    cadence.id() + (topic == null ? "" : " " + topic)
                            + (includeRecent == null ? "" : " include-recent " + includeRecent.toDays() + "d")
                            + (needs ? ", waits for approval" : ""));
        });
        return created;
    }

    /** Why creating an edition found nothing new, in one sentence. */
    public String whyNothingNew(Cadence cadence, String topic) {
        return desk.whyNothingNew(cadence, topic);
    }

    /** Who drafted the edition and who approved it; empty for editions planned by the scheduler or the CLI. */
    public Optional<Approval> approval(long id) {
        return store.approval(id);
    }

    /** Held editions that wait for a publisher's approval: id and who drafted it. */
    public Map<Long, String> waitingApproval() {
        return store.waitingApproval();
    }

    /**
     * Does {@code action} to the edition. {@code revision}: the texts' {@link Edition.Texts#revision}
     * the acting user saw (null: whatever is stored now); an approval or a send of texts changed
     * since is refused with {@link ChangedMeanwhile}: four eyes approve what they read, and a
     * publisher sends what they read (checked right before the send starts; texts cannot change once
     * it has).
     */
    public EditionDesk.View edition(AuditLog.Actor who, long id, EditionAction action, String revision) {
        if (action == EditionAction.APPROVE) {
            return approve(who, id, revision);
        }
        if ((action == EditionAction.SEND || action == EditionAction.RESUME) && revision != null
                && !revision.equals(desk.view(id).orElseThrow(() -> new EditionDesk.UnknownEdition(id)).edition().texts().revision())) {
            throw textsChanged(id);
        }
        if ((action == EditionAction.SEND || action == EditionAction.RESUME)
                && store.approval(id).filter(Approval::waiting).isPresent()) {
            throw new IllegalStateException("edition " + id + " waits for a publisher's approval before it can be sent");
        }
        EditionDesk.View view = switch (action) {
            case SEND, RESUME -> desk.send(id);
            case PAUSE -> desk.pause(id);
            case CANCEL -> desk.cancel(id);
            case APPROVE -> throw new AssertionError("handled above");
        };
        audit.record(who, "edition." + action.name().toLowerCase(Locale.ROOT), "edition:" + id, null);
        return view;
    }

    /**
     * The edition's own subject (blank: the template's) and introduction in Markdown (blank: none),
     * sanitized like article HTML. Only before it is sent; an approved draft needs a new approval.
     * {@code revision}: the texts' {@link Edition.Texts#revision} the edit was made on (null: whatever
     * is stored now); {@link ChangedMeanwhile} when somebody saved them since, and nothing is stored.
     */
    public EditionDesk.View editTexts(AuditLog.Actor who, long id, String subject, String introMarkdown, String revision) {
        String s = subject == null || subject.isBlank() ? null : subject.strip();
        if (s != null && (s.length() > 200 || s.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("subject: one line of at most 200 characters");
        }
        if (introMarkdown != null && introMarkdown.length() > 20_000) {
            throw new IllegalArgumentException("intro: at most 20,000 characters");
        }
        String intro = introMarkdown == null || introMarkdown.isBlank() ? null : introMarkdown.strip();
        String html = intro == null ? null : Markdown.cleanHtml(intro, settings.siteBase() + "/");
        Edition.Texts before = desk.view(id).orElseThrow(() -> new EditionDesk.UnknownEdition(id)).edition().texts();
        if (revision != null && !revision.equals(before.revision())) {
            throw textsChanged(id);
        }
        EditionDesk.View view = desk.setTexts(id, before, new Edition.Texts(s, html == null || html.isBlank() ? null : html, intro))
                .orElseThrow(() -> textsChanged(id));
        store.resetApproval(id);
        audit.record(who, "edition.texts", "edition:" + id, s);
        return view;
    }

    /** Somebody saved the edition's texts after the form was opened: who (when the log says), and the stored revision. */
    private ChangedMeanwhile textsChanged(long id) {
        Edition.Texts now = desk.view(id).orElseThrow(() -> new EditionDesk.UnknownEdition(id)).edition().texts();
        return new ChangedMeanwhile("edition " + id + " (its subject and introduction)", now.revision(),
                audit.latestOf("edition:" + id).filter(e -> e.action().equals("edition.texts")));
    }

    /** A publisher other than the one who drafted it releases an edition for sending, with the texts of {@code revision}. */
    private EditionDesk.View approve(AuditLog.Actor who, long id, String revision) {
        EditionDesk.View view = desk.view(id).orElseThrow(() -> new EditionDesk.UnknownEdition(id));
        Approval approval = store.approval(id).filter(Approval::waiting)
                .orElseThrow(() -> new IllegalStateException("edition " + id + " does not wait for an approval"));
        if (approval.draftedBy().equals(who.name())) {
            throw new Forbidden(who.name() + " drafted edition " + id + "; someone else must approve it");
        }
        Edition.Texts seen = view.edition().texts();
        if (revision != null && !revision.equals(seen.revision()) || !store.approve(id, who.name(), clock.instant(), seen)) {
            if (store.approval(id).filter(Approval::waiting).isEmpty()) {
                throw new IllegalStateException("edition " + id + " does not wait for an approval");
            }
            throw textsChanged(id);
        }
        audit.record(who, "edition.approve", "edition:" + id, "drafted by " + approval.draftedBy());
        return view;
    }

    /**
     * Sends the whole edition once to the acting user's own address, marked as a test in the
     * subject, with links that lead to the site instead of anyone's personal pages. Nobody else
     * gets anything, and the edition's queue is not touched. IllegalStateException when the mail
     * server refuses it.
     */
    public String testSend(AuditLog.Actor who, long id) {
        if (who.identity().userId() == null) {
            throw new IllegalStateException("a test mail goes to your own address: log in with your user account");
        }
        Edition edition = desk.view(id).orElseThrow(() -> new EditionDesk.UnknownEdition(id)).edition();
        EmailAddress to = EmailAddress.parse(who.name());
        Instant now = clock.instant();
        Subscriber reader = new Subscriber(-1, to, null, Subscriber.Status.CONFIRMED, edition.cadence(),
                settings.language(), List.of(), now, now, null, 0);
        OutgoingMail mail = desk.sample(id, reader, new SiteLinks(settings.siteBase()));
        try {
            postman.send(new OutgoingMail(to, mail.toName(), "[TEST] " + mail.subject(), mail.htmlPart(), mail.textPart(),
                    mail.unsubscribeUrl(), mail.unsubscribeMailto(), mail.webUrl()));
        } catch (MailFailure e) {
            throw new IllegalStateException("the test mail to " + to.value() + " could not be sent: " + e.getMessage(), e);
        }
        audit.record(who, "edition.test", "edition:" + id, to.value());
        return to.value();
    }

    /** The links of a test mail: the site's start page, never a member's token. */
    private record SiteLinks(String base) implements Recipients {
        @Override
        public List<Subscriber> active(java.util.Collection<Long> subscriberIds) {
            return List.of();
        }

        @Override
        public String unsubscribeUrl(Subscriber s) {
            return base + "/";
        }

        @Override
        public String unsubscribeMailto(Subscriber s) {
            return base + "/";
        }

        @Override
        public String preferencesUrl(Subscriber s) {
            return base + "/";
        }
    }

    /** The scheduled jobs with their last and next run. */
    public List<Schedule.JobInfo> jobs() {
        return schedule.jobs();
    }

    /** Whether this process runs the scheduler (otherwise no job has a next run here). */
    public boolean schedulerRunning() {
        return schedule.running();
    }

    /**
     * How far the database's time is ahead of this machine's clock (negative: this clock is ahead),
     * when that is a second or more: rundbrief sends by the database's time, but the schedule's
     * cluster reads each machine's own clock. Empty when they agree or the database is H2.
     */
    public Optional<Duration> clockOffset() {
        return clockOffset.get();
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
