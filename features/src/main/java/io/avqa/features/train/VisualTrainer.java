package io.avqa.features.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;

import io.avqa.dataset.musicavqa.Categories;
import io.avqa.features.extract.SegmentInput;
import io.avqa.features.nn.TorchParameter;
import io.avqa.features.visual.FramePreprocessor;
import io.avqa.features.visual.ResNet18;

/**
 * Trains ResNet-18 (all layers, BatchNorm in training mode) so that its map and pooled vector carry what the
 * reasoner asks about. Three heads, discarded afterwards, give the loss:
 * <ul>
 *   <li>each map cell classifies which instrument covers it, or background (cross-entropy over 23): the map
 *       must say <i>what</i> is <i>where</i>, the visual-location and counting questions;</li>
 *   <li>each cell on an instrument says whether that instrument sounds (binary, masked to instrument cells):
 *       the renderer's sound marks and motion, the audio-visual questions;</li>
 *   <li>the pooled vector says which categories are on screen (binary per category).</li>
 * </ul>
 * Frames go in as the feature stage sees them (224x224, normalised); a step may shrink them to 112x112 (a 7x7
 * map, a quarter of the arithmetic). When training ends at 112, {@link #recalibrate} re-estimates BatchNorm's
 * running statistics at 224. Half of the batches are mirrored left-right, with their cell targets.
 */
final class VisualTrainer {
    private static final int CLASSES = Categories.ALL.size() + 1;

    private final ResNet18 net;
    private final List<TorchParameter> trainable = new ArrayList<>();
    private final LinearHead cellHead;
    private final LinearHead soundHead;
    private final LinearHead visibleHead;

    VisualTrainer(ResNet18 net, NDManager manager, long seed) {
        this.net = net;
        for (TorchParameter p : net.torchParameters()) {
            Parameter.Type type = p.parameter().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                p.parameter().getArray().setRequiresGradient(true);
                trainable.add(p);
            }
        }
        cellHead = new LinearHead("cell", manager, ResNet18.CHANNELS, CLASSES, seed);
        soundHead = new LinearHead("sound", manager, ResNet18.CHANNELS, 1, seed);
        visibleHead = new LinearHead("visible", manager, ResNet18.CHANNELS, Categories.ALL.size(), seed);
    }

    /** Loss terms and cell accuracy of one step. */
    record StepResult(float loss, float cellLoss, float soundLoss, float visibleLoss, float cellAccuracy) {
    }

    /** One optimisation step on {@code batch}, its frames shrunk by {@code downscale} (1 or 2). */
    StepResult step(List<LabelledSecond> batch, int downscale, boolean mirror, Optimizer optimizer, NDManager base) {
        try (NDManager m = base.newSubManager()) {
            int grid = FramePreprocessor.SIZE / 16 / downscale;
            NDArray images = images(m, batch, downscale);
            if (mirror) {
                images = images.flip(3);
            }
            Targets t = targets(m, batch, grid, mirror);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray loss;
            NDArray cellLoss;
            NDArray soundLoss;
            NDArray visibleLoss;
            NDArray cellLogits;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(ps, new NDList(images), true);
                NDArray cells = out.get(0).transpose(0, 2, 3, 1).reshape(-1, ResNet18.CHANNELS); // (B*g*g, 512)
                cellLogits = cellHead.apply(cells);
                cellLoss = Losses.crossEntropy(cellLogits, t.cellOneHot());
                NDArray sound = soundHead.apply(cells).reshape(-1);
                soundLoss = Losses.maskedMean(Losses.bceWithLogits(sound, t.cellSounding()), t.onInstrument());
                visibleLoss = Losses.bceWithLogits(visibleHead.apply(out.get(1)), t.visible()).mean();
                loss = cellLoss.add(soundLoss).add(visibleLoss);
                gc.backward(loss);
            }
            for (TorchParameter p : trainable) {
                Training.update(optimizer, p.name(), p.parameter().getArray(), m);
            }
            cellHead.update(optimizer, m);
            soundHead.update(optimizer, m);
            visibleHead.update(optimizer, m);
            float accuracy = cellLogits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false)
                    .eq(t.cellClasses()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat();
            return new StepResult(loss.getFloat(), cellLoss.getFloat(), soundLoss.getFloat(), visibleLoss.getFloat(),
                    accuracy);
        }
    }

    /**
     * Re-estimates BatchNorm's running statistics at full resolution: forward passes in training mode without
     * gradients over {@code batches} batches (momentum 0.1 forgets the low-resolution statistics in about 40).
     */
    void recalibrate(List<LabelledSecond> samples, int batchSize, int batches, Random random, NDManager base,
            IntConsumer progress) {
        for (int b = 0; b < batches; b++) {
            List<LabelledSecond> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(samples.get(random.nextInt(samples.size())));
            }
            try (NDManager m = base.newSubManager()) {
                NDArray images = fullResolution(m, batch);
                net.forward(new ParameterStore(m, false), new NDList(images), true);
            }
            progress.accept(b + 1);
        }
    }

    private static NDArray images(NDManager m, List<LabelledSecond> batch, int downscale) {
        NDArray full = fullResolution(m, batch);
        if (downscale == 1) {
            return full;
        }
        Shape k = new Shape(downscale, downscale);
        return Pool.avgPool2d(full, k, k, new Shape(0, 0), false, true);
    }

    private static NDArray fullResolution(NDManager m, List<LabelledSecond> batch) {
        int n = batch.size();
        float[] pixels = new float[n * FramePreprocessor.VALUES];
        float[] audio = new float[n * io.avqa.features.audio.LogMelFrontEnd.SAMPLES];
        for (int i = 0; i < n; i++) {
            String reason = SegmentInput.parseInto(batch.get(i).segment(), audio, pixels, i);
            if (reason != null) {
                throw new IllegalArgumentException(batch.get(i).clip() + " second " + batch.get(i).segment().getSeq()
                        + ": " + reason);
            }
        }
        return m.create(pixels, new Shape(n, 3, FramePreprocessor.SIZE, FramePreprocessor.SIZE));
    }

    /** Targets of one batch, cells row-major per image, mirrored with the images when asked. */
    private record Targets(NDArray cellOneHot, NDArray cellClasses, NDArray cellSounding, NDArray onInstrument,
            NDArray visible) {
    }

    private static Targets targets(NDManager m, List<LabelledSecond> batch, int grid, boolean mirror) {
        int cells = grid * grid;
        int n = batch.size();
        int[] classes = new int[n * cells];
        float[] sounding = new float[n * cells];
        float[] onInstrument = new float[n * cells];
        float[] visible = new float[n * Categories.ALL.size()];
        for (int i = 0; i < n; i++) {
            SecondLabels labels = batch.get(i).labels();
            SecondLabels.Box[] owners = labels.cellOwners(grid);
            for (int r = 0; r < grid; r++) {
                for (int c = 0; c < grid; c++) {
                    SecondLabels.Box owner = owners[r * grid + (mirror ? grid - 1 - c : c)];
                    int at = i * cells + r * grid + c;
                    classes[at] = owner == null ? SecondLabels.BACKGROUND : owner.category();
                    onInstrument[at] = owner == null ? 0 : 1;
                    sounding[at] = owner != null && owner.sounding() ? 1 : 0;
                }
            }
            System.arraycopy(labels.visible(), 0, visible, i * Categories.ALL.size(), Categories.ALL.size());
        }
        NDArray classArray = m.create(classes);
        return new Targets(classArray.oneHot(CLASSES), classArray, m.create(sounding), m.create(onInstrument),
                m.create(visible, new Shape(n, Categories.ALL.size())));
    }
}
