package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code serve} nodes on one PostgreSQL schema share one Quartz schedule (clustered job
 * store): each fire time of a job runs on exactly one of them, never on both and never on none.
 * Collect fires every {@link #EVERY_SECONDS} s; each run logs one line for the one source, so the
 * lines of both logs, put into their fire-time slots, count the runs. When the node that fires is
 * killed, the other goes on firing (without the cluster it would not: the dead node's acquired
 * trigger would stay taken).
 */
class ScheduleClusterIT {
    static final int EVERY_SECONDS = 4;
    static final int SLOTS = 5;

    @TempDir
    Path dir;

    @Test
    void eachFireTimeOfACollectEveryFewSecondsRunsOnExactlyOneOfTwoNodes() throws Exception {
        String collectEvery = "schedule: { collect: \"0/%d * * * * ?\", immediate: \"off\", daily: \"off\", weekly: \"off\" }"
                .formatted(EVERY_SECONDS);
        try (ServeNodes nodes = new ServeNodes(dir, ServeNodes.sharedPostgres(dir), "", collectEvery)) {
            Files.writeString(nodes.articles.resolve("news.md"), "---\ntitle: \"Neuigkeit\"\npublished: " + java.time.LocalDate.now() + "\n---\nText.\n");
            ServeNodes.Node a = nodes.node("a");
            ServeNodes.Node b = nodes.node("b");
            nodes.up(a, b);

            // slots that begin after both nodes are up, one spare slot later to be sure
            int first = slot(LocalTime.now()) + 2;
            // Up to SLOTS + 3 whole slots from now (when now is just past a slot's start): the
            // waiting allows one slot more than that (it allowed exactly that, and once ran out).
            await().atMost(Duration.ofSeconds((SLOTS + 4L) * EVERY_SECONDS)).pollInterval(Duration.ofMillis(500))
                    .until(() -> slot(LocalTime.now()) >= first + SLOTS + 1);

            Map<Integer, Integer> runsPerSlot = new TreeMap<>();
            Map<String, Integer> runsPerNode = new TreeMap<>();
            for (ServeNodes.Node node : List.of(a, b)) {
                runs(node.log).filter(slot -> slot >= first && slot < first + SLOTS).forEach(slot -> {
                    runsPerSlot.merge(slot, 1, Integer::sum);
                    runsPerNode.merge(node.name, 1, Integer::sum);
                });
            }
            assertThat(runsPerSlot).as("runs per fire time (both nodes' logs:\n%s\n%s)", Files.readString(a.log),
                    Files.readString(b.log)).hasSize(SLOTS).allSatisfy((slot, runs) -> assertThat(runs).isOne());
            System.out.println("collect runs per node: " + runsPerNode);

            // The node that fires holds the next fire time already (acquired); killed, the other
            // node takes the schedule over once the cluster sees it gone (a few check-ins of 7.5 s).
            boolean aFired = runsPerNode.containsKey(a.name);
            ServeNodes.Node firing = aFired ? a : b;
            Path other = (aFired ? b : a).log;
            firing.kill();
            int killedAt = slot(LocalTime.now());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> runs(other).anyMatch(slot -> slot > killedAt));
        }
    }

    /** The fire-time slots of the collect runs a node logged, one line each. */
    private static Stream<Integer> runs(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" Collector: ") && l.contains(" new "))
                .map(l -> slot(LocalTime.parse(l.substring(0, 8))));
    }

    /** The fire time at or before {@code t}, counted in steps of {@link #EVERY_SECONDS} since midnight. */
    private static int slot(LocalTime t) {
        return t.toSecondOfDay() / EVERY_SECONDS;
    }
}
