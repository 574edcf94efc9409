package io.avqa.app.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.avqa.schemas.topic.Topics;

/**
 * Instances beyond the partition count idle: a consumer group gives each partition of {@code avqa.segments} to
 * one features instance, and a Kafka Streams application has one task per partition of its co-partitioned
 * inputs, each run by one stream thread. So per group, features instances and reasoner stream threads
 * (instances x {@code --threads}) must not exceed {@link Topics#STREAM_PARTITIONS}.
 */
final class PartitionBudgetCheck {
    private final Map<String, ComposeCheck.AvqaService> avqa;

    PartitionBudgetCheck(Map<String, ComposeCheck.AvqaService> avqa) {
        this.avqa = avqa;
    }

    List<String> problems() {
        Map<String, Integer> consumers = new TreeMap<>();
        for (ComposeCheck.AvqaService s : avqa.values()) {
            AvqaCommands.Invocation run = s.invocation();
            if (s.subcommand().equals("features")) {
                consumers.merge("features group " + run.option("--group"), 1, Integer::sum);
            } else if (s.subcommand().equals("reasoner")) {
                consumers.merge("reasoner application " + run.option("--application-id"),
                        Integer.parseInt(run.option("--threads")), Integer::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        consumers.forEach((group, count) -> {
            if (count > Topics.STREAM_PARTITIONS) {
                problems.add(group + ": " + count + " consumers (instances or stream threads) for "
                        + Topics.STREAM_PARTITIONS + " partitions; the extra ones would idle");
            }
        });
        return problems;
    }
}
