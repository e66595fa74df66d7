package org.rundbrief.mail;

import java.util.regex.Pattern;

/**
 * What a message belongs to, told to the receiving side: the campaign and list parts of its
 * {@code Feedback-ID} header (Gmail's feedback loop counts complaints per identifier), and whether
 * it is a transactional mail that the member's own action caused (confirm, welcome, ...), which
 * carries {@code Auto-Submitted: auto-generated} (RFC 3834 5: auto-responders must not answer it).
 */
public record Campaign(String id, String list, boolean transactional) {
    /** Before {@link #NONE}: the constructor needs it. */
    private static final Pattern NOT_AN_ID = Pattern.compile("[^A-Za-z0-9-]+");
    /** Neither Feedback-ID nor Auto-Submitted (a test send, a message built outside these two paths). */
    public static final Campaign NONE = new Campaign("", "", false);

    public Campaign {
        id = clean(id);
        list = clean(list);
    }

    /** A digest: the edition is the campaign, its cadence the list ({@code edition-42:weekly}). */
    public static Campaign digest(long editionId, String cadence) {
        return new Campaign("edition-" + editionId, cadence, false);
    }

    /** A transactional mail of the given kind ({@code confirm:transactional}). */
    public static Campaign transactional(String kind) {
        return new Campaign(kind, "transactional", true);
    }

    /** Feedback-ID fields may not hold a colon (their separator) nor anything a header cannot carry. */
    private static String clean(String s) {
        return s == null ? "" : NOT_AN_ID.matcher(s).replaceAll("-");
    }
}
