package org.rundbrief.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rundbrief.Main;

/** One run of the command line in this JVM, as a user types it: its exit code and what it printed. */
public record CommandRun(int exit, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** The same with {@code --config FILE} appended. */
    public static CommandRun withConfig(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return of(all.toArray(String[]::new));
    }
}
