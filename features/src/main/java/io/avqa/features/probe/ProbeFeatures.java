package io.avqa.features.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import ai.djl.Device;

import io.avqa.features.extract.Extraction;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.extract.Fp16;
import io.avqa.features.train.LabelledSecond;
import io.avqa.features.train.SecondLabels;
import io.avqa.features.weights.Backbone;
import io.avqa.features.weights.WeightMismatchException;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;

/** Runs the very {@link FeatureExtractor} the service runs over labelled seconds and keeps what the probes read. */
final class ProbeFeatures {
    private static final int BATCH = 16;

    private ProbeFeatures() {
    }

    static List<ProbeSample> collect(Backbone backbone, List<LabelledSecond> seconds, IntConsumer progress)
            throws IOException, WeightMismatchException {
        List<ProbeSample> out = new ArrayList<>(seconds.size());
        int grid = FeatureExtractor.MAP_SIZE;
        int cells = grid * grid;
        float[] map = new float[FeatureExtractor.MAP_VALUES];
        try (FeatureExtractor extractor = FeatureExtractor.create(backbone, Device.cpu())) {
            for (int from = 0; from < seconds.size(); from += BATCH) {
                List<LabelledSecond> batch = seconds.subList(from, Math.min(seconds.size(), from + BATCH));
                List<Segment> segments = batch.stream().map(LabelledSecond::segment).toList();
                List<Extraction> results = extractor.extract(segments);
                for (int i = 0; i < batch.size(); i++) {
                    if (!(results.get(i) instanceof Extraction.Features f)) {
                        throw new IOException(batch.get(i).clip() + " second " + i + ": "
                                + ((Extraction.Rejected) results.get(i)).reason());
                    }
                    Embedding e = f.embedding();
                    Fp16.decode(e.getVisualMap().getFp16(), map, 0);
                    SecondLabels labels = batch.get(i).labels();
                    SecondLabels.Box[] owners = labels.cellOwners(grid);
                    List<ProbeSample.BoxFeature> boxes = new ArrayList<>();
                    for (SecondLabels.Box box : labels.boxes()) {
                        float[] mean = new float[512];
                        int n = 0;
                        for (int cell = 0; cell < cells; cell++) {
                            if (owners[cell] == box) {
                                n++;
                                for (int c = 0; c < 512; c++) {
                                    mean[c] += map[c * cells + cell];
                                }
                            }
                        }
                        if (n > 0) {
                            for (int c = 0; c < 512; c++) {
                                mean[c] /= n;
                            }
                            boxes.add(new ProbeSample.BoxFeature(box.category(), box.sounding(), mean));
                        }
                    }
                    out.add(new ProbeSample(batch.get(i).clip(), floats(e.getAudio()), floats(e.getVisual()),
                            List.copyOf(boxes), labels));
                }
                progress.accept(from + batch.size());
            }
        }
        return out;
    }

    private static float[] floats(List<Float> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return v;
    }
}
