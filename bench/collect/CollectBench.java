import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rundbrief.Main;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.collect.CollectReport;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.HttpFetcher;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.store.Database;

/**
 * In-process collect benchmark through the public API: RUNS collects of the configured feed, each
 * into a fresh H2 database, timing Collector.collectAll() only (fetch, parse, clean, store, commit).
 * Run 1 is cold (JIT not warmed, as in a `collect` CLI process); the median is over runs 2..RUNS.
 * Usage: java -Xmx128m -cp target/rundbrief.jar bench/collect/CollectBench.java CONFIG WORKDIR RUNS
 */
public class CollectBench {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<Long> warm = new ArrayList<>();
        List<Long> warmCpu = new ArrayList<>();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            Path db = Files.createDirectories(work.resolve("inproc" + run)).resolve("db");
            Config cfg = ConfigLoader.load(config, true,
                    Map.of("RUNDBRIEF_DATABASE_URL", "jdbc:h2:file:" + db + ";AUTO_SERVER=FALSE"));
            try (Database database = Database.open(cfg.database(), 4)) {
                ArticleStore store = new ArticleStore(database.jdbc(), Clock.systemUTC());
                Collector collector = new Collector(cfg, store, new HttpFetcher(cfg.collect(), "rundbrief/bench"),
                        Clock.systemUTC(), work);
                long cpu0 = threads.getCurrentThreadCpuTime();
                long process0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                CollectReport report = collector.collectAll();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                long processMs = (os.getProcessCpuTime() - process0) / 1_000_000;
                if (run > 1) {
                    warm.add(ms);
                    warmCpu.add(processMs);
                }
                System.out.printf("in-process run %d%s: %d ms wall, %d ms CPU on the collecting thread, %d ms CPU"
                        + " in the whole process (all threads, GC, JIT), %s%n", run, run == 1 ? " (cold)" : "", ms,
                        cpuMs, processMs, report.sources().get(0).line());
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        warm.sort(null);
        warmCpu.sort(null);
        System.out.printf("in-process median of warm runs: %d ms wall, %d ms process CPU; peak heap (sum of pool peaks)"
                + " %d MB; max heap %d MB%n", warm.isEmpty() ? -1 : warm.get(warm.size() / 2),
                warmCpu.isEmpty() ? -1 : warmCpu.get(warmCpu.size() / 2), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
