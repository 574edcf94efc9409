package io.avqa.features.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.audio.AudioLevelMeter;
import io.avqa.features.audio.LogMelFrontEnd;
import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.visual.FramePreprocessor;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.Backbone;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.WeightMismatchException;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;
import io.avqa.schemas.Segment;

/**
 * Segments to Embeddings: the VGGish front end and network on the audio, ResNet-18 on the frame, in one
 * batch. The same class serves the Kafka service and offline extraction, so training and serving see
 * identical features.
 *
 * <p>Thread-confined: one instance per thread. It owns its networks' weights (two DJL {@link Model}s) and
 * allocates everything of a batch in a sub-manager that is closed before {@link #extract} returns.
 */
public final class FeatureExtractor implements AutoCloseable {
    public static final int MAX_BATCH = 64;
    public static final int MAP_SIZE = 14;
    public static final int MAP_VALUES = ResNet18.CHANNELS * MAP_SIZE * MAP_SIZE;

    private final Backbone backbone;
    private final Model resnetModel;
    private final Model vggishModel;
    private final ResNet18 resnet;
    private final VggishNetwork vggish;
    private final LogMelFrontEnd frontEnd;
    private final NDManager manager;

    private FeatureExtractor(Backbone backbone, Model resnetModel, Model vggishModel, ResNet18 resnet,
            VggishNetwork vggish) {
        this.backbone = backbone;
        this.resnetModel = resnetModel;
        this.vggishModel = vggishModel;
        this.resnet = resnet;
        this.vggish = vggish;
        this.manager = resnetModel.getNDManager().newSubManager();
        this.frontEnd = new LogMelFrontEnd(manager);
    }

    /**
     * Builds both networks and binds {@code backbone}'s weights.
     *
     * @throws WeightMismatchException listing every key of a checkpoint that does not fit
     */
    public static FeatureExtractor create(Backbone backbone, Device device) throws WeightMismatchException, IOException {
        Model resnetModel = Model.newInstance("resnet18", device, "PyTorch");
        Model vggishModel = Model.newInstance("vggish", device, "PyTorch");
        try {
            ResNet18 resnet = new ResNet18();
            VggishNetwork vggish = new VggishNetwork(backbone.vggishFinalRelu(), backbone.vggishPca());
            backbone.bind(Network.RESNET18, resnet.torchParameters(), resnetModel.getNDManager());
            backbone.bind(Network.VGGISH, vggish.torchParameters(), vggishModel.getNDManager());
            resnet.fuseBatchNorm();
            resnetModel.setBlock(resnet);
            vggishModel.setBlock(vggish);
            return new FeatureExtractor(backbone, resnetModel, vggishModel, resnet, vggish);
        } catch (WeightMismatchException | IOException | RuntimeException e) {
            resnetModel.close();
            vggishModel.close();
            throw e;
        }
    }

    public String backboneId() {
        return backbone.id();
    }

    /** Multiply-accumulates per segment: ResNet-18 on 224x224 plus VGGish on one 96x64 example. */
    public long macsPerSegment() {
        return resnet.macs(FramePreprocessor.SIZE, FramePreprocessor.SIZE) + vggish.macs();
    }

    /**
     * Extracts features of a batch (1..{@link #MAX_BATCH} segments); results are in input order. Invalid
     * segments are rejected with a reason and do not stop the others.
     */
    public List<Extraction> extract(List<Segment> segments) {
        if (segments.isEmpty() || segments.size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + segments.size() + " segments; expected 1.." + MAX_BATCH);
        }
        int n = segments.size();
        float[] audio = new float[n * LogMelFrontEnd.SAMPLES];
        float[] pixels = new float[n * FramePreprocessor.VALUES];
        String[] rejection = new String[n];
        int[] rowOf = new int[n];
        int rows = 0;
        for (int i = 0; i < n; i++) {
            rejection[i] = SegmentInput.parseInto(segments.get(i), audio, pixels, rows);
            rowOf[i] = rejection[i] == null ? rows++ : -1;
        }
        Outputs out = rows == 0 ? null : infer(audio, pixels, rows);
        long now = System.currentTimeMillis();
        List<Extraction> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Segment s = segments.get(i);
            if (rejection[i] != null) {
                results.add(new Extraction.Rejected(s, rejection[i]));
            } else if (!out.finite(rowOf[i])) {
                results.add(new Extraction.Rejected(s, "features contain NaN or infinite values"));
            } else {
                results.add(new Extraction.Features(s, out.embedding(s, rowOf[i], backbone.id(), now)));
            }
        }
        return results;
    }

    private Outputs infer(float[] audio, float[] pixels, int rows) {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray waves = m.create(rows == audio.length / LogMelFrontEnd.SAMPLES ? audio
                    : Arrays.copyOf(audio, rows * LogMelFrontEnd.SAMPLES), new Shape(rows, LogMelFrontEnd.SAMPLES));
            NDArray examples = frontEnd.examples(waves);
            float[] audioOut = vggish.forward(ps, new NDList(examples), false).singletonOrThrow().toFloatArray();
            NDArray images = m.create(rows == pixels.length / FramePreprocessor.VALUES ? pixels
                    : Arrays.copyOf(pixels, rows * FramePreprocessor.VALUES),
                    new Shape(rows, 3, FramePreprocessor.SIZE, FramePreprocessor.SIZE));
            NDList visual = resnet.forward(ps, new NDList(images), false);
            NDArray map = visual.get(0);
            if (map.getShape().get(2) != MAP_SIZE || map.getShape().get(3) != MAP_SIZE) {
                throw new IllegalStateException("ResNet-18 map is " + map.getShape() + "; expected 14x14");
            }
            float[] pooled = visual.get(1).toFloatArray();
            byte[] fp16 = map.toType(DataType.FLOAT16, false).toByteArray();
            return new Outputs(audioOut, pooled, fp16);
        }
    }

    /** Flat outputs of one batch, row-major. */
    private record Outputs(float[] audio, float[] visual, byte[] mapFp16) {
        boolean finite(int row) {
            return FeatureExtractor.finite(audio, visual, mapFp16, row);
        }

        Embedding embedding(Segment s, int row, String backboneId, long now) {
            ByteBuffer half = ByteBuffer.allocate(MAP_VALUES * 2).order(ByteOrder.LITTLE_ENDIAN);
            half.put(mapFp16, row * MAP_VALUES * 2, MAP_VALUES * 2).flip();
            return Embedding.newBuilder()
                    .setStreamId(s.getStreamId())
                    .setSeq(s.getSeq())
                    .setStartMs(s.getStartMs())
                    .setAudio(boxed(audio, row * VggishNetwork.EMBEDDING, VggishNetwork.EMBEDDING))
                    .setVisual(boxed(visual, row * ResNet18.CHANNELS, ResNet18.CHANNELS))
                    .setVisualMap(FeatureMap.newBuilder().setChannels(ResNet18.CHANNELS).setHeight(MAP_SIZE)
                            .setWidth(MAP_SIZE).setFp16(half).build())
                    .setBackboneId(backboneId)
                    .setAudioMissing(s.getAudioMissing())
                    .setLive(s.getLive())
                    .setIngestMs(s.getIngestMs())
                    .setFeaturesMs(now)
                    // padded audio says nothing about the stream's level
                    .setAudioLevelDb(s.getAudioMissing() ? null : AudioLevelMeter.dbfs(s.getAudio()))
                    .build();
        }

        private static List<Float> boxed(float[] v, int from, int count) {
            List<Float> out = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                out.add(v[i]);
            }
            return out;
        }
    }

    /**
     * Whether row {@code row} of a batch's outputs is finite as published (else it is rejected): the map is
     * checked in fp16, which also catches fp32 values beyond fp16's range (65504) that became infinite in the
     * conversion.
     */
    static boolean finite(float[] audio, float[] visual, byte[] mapFp16, int row) {
        return finite(audio, row * VggishNetwork.EMBEDDING, VggishNetwork.EMBEDDING)
                && finite(visual, row * ResNet18.CHANNELS, ResNet18.CHANNELS)
                && finiteHalves(mapFp16, row * MAP_VALUES, MAP_VALUES);
    }

    /** Little-endian fp16 values: all exponent bits set means infinite or NaN. */
    private static boolean finiteHalves(byte[] halves, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if ((halves[2 * i + 1] & 0x7C) == 0x7C) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(float[] v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Float.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        manager.close();
        resnetModel.close();
        vggishModel.close();
    }
}
