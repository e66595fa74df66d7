/**
 * The composition root: {@link org.rundbrief.app.App} builds every part with constructors, in
 * data-flow order, hands each the parts it needs and closes them in reverse;
 * {@link org.rundbrief.app.AppMetrics} holds the process's meters for {@code /metrics}. The command
 * line ({@link org.rundbrief.Main}, {@code cli}) asks the App for what a command needs.
 */
package org.rundbrief.app;
