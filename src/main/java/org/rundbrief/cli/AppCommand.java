package org.rundbrief.cli;

import java.util.concurrent.Callable;
import org.rundbrief.app.App;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that works on the configured installation: loads the config, builds the
 * {@link App}, runs {@link #run(App)} and closes everything. Exit codes, as README says:
 * 0 done, 1 the work failed, 2 bad usage or config (thrown as {@link org.rundbrief.config.ConfigException}).
 */
public abstract class AppCommand implements Callable<Integer> {
    @Mixin
    protected ConfigOption configOption;

    @Spec
    protected CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = loadConfig();
        try (App app = App.onSystemTime(config, baseDir())) {
            return run(app);
        }
    }

    protected Config loadConfig() {
        return ConfigLoader.load(configOption.file(), configOption.explicit(), System.getenv());
    }

    /** Templates and relative paths are resolved next to the config file. */
    protected java.nio.file.Path baseDir() {
        java.nio.file.Path parent = configOption.file().toAbsolutePath().getParent();
        return parent == null ? java.nio.file.Path.of(".") : parent;
    }

    protected java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected abstract int run(App app) throws Exception;
}
