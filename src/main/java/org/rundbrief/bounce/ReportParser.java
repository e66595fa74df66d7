package org.rundbrief.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a message in the bounce mailbox says ({@link BounceReport}). In this order:
 * <ol>
 * <li>an RFC 3464 delivery status notification (multipart/report with message/delivery-status:
 *     Final-Recipient, Action, Status, Diagnostic-Code), as postfix, Gmail, Exchange/Outlook and
 *     most servers send;</li>
 * <li>an RFC 5965 feedback report (multipart/report with message/feedback-report), a complaint,
 *     with or without the original message;</li>
 * <li>a bounce in plain words from a mailer daemon (Exim at GMX/Web.de and T-Online, qmail's
 *     "failure notice", Exchange's "Undeliverable"): the address from the text, the SMTP reply and
 *     status code in it, and known phrases ("user unknown", "Postfach voll", ...);</li>
 * <li>an automatic reply (RFC 3834 Auto-Submitted, X-Autoreply, "Out of Office",
 *     "Abwesenheitsnotiz"): ignored.</li>
 * </ol>
 * Only the first {@value #MAX_PART} bytes of any part are read: a report that carries a 10 MB
 * original costs no more than a small one (over IMAP the rest is never fetched).
 */
final class ReportParser {
    static final int MAX_PART = 64 * 1024;
    private static final int MAX_PARTS = 20;
    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern REPLY = Pattern.compile("\\b([45])\\d\\d[ -]");
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer-daemon|postmaster|mail delivery (subsystem|system)");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|returned mail|failure notice|"
            + "delivery (status notification|failure|has failed)|mail delivery failed|unzustellbar|nicht zugestellt|"
            + "zustellung fehlgeschlagen|non remis|rejected");
    private static final Pattern HARD_WORDS = Pattern.compile("(?i)user unknown|unknown user|no such (user|mailbox|recipient)|"
            + "does not exist|doesn't exist|mailbox unavailable|recipient not found|address rejected|invalid recipient|"
            + "no mailbox here|account (has been )?disabled|mailbox (is )?disabled|unbekannt|existiert nicht|"
            + "gibt es nicht|nicht vorhanden|ungültige empfänger|recipientnotfound");
    private static final Pattern SOFT_WORDS = Pattern.compile("(?i)mailbox (is )?full|over quota|quota exceeded|"
            + "postfach (ist )?voll|speicherplatz|insufficient storage|try again later|temporar");
    private static final Pattern AUTO_SUBJECT = Pattern.compile("(?i)out of (the )?office|automatic reply|auto[- ]?reply|"
            + "autoreply|abwesenheit|automatische antwort|urlaub|vacation|away from");

    /** What {@link #parse} looks at first, fetched for a whole batch at once (IMAP: one FETCH, not one per message). */
    static jakarta.mail.FetchProfile fetchProfile() {
        jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
        profile.add(jakarta.mail.FetchProfile.Item.ENVELOPE);
        profile.add(jakarta.mail.FetchProfile.Item.CONTENT_INFO);
        for (String header : new String[] {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "From",
            "Return-Path", "Subject", "Content-Type", "Auto-Submitted", "X-Autoreply", "X-Autorespond", "Precedence"}) {
            profile.add(header);
        }
        return profile;
    }

    BounceReport parse(Message msg) throws MessagingException, IOException {
        List<String> returnPaths = new ArrayList<>(headers(msg, "Delivered-To", "X-Original-To", "Envelope-To",
                "X-Envelope-To", "To"));
        if (msg.isMimeType("multipart/report")) {
            String reportType = param(msg.getContentType(), "report-type");
            Multipart parts = multipart(msg);
            if (parts != null && "delivery-status".equalsIgnoreCase(reportType)) {
                return deliveryStatus(parts, returnPaths);
            }
            if (parts != null && "feedback-report".equalsIgnoreCase(reportType)) {
                return feedback(parts, returnPaths);
            }
        }
        String subject = msg.getSubject() == null ? "" : msg.getSubject();
        String from = String.join(" ", headers(msg, "From"));
        String returnPath = String.join(" ", headers(msg, "Return-Path")).strip();
        boolean fromDaemon = DAEMON.matcher(from).find() || "<>".equals(returnPath);
        if (fromDaemon && (BOUNCE_SUBJECT.matcher(subject).find() || "<>".equals(returnPath))) {
            return plainBounce(msg, returnPaths);
        }
        String autoSubmitted = String.join(" ", headers(msg, "Auto-Submitted")).strip().toLowerCase(Locale.ROOT);
        if (autoSubmitted.startsWith("auto-") || !headers(msg, "X-Autoreply").isEmpty()
                || !headers(msg, "X-Autorespond").isEmpty()
                || String.join(" ", headers(msg, "Precedence")).toLowerCase(Locale.ROOT).contains("auto_reply")
                || AUTO_SUBJECT.matcher(subject).find()) {
            return new BounceReport(BounceReport.Type.AUTO_REPLY, null, null, null, returnPaths);
        }
        return BounceReport.unrelated();
    }

    /** RFC 3464: the first recipient's fields (a report from us names one recipient per message). */
    private BounceReport deliveryStatus(Multipart parts, List<String> returnPaths) throws MessagingException, IOException {
        Map<String, String> fields = null;
        for (int i = 0; i < Math.min(parts.getCount(), MAX_PARTS); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                fields = recipientFields(read(part));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                    || part.isMimeType("message/rfc822-headers")) {
                returnPaths.addAll(originalReturnPath(part));
            }
        }
        if (fields == null || fields.get("final-recipient") == null && fields.get("original-recipient") == null) {
            return BounceReport.unrelated(); // a report without its report: nothing to go by
        }
        String recipient = address(fields.getOrDefault("final-recipient", fields.get("original-recipient")));
        String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT);
        String status = Optional.ofNullable(fields.get("status")).map(s -> {
            Matcher m = STATUS.matcher(s);
            return m.find() ? m.group() : null;
        }).orElse(null);
        String diagnostic = fields.get("diagnostic-code");
        if (!action.startsWith("failed")) { // delayed, delivered, relayed, expanded: nothing went wrong for good
            return new BounceReport(BounceReport.Type.AUTO_REPLY, recipient, status, diagnostic, returnPaths);
        }
        return new BounceReport(hardness(status, diagnostic), recipient, status, diagnostic, returnPaths);
    }

    /** RFC 5965: the complained-about recipient and the original's envelope sender, with or without the original. */
    private BounceReport feedback(Multipart parts, List<String> returnPaths) throws MessagingException, IOException {
        Map<String, String> fields = null;
        for (int i = 0; i < Math.min(parts.getCount(), MAX_PARTS); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/feedback-report")) {
                fields = new LinkedHashMap<>();
                for (Map<String, String> block : blocks(read(part))) {
                    block.forEach(fields::putIfAbsent);
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                returnPaths.addAll(originalReturnPath(part));
            }
        }
        if (fields == null) {
            return BounceReport.unrelated();
        }
        if (fields.containsKey("original-mail-from")) {
            returnPaths.add(address(fields.get("original-mail-from")));
        }
        String recipient = address(fields.getOrDefault("original-rcpt-to", fields.get("removal-recipient")));
        return new BounceReport(BounceReport.Type.COMPLAINT, recipient, null, fields.get("feedback-type"), returnPaths);
    }

    /** A mailer daemon's words: the first address in them that is not the daemon's or ours, and the codes. */
    private BounceReport plainBounce(Message msg, List<String> returnPaths) throws MessagingException, IOException {
        String text = firstText(msg, 0);
        String recipient = null;
        Matcher a = ADDRESS.matcher(text);
        while (a.find() && recipient == null) {
            String found = a.group();
            if (!DAEMON.matcher(found).find() && returnPaths.stream().noneMatch(r -> r.toLowerCase(Locale.ROOT)
                    .contains(found.toLowerCase(Locale.ROOT)))) {
                recipient = found;
            }
        }
        Matcher s = STATUS.matcher(text);
        String status = s.find() ? s.group() : null;
        Matcher reply = REPLY.matcher(text);
        if (status == null && reply.find()) {
            status = reply.group(1) + ".0.0";
        }
        int line = recipient == null ? -1 : text.indexOf(recipient);
        String diagnostic = line < 0 ? null : text.substring(line, Math.min(text.length(), line + 300)).strip();
        BounceReport.Type type = hardness(status, text);
        return new BounceReport(type, recipient, status, diagnostic, returnPaths);
    }

    /**
     * Hard: the address itself is bad (5.1.x but the sender's 5.1.7/5.1.8, 5.2.1 disabled, 5.4.4
     * no route to the domain), or a 5xx whose words say the user is unknown. Soft: everything
     * else, 5.2.2 (mailbox full) and 5.7.x (policy, spam filter) too: they say nothing about the
     * address, and counting them within bounce.softDays still ends a dead one.
     */
    static BounceReport.Type hardness(String status, String words) {
        String w = words == null ? "" : words;
        if (status != null && status.startsWith("5.")) {
            if (status.startsWith("5.1.") && !status.equals("5.1.7") && !status.equals("5.1.8")
                    || status.equals("5.2.1") || status.equals("5.4.4")) {
                return BounceReport.Type.HARD;
            }
            if (!status.equals("5.2.2") && !status.startsWith("5.7.") && !SOFT_WORDS.matcher(w).find()
                    && HARD_WORDS.matcher(w).find()) {
                return BounceReport.Type.HARD;
            }
            return BounceReport.Type.SOFT;
        }
        if (status == null && HARD_WORDS.matcher(w).find() && !SOFT_WORDS.matcher(w).find()) {
            return BounceReport.Type.HARD;
        }
        return BounceReport.Type.SOFT;
    }

    /** The per-recipient fields (lower-case names) of the first recipient block that has any. */
    private static Map<String, String> recipientFields(String text) {
        List<Map<String, String>> blocks = blocks(text);
        for (int i = 1; i < blocks.size(); i++) {
            if (blocks.get(i).containsKey("final-recipient") || blocks.get(i).containsKey("original-recipient")) {
                return blocks.get(i);
            }
        }
        return blocks.isEmpty() ? null : blocks.get(0); // malformed: the fields may all be in one block
    }

    /** Header-like blocks separated by blank lines (RFC 3464 2.1), continuation lines folded. */
    static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.put(last, current.get(last) + " " + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    current.putIfAbsent(last, line.substring(colon + 1).strip());
                }
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    /** "rfc822; anna@example.org" → anna@example.org (null stays null). */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        value = value.strip();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? null : value;
    }

    /** The quoted original's Return-Path (our VERP address when it was ours), from its first bytes. */
    private static List<String> originalReturnPath(Part part) throws MessagingException, IOException {
        byte[] head = readBytes(part);
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(head));
        List<String> found = new ArrayList<>();
        for (String name : new String[] {"Return-Path"}) {
            String[] values = headers.getHeader(name);
            if (values != null) {
                for (String v : values) {
                    found.add(address(v));
                }
            }
        }
        return found;
    }

    /** The first text/plain part's first bytes (the message's own text if it is not multipart). */
    private static String firstText(Part part, int depth) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return read(part);
        }
        if (part.isMimeType("multipart/*") && depth < 3) {
            Multipart parts = multipart(part);
            for (int i = 0; parts != null && i < Math.min(parts.getCount(), MAX_PARTS); i++) {
                BodyPart p = parts.getBodyPart(i);
                if (p.isMimeType("text/plain")) {
                    return read(p);
                }
            }
            for (int i = 0; parts != null && i < Math.min(parts.getCount(), MAX_PARTS); i++) {
                String text = firstText(parts.getBodyPart(i), depth + 1);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static Multipart multipart(Part part) throws MessagingException, IOException {
        try {
            return part.getContent() instanceof Multipart m ? m : null;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // malformed: read as something else, or unrelated
        }
    }

    /** A part's decoded first bytes as text (UTF-8; Latin-1 where that fails does not matter for the fields). */
    private static String read(Part part) throws MessagingException, IOException {
        return new String(readBytes(part), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_PART);
        }
    }

    private static List<String> headers(Message msg, String... names) throws MessagingException {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String[] found = msg.getHeader(name);
            if (found != null) {
                for (String v : found) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    private static String param(String contentType, String name) {
        try {
            return new ContentType(contentType).getParameter(name);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
