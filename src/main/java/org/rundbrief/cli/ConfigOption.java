package org.rundbrief.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command shares. */
public final class ConfigOption {
    static final Path DEFAULT = Path.of("rundbrief.yml");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./rundbrief.yml; built-in defaults when it does not exist).")
    Path file;

    public Path file() {
        return file == null ? DEFAULT : file;
    }

    /** An explicit --config must exist; the default file may be absent. */
    public boolean explicit() {
        return file != null;
    }
}
