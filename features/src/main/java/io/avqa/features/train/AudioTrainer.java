package io.avqa.features.train;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.features.audio.LogMelFrontEnd;
import io.avqa.features.audio.VggishNetwork;

/**
 * Fits VGGish's last FC layer ({@code embeddings.4}, 4096 -> 128) on top of the frozen convolutions and first two
 * FC layers, so that the 128-d embedding says which categories sound this second and how loud each is (a
 * binary head per category and a loudness head per category, discarded afterwards). The frozen layers' 4096
 * outputs are computed once per second, so an epoch costs a few seconds.
 *
 * <p>Why only the last layer: VGGish's FC layers hold 67 M of its 72 M parameters, more than the repository can
 * carry trained; the frozen ones keep their {@code seeded-v1} values (recorded in the backbone directory) and the
 * 4096 ReLU features they give are a wide random expansion that a trained projection reads well (see the probes
 * in the backbone's card).
 */
final class AudioTrainer {
    private final NDArray fc3Weight;
    private final NDArray fc3Bias;
    private final LinearHead heardHead;
    private final LinearHead loudHead;

    /** Starts from the network's current {@code embeddings.4} values. */
    AudioTrainer(NDArray fc3Weight, NDArray fc3Bias, NDManager manager, long seed) {
        this.fc3Weight = fc3Weight;
        this.fc3Bias = fc3Bias;
        fc3Weight.setRequiresGradient(true);
        fc3Bias.setRequiresGradient(true);
        heardHead = new LinearHead("heard", manager, VggishNetwork.EMBEDDING, Categories.ALL.size(), seed);
        loudHead = new LinearHead("loud", manager, VggishNetwork.EMBEDDING, Categories.ALL.size(), seed);
    }

    /** The frozen 4096 values of every sample, row-major [N, 4096], computed in batches of 64. */
    static float[] hidden(VggishNetwork vggish, List<LabelledSecond> samples, NDManager base, IntConsumer progress) {
        int width = 4096;
        float[] out = new float[samples.size() * width];
        try (LogMelFrontEnd frontEnd = new LogMelFrontEnd(base)) {
            for (int from = 0; from < samples.size(); from += 64) {
                List<LabelledSecond> batch = samples.subList(from, Math.min(samples.size(), from + 64));
                try (NDManager m = base.newSubManager()) {
                    float[] audio = new float[batch.size() * LogMelFrontEnd.SAMPLES];
                    for (int i = 0; i < batch.size(); i++) {
                        // the audio alone: decoding and normalising every frame here would be wasted
                        ByteBuffer pcm = batch.get(i).segment().getAudio();
                        if (pcm == null || pcm.remaining() != LogMelFrontEnd.AUDIO_BYTES) {
                            throw new IllegalArgumentException(batch.get(i).clip() + ": audio is not 16000 PCM16 samples");
                        }
                        System.arraycopy(LogMelFrontEnd.samples(pcm), 0, audio, i * LogMelFrontEnd.SAMPLES,
                                LogMelFrontEnd.SAMPLES);
                    }
                    NDArray examples = frontEnd.examples(m.create(audio, new Shape(batch.size(), LogMelFrontEnd.SAMPLES)));
                    float[] h = vggish.hidden(new ParameterStore(m, false), examples).toFloatArray();
                    System.arraycopy(h, 0, out, from * width, h.length);
                }
                progress.accept(Math.min(samples.size(), from + 64));
            }
        }
        return out;
    }

    /** One epoch over {@code hidden} in shuffled batches; returns the mean loss. */
    float epoch(float[] hidden, List<LabelledSecond> samples, int batchSize, Optimizer optimizer, Random random,
            NDManager base) {
        int width = hidden.length / samples.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        double sum = 0;
        int steps = 0;
        for (int from = 0; from < order.size(); from += batchSize) {
            List<Integer> rows = order.subList(from, Math.min(order.size(), from + batchSize));
            int n = rows.size();
            float[] x = new float[n * width];
            float[] heard = new float[n * Categories.ALL.size()];
            float[] loud = new float[n * Categories.ALL.size()];
            for (int i = 0; i < n; i++) {
                int row = rows.get(i);
                System.arraycopy(hidden, row * width, x, i * width, width);
                SecondLabels labels = samples.get(row).labels();
                System.arraycopy(labels.heard(), 0, heard, i * Categories.ALL.size(), Categories.ALL.size());
                System.arraycopy(labels.loudness(), 0, loud, i * Categories.ALL.size(), Categories.ALL.size());
            }
            try (NDManager m = base.newSubManager()) {
                Shape targets = new Shape(n, Categories.ALL.size());
                NDArray heardTargets = m.create(heard, targets);
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray embedding = Linear.linear(m.create(x, new Shape(n, width)), fc3Weight, fc3Bias)
                            .singletonOrThrow();
                    NDArray heardLoss = Losses.bceWithLogits(heardHead.apply(embedding), heardTargets).mean();
                    // loudness is asked of sounding categories only
                    NDArray loudLoss = Losses.maskedMean(
                            Losses.bceWithLogits(loudHead.apply(embedding), m.create(loud, targets)), heardTargets);
                    loss = heardLoss.add(loudLoss);
                    gc.backward(loss);
                }
                Training.update(optimizer, "embeddings.4.weight", fc3Weight, m);
                Training.update(optimizer, "embeddings.4.bias", fc3Bias, m);
                heardHead.update(optimizer, m);
                loudHead.update(optimizer, m);
                sum += loss.getFloat();
                steps++;
            }
        }
        return (float) (sum / Math.max(1, steps));
    }

}
