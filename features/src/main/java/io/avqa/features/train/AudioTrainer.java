package io.avqa.features.train;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.features.audio.LogMelFrontEnd;
import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.nn.TorchParameter;

/**
 * Trains VGGish so that the 128-d embedding says which categories sound this second and how loud each is (a
 * binary head per category and a loudness head per category, discarded afterwards). Two depths:
 * <ul>
 *   <li>{@link #lastLayer}: only the last FC layer ({@code embeddings.4}, 4096 -> 128) on top of the frozen
 *       convolutions and first two FC layers, whose 4096 outputs are computed once per second, so an epoch costs
 *       seconds;</li>
 *   <li>{@link #withConvolutions}: the convolutions ({@code features.*}, 4.5 M parameters) and the last FC layer
 *       end to end, through the frozen first two FC layers; the log-mel examples are computed once per second.
 *       A random convolution stack is what limits the last-layer-only embedding (sounding categories AUC 0.93 on
 *       held-out clips).</li>
 * </ul>
 * Why the first two FC layers stay frozen either way: they hold 67 M of VGGish's 72 M parameters, more than the
 * repository can carry trained; they keep their {@code seeded-v1} values (recorded in the backbone directory),
 * a wide random expansion that a trained projection reads well.
 */
final class AudioTrainer {
    private final VggishNetwork vggish;
    private final List<TorchParameter> trainable;
    private final boolean convolutions;
    private final NDArray fc3Weight;
    private final NDArray fc3Bias;
    private final LinearHead heardHead;
    private final LinearHead loudHead;

    private AudioTrainer(VggishNetwork vggish, List<TorchParameter> params, boolean convolutions, NDManager manager,
            long seed) {
        this.vggish = vggish;
        this.convolutions = convolutions;
        this.trainable = params.stream().filter(p -> p.name().startsWith("embeddings.4.")
                || convolutions && p.name().startsWith("features.")).toList();
        this.fc3Weight = find(params, "embeddings.4.weight");
        this.fc3Bias = find(params, "embeddings.4.bias");
        trainable.forEach(p -> p.parameter().getArray().setRequiresGradient(true));
        heardHead = new LinearHead("heard", manager, VggishNetwork.EMBEDDING, Categories.ALL.size(), seed);
        loudHead = new LinearHead("loud", manager, VggishNetwork.EMBEDDING, Categories.ALL.size(), seed);
    }

    /** Trains {@code embeddings.4} alone, from the network's current values. */
    static AudioTrainer lastLayer(VggishNetwork vggish, List<TorchParameter> params, NDManager manager, long seed) {
        return new AudioTrainer(vggish, params, false, manager, seed);
    }

    /** Trains {@code features.*} and {@code embeddings.4} end to end, from the network's current values. */
    static AudioTrainer withConvolutions(VggishNetwork vggish, List<TorchParameter> params, NDManager manager,
            long seed) {
        return new AudioTrainer(vggish, params, true, manager, seed);
    }

    /** The parameter-name prefixes this trainer changes. */
    List<String> trainedPrefixes() {
        return convolutions ? List.of("features.", "embeddings.4.") : List.of("embeddings.4.");
    }

    /**
     * What an epoch reads per sample, row-major: the frozen layers' 4096 outputs (last layer only) or the 96x64
     * log-mel example (with convolutions), computed once in batches of 64.
     */
    float[] inputs(List<LabelledSecond> samples, NDManager base, IntConsumer progress) {
        int width = convolutions ? LogMelFrontEnd.FRAMES * LogMelFrontEnd.BANDS : 4096;
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
                    float[] rows = convolutions ? examples.toFloatArray()
                            : vggish.hidden(new ParameterStore(m, false), examples).toFloatArray();
                    System.arraycopy(rows, 0, out, from * width, rows.length);
                }
                progress.accept(Math.min(samples.size(), from + 64));
            }
        }
        return out;
    }

    /** One epoch over {@code inputs} (from {@link #inputs}) in shuffled batches; returns the mean loss. */
    float epoch(float[] inputs, List<LabelledSecond> samples, int batchSize, Optimizer optimizer, Random random,
            NDManager base, IntConsumer progress) {
        int width = inputs.length / samples.size();
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
                System.arraycopy(inputs, row * width, x, i * width, width);
                SecondLabels labels = samples.get(row).labels();
                System.arraycopy(labels.heard(), 0, heard, i * Categories.ALL.size(), Categories.ALL.size());
                System.arraycopy(labels.loudness(), 0, loud, i * Categories.ALL.size(), Categories.ALL.size());
            }
            try (NDManager m = base.newSubManager()) {
                Shape targets = new Shape(n, Categories.ALL.size());
                NDArray heardTargets = m.create(heard, targets);
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray embedding = embed(m, x, n);
                    NDArray heardLoss = Losses.bceWithLogits(heardHead.apply(embedding), heardTargets).mean();
                    // loudness is asked of sounding categories only
                    NDArray loudLoss = Losses.maskedMean(
                            Losses.bceWithLogits(loudHead.apply(embedding), m.create(loud, targets)), heardTargets);
                    loss = heardLoss.add(loudLoss);
                    gc.backward(loss);
                }
                for (TorchParameter p : trainable) {
                    Training.update(optimizer, p.name(), p.parameter().getArray(), m);
                }
                heardHead.update(optimizer, m);
                loudHead.update(optimizer, m);
                sum += loss.getFloat();
                steps++;
            }
            progress.accept(Math.min(order.size(), from + batchSize));
        }
        return (float) (sum / Math.max(1, steps));
    }

    /** Ends training: the network's parameters stop recording gradients. */
    void finish() {
        trainable.forEach(p -> p.parameter().getArray().setRequiresGradient(false));
    }

    private NDArray embed(NDManager m, float[] x, int n) {
        if (!convolutions) {
            return Linear.linear(m.create(x, new Shape(n, x.length / n)), fc3Weight, fc3Bias).singletonOrThrow();
        }
        NDArray examples = m.create(x, new Shape(n, 1, LogMelFrontEnd.FRAMES, LogMelFrontEnd.BANDS));
        NDArray hidden = vggish.hidden(new ParameterStore(m, false), examples);
        return Linear.linear(hidden, fc3Weight, fc3Bias).singletonOrThrow();
    }

    private static NDArray find(List<TorchParameter> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no parameter " + name)).parameter().getArray();
    }
}
