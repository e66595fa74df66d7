package org.rundbrief.cli;

/** What a command returns to the shell besides 0 (done): {@link #FAILED} the work failed, {@link #USAGE} bad usage or config. */
public final class ExitCodes {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}
}
