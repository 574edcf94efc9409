package io.avqa.app.scale;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The kill and what the consumer groups made of it. Picks the victims (reasoner-1, and the features process
 * that shares most partitions with it, so that some streams lose both stages at once), notes what the
 * load had seen before, kills both with SIGKILL, then watches the groups until each is down to its survivor.
 */
final class Failover {
    /** Where the two groups live. */
    record Groups(GroupProbe probe, String featuresGroup, String segmentsTopic, String reasonerGroup,
            String questionsTopic, int partitions) {
        Map<String, Set<Integer>> features() throws Exception {
            return probe.owners(featuresGroup, segmentsTopic);
        }

        Map<String, Set<Integer>> reasoners() throws Exception {
            return probe.owners(reasonerGroup, questionsTopic);
        }
    }

    final ChildProcess reasonerVictim;
    final ChildProcess featuresVictim;
    final ChildProcess featuresSurvivor;
    /** Segment partitions the killed features process owned. */
    final Set<Integer> featuresMoved;
    /** Reasoner tasks (partitions) the killed reasoner owned; known at once, or once the survivor owns all. */
    final Set<Integer> reasonerMoved = new TreeSet<>();
    /** When both victims were dead (epoch ms). */
    final long killMs;
    /** Per stream, the window end of the newest OK answer before the kill. */
    final Map<String, Long> preKillToSeq = new HashMap<>();
    /** Per stream, the survivor's skip count at the kill. */
    final Map<String, Long> survivorSkipsAtKill;
    final String loadAverageAtKill;
    /** Seconds from the kill until the group had only its survivor, owning every partition (-1: not yet). */
    double reasonerRebalancedS = -1;
    double featuresRebalancedS = -1;

    private final Groups groups;
    private final Map<String, Set<Integer>> reasonerOwnersBefore;

    private Failover(Services services, Groups groups, QuestionLedger ledger, List<String> streamIds) throws Exception {
        this.groups = groups;
        reasonerOwnersBefore = groups.reasoners();
        Map<String, Set<Integer>> featuresOwners = groups.features();
        reasonerVictim = services.reasoners.get(0);
        String processId = services.reasonerProcessId(0);
        if (processId != null) {
            reasonerMoved.addAll(GroupProbe.partitionsOf(reasonerOwnersBefore, processId));
        }
        featuresVictim = mostOverlapping(services.features, featuresOwners, reasonerMoved);
        featuresSurvivor = services.features.get(services.features.get(0) == featuresVictim ? 1 : 0);
        featuresMoved = Set.copyOf(GroupProbe.partitionsOf(featuresOwners, Services.featuresClientMarker(featuresVictim)));
        survivorSkipsAtKill = Skips.byStream(featuresSurvivor);
        loadAverageAtKill = ScaleReport.loadAverage();
        long before = System.currentTimeMillis();
        streamIds.forEach(id -> preKillToSeq.put(id, ledger.lastToSeqBefore(id, before)));
        featuresVictim.kill();
        reasonerVictim.kill();
        // "After the kill" starts once both are gone: a question sent while a victim still ran may be its last answer.
        killMs = System.currentTimeMillis();
    }

    /** Kills the victims now. */
    static Failover kill(Services services, Groups groups, QuestionLedger ledger, List<String> streamIds)
            throws Exception {
        return new Failover(services, groups, ledger, streamIds);
    }

    /**
     * Polls both groups once a second until {@code deadlineMs}, or until both have rebalanced and
     * {@code resumed} has held for {@code settleMs}.
     */
    void watch(long deadlineMs, long settleMs, BooleanSupplier resumed) throws Exception {
        long resumedAt = -1;
        while (System.currentTimeMillis() < deadlineMs && (resumedAt < 0 || System.currentTimeMillis() < resumedAt + settleMs)) {
            Map<String, Set<Integer>> r = groups.reasoners();
            if (reasonerRebalancedS < 0 && ownsAll(r)) {
                reasonerRebalancedS = (System.currentTimeMillis() - killMs) / 1000.0;
                if (reasonerMoved.isEmpty()) {
                    // No process id file: the moved tasks are those the survivor did not own before.
                    Set<Integer> before = reasonerOwnersBefore.getOrDefault(r.keySet().iterator().next(), Set.of());
                    for (int p = 0; p < groups.partitions(); p++) {
                        if (!before.contains(p)) {
                            reasonerMoved.add(p);
                        }
                    }
                }
            }
            if (featuresRebalancedS < 0 && ownsAll(groups.features())) {
                featuresRebalancedS = (System.currentTimeMillis() - killMs) / 1000.0;
            }
            if (resumedAt < 0 && reasonerRebalancedS >= 0 && featuresRebalancedS >= 0 && resumed.getAsBoolean()) {
                resumedAt = System.currentTimeMillis();
            }
            Waits.untilTime(System.currentTimeMillis() + 1_000);
        }
    }

    /** The survivor's skips since the kill, by stream. */
    Map<String, Long> survivorSkipsSinceKill() {
        Map<String, Long> now = Skips.byStream(featuresSurvivor);
        survivorSkipsAtKill.forEach((id, n) -> now.merge(id, -n, Long::sum));
        return now;
    }

    private boolean ownsAll(Map<String, Set<Integer>> owners) {
        return owners.size() == 1 && owners.values().iterator().next().size() == groups.partitions();
    }

    private static ChildProcess mostOverlapping(List<ChildProcess> features, Map<String, Set<Integer>> owners,
            Set<Integer> tasks) {
        ChildProcess best = features.get(0);
        long bestOverlap = -1;
        for (ChildProcess f : features) {
            Set<Integer> mine = GroupProbe.partitionsOf(owners, Services.featuresClientMarker(f));
            long overlap = mine.stream().filter(tasks::contains).count();
            if (overlap > bestOverlap) {
                best = f;
                bestOverlap = overlap;
            }
        }
        return best;
    }
}
