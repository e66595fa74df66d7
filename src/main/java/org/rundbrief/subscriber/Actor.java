package org.rundbrief.subscriber;

/** Who caused a change, for the consent log: the origin plus the request's IP and user agent (may be null). */
public record Actor(Origin origin, String ip, String userAgent) {
    public static final Actor ADMIN = new Actor(Origin.ADMIN, null, null);

    public Consent consent(String action) {
        return consent(action, null);
    }

    public Consent consent(String action, String note) {
        return new Consent(action, origin, clip(ip, 64), clip(userAgent, 500), note);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
