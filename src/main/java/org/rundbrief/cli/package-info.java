/**
 * The command line (picocli): one class per command, each a thin adapter that parses and checks
 * its options, asks the {@link org.rundbrief.app.App} for the services it needs and prints a result
 * for a person. Exit codes: 0 done, 1 the work failed, 2 bad usage or config.
 */
package org.rundbrief.cli;
