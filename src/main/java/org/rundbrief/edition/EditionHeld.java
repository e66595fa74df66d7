package org.rundbrief.edition;

/**
 * A new edition cannot start while an earlier one of the same cadence and topic is paused. Its
 * subscribers' watermarks moved when it was planned, so a new edition would reach them before it,
 * and cancelling it afterwards could no longer give its articles back (a watermark a later edition
 * moved is left alone): they would miss them. Resume or cancel the paused one first.
 */
public final class EditionHeld extends IllegalStateException {
    private final transient Edition paused;

    EditionHeld(Edition paused) {
        super(message(paused));
        this.paused = paused;
    }

    private static String message(Edition paused) {
        String kind = paused.cadence().id() + (paused.topic() == null ? "" : ", topic " + paused.topic());
        return "edition " + paused.id() + " (" + kind + ") is paused: no new edition (" + kind + ") starts until it is"
                + " sent or cancelled (admin page /admin/editions/" + paused.id() + ", or POST /api/editions/"
                + paused.id() + "/resume or /cancel)";
    }

    /** The paused edition that holds new ones back. */
    public Edition paused() {
        return paused;
    }
}
