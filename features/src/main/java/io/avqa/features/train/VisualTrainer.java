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
 * Frames go in as the feature stage sees them (224x224, normalised). To spend less arithmetic a step either
 * shrinks them to 112x112 (a 7x7 map, a quarter of the arithmetic) or cuts a square out of each at full scale,
 * on the cell grid ({@link #CELL} pixels), mostly around an instrument. Shrinking loses what is one or two pixels
 * wide at 224, such as the renderer's sound arcs beside a sounding instrument; a cut keeps every pixel at the
 * scale the network serves at, and since layer4 runs at stride 1 a map cell of the cut is a map cell of the
 * frame. After either, {@link #recalibrate} re-estimates BatchNorm's running statistics on whole 224 frames.
 * Half of the batches are mirrored left-right, with their cell targets.
 */
final class VisualTrainer {
    private static final int CLASSES = Categories.ALL.size() + 1;
    /** Frame pixels per map cell at full scale (224 / 14). */
    static final int CELL = 16;
    private static final int GRID = FramePreprocessor.SIZE / CELL;

    private final ResNet18 net;
    private final List<TorchParameter> trainable = new ArrayList<>();
    private final LinearHead cellHead;
    private final LinearHead soundHead;
    private final LinearHead visibleHead;
    private final float soundingWeight;

    VisualTrainer(ResNet18 net, NDManager manager, long seed) {
        this(net, manager, seed, 1);
    }

    /** {@code soundingWeight} multiplies the sounding head's loss (see {@link BackboneTrainOptions}). */
    VisualTrainer(ResNet18 net, NDManager manager, long seed, float soundingWeight) {
        this.net = net;
        this.soundingWeight = soundingWeight;
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
            int grid = GRID / downscale;
            NDArray images = images(m, batch, downscale);
            int[] origin = new int[batch.size() * 2]; // the whole frame: every window starts at cell (0, 0)
            return step(images, targets(m, batch, grid, grid, origin, mirror), mirror, optimizer, m);
        }
    }

    /**
     * One optimisation step on {@code crop x crop} pixel cuts of {@code batch}'s frames at full scale ({@code crop}
     * a multiple of {@link #CELL}); {@code random} places them: three in four centred on an instrument.
     */
    StepResult cropStep(List<LabelledSecond> batch, int crop, boolean mirror, Random random, Optimizer optimizer,
            NDManager base) {
        checkCrop(crop);
        int cells = crop / CELL;
        int n = batch.size();
        int[] origin = new int[n * 2];
        for (int i = 0; i < n; i++) {
            List<SecondLabels.Box> boxes = batch.get(i).labels().boxes();
            int row = random.nextInt(GRID - cells + 1);
            int col = random.nextInt(GRID - cells + 1);
            if (!boxes.isEmpty() && random.nextInt(4) > 0) {
                SecondLabels.Box b = boxes.get(random.nextInt(boxes.size()));
                SecondLabels labels = batch.get(i).labels();
                double cy = (b.y() + b.h() / 2.0) * GRID / labels.frameHeight();
                double cx = (b.x() + b.w() / 2.0) * GRID / labels.frameWidth();
                row = Math.max(0, Math.min(GRID - cells, (int) Math.round(cy - cells / 2.0)));
                col = Math.max(0, Math.min(GRID - cells, (int) Math.round(cx - cells / 2.0)));
            }
            origin[2 * i] = row;
            origin[2 * i + 1] = col;
        }
        try (NDManager m = base.newSubManager()) {
            float[] full = pixels(batch);
            int side = FramePreprocessor.SIZE;
            float[] cut = new float[n * 3 * crop * crop];
            for (int i = 0; i < n; i++) {
                int y0 = origin[2 * i] * CELL;
                int x0 = origin[2 * i + 1] * CELL;
                for (int ch = 0; ch < 3; ch++) {
                    for (int y = 0; y < crop; y++) {
                        System.arraycopy(full, ((i * 3 + ch) * side + y0 + y) * side + x0, cut,
                                ((i * 3 + ch) * crop + y) * crop, crop);
                    }
                }
            }
            NDArray images = m.create(cut, new Shape(n, 3, crop, crop));
            return step(images, targets(m, batch, GRID, cells, origin, mirror), mirror, optimizer, m);
        }
    }

    /** Refuses a cut size that is not a whole number of cells (at least two) inside the 224 frame. */
    static void checkCrop(int crop) {
        if (crop % CELL != 0 || crop < 2 * CELL || crop > FramePreprocessor.SIZE) {
            throw new IllegalArgumentException("crop must be a multiple of " + CELL + " in [" + 2 * CELL + ", "
                    + FramePreprocessor.SIZE + "], got " + crop);
        }
    }

    private StepResult step(NDArray images, Targets t, boolean mirror, Optimizer optimizer, NDManager m) {
        if (mirror) {
            images = images.flip(3);
        }
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
            loss = cellLoss.add(soundLoss.mul(soundingWeight)).add(visibleLoss);
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
        return m.create(pixels(batch), new Shape(batch.size(), 3, FramePreprocessor.SIZE, FramePreprocessor.SIZE));
    }

    /** The batch's frames as the feature stage normalises them, [n, 3, 224, 224] row-major. */
    private static float[] pixels(List<LabelledSecond> batch) {
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
        return pixels;
    }

    /** Targets of one batch, cells row-major per image, mirrored with the images when asked. */
    private record Targets(NDArray cellOneHot, NDArray cellClasses, NDArray cellSounding, NDArray onInstrument,
            NDArray visible) {
    }

    /**
     * Targets of one batch over {@code window x window} cells of each image's {@code grid x grid} map starting at
     * cell ({@code origin[2i]}, {@code origin[2i+1]}), row-major, mirrored with the images when asked.
     */
    private static Targets targets(NDManager m, List<LabelledSecond> batch, int grid, int window, int[] origin,
            boolean mirror) {
        int cells = window * window;
        int n = batch.size();
        int[] classes = new int[n * cells];
        float[] sounding = new float[n * cells];
        float[] onInstrument = new float[n * cells];
        float[] visible = new float[n * Categories.ALL.size()];
        for (int i = 0; i < n; i++) {
            SecondLabels labels = batch.get(i).labels();
            SecondLabels.Box[] owners = labels.cellOwners(grid);
            for (int r = 0; r < window; r++) {
                for (int c = 0; c < window; c++) {
                    int col = origin[2 * i + 1] + (mirror ? window - 1 - c : c);
                    SecondLabels.Box owner = owners[(origin[2 * i] + r) * grid + col];
                    int at = i * cells + r * window + c;
                    classes[at] = owner == null ? SecondLabels.BACKGROUND : owner.category();
                    onInstrument[at] = owner == null ? 0 : 1;
                    sounding[at] = owner != null && owner.sounding() ? 1 : 0;
                }
            }
            if (window == grid) {
                System.arraycopy(labels.visible(), 0, visible, i * Categories.ALL.size(), Categories.ALL.size());
            } else {
                // a cut: the pooled vector's head learns what the cut shows
                for (int at = i * cells; at < (i + 1) * cells; at++) {
                    if (classes[at] != SecondLabels.BACKGROUND) {
                        visible[i * Categories.ALL.size() + classes[at]] = 1;
                    }
                }
            }
        }
        NDArray classArray = m.create(classes);
        return new Targets(classArray.oneHot(CLASSES), classArray, m.create(sounding), m.create(onInstrument),
                m.create(visible, new Shape(n, Categories.ALL.size())));
    }
}
