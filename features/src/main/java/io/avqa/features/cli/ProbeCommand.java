package io.avqa.features.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.avqa.features.weights.Backbone;

import io.avqa.features.offline.SegmentSource;
import io.avqa.features.probe.BackboneProbe;

/**
 * {@code avqa features probe --dataset DIR [--weights W]...}: how much of what the reasoner asks about a backbone's
 * frozen features carry, measured on held-out clips before any reasoner is trained on them.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Extracts features of a labelled split's clips with each backbone and fits linear probes on "
                + "70 % of the clips, scoring the other 30 %: visible instrument category (from its box's map "
                + "cells), visible categories, sounding categories (audio), whether a visible instrument sounds, "
                + "instruments on screen. Prints a table and writes probes.json and probes.html.",
                "",
                "Example: avqa features probe --dataset data/synth --weights seeded-v1 --weights models/backbone-synth"})
public final class ProbeCommand implements Callable<Integer> {
    private final Function<Path, SegmentSource> sources;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset with videos/ and labels/.")
    Path dataset;

    @Option(names = "--weights", paramLabel = "DIR|seeded-v1", defaultValue = Backbone.SHIPPED,
            description = "Backbone(s) to probe; repeat to compare (default: ${DEFAULT-VALUE}).")
    List<String> weights;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME",
            description = "Split whose clips are probed; the backbone must not have trained on it (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--clips", defaultValue = "200", paramLabel = "N", description = "Clips probed (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the 70/30 clip split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where probes.json and probes.html go (default: DATASET/probes).")
    Path out;

    public ProbeCommand(Function<Path, SegmentSource> sources) {
        this.sources = sources;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> named = new LinkedHashMap<>();
        weights.forEach(w -> named.put(w, w));
        var report = BackboneProbe.run(dataset, split, clips, seed, named, sources.apply(dataset));
        System.out.print(report.table());
        Path dir = out != null ? out : dataset.resolve("probes");
        report.write(dir);
        System.out.println("written: " + dir.resolve("probes.json") + ", " + dir.resolve("probes.html"));
        return 0;
    }
}
