package io.avqa.features.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;

import io.avqa.ops.log.ProgressBars;

import io.avqa.features.offline.SegmentSource;
import io.avqa.features.train.LabelledClips;
import io.avqa.features.train.LabelledSecond;
import io.avqa.features.weights.Backbone;
import io.avqa.features.weights.WeightMismatchException;

/** Probes one or more backbones on the same held-out clips. */
public final class BackboneProbe {
    private BackboneProbe() {
    }

    /**
     * @param weights {@code --weights} values by display name (seeded-v1 or a directory)
     */
    public static ProbeReport run(Path dataset, String split, int clips, long seed, Map<String, String> weights,
            SegmentSource source) throws IOException, WeightMismatchException {
        List<String> ids = LabelledClips.clipIds(dataset, split);
        if (clips > 0 && clips < ids.size()) {
            ids = ids.subList(0, clips);
        }
        List<LabelledSecond> seconds = LabelledClips.load(dataset, ids, source, 2);
        Map<String, List<ProbeResult>> results = new LinkedHashMap<>();
        for (String w : weights.values()) {
            Backbone backbone = Backbone.parse(w);
            List<ProbeSample> samples;
            try (ProgressBar bar = ProgressBars.builder("probe " + backbone.id(), seconds.size(), 1000).build()) {
                samples = ProbeFeatures.collect(backbone, seconds, bar::stepTo);
            }
            results.put(backbone.id(), Probes.run(samples, seed));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dataset", dataset.toAbsolutePath().normalize().toString());
        context.put("split", split);
        context.put("clips", ids.size());
        context.put("seconds", seconds.size());
        context.put("clipSplitSeed", seed);
        context.put("method", "linear probes (logistic / softmax regression), 70/30 split by clip");
        return new ProbeReport(results, context);
    }
}
