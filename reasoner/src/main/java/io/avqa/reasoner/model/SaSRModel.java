package io.avqa.reasoner.model;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.avqa.reasoner.text.AnswerSet;
import io.avqa.reasoner.text.Classification;
import io.avqa.reasoner.text.QuestionClassifier;
import io.avqa.reasoner.text.QuestionTemplate;
import io.avqa.reasoner.text.TemplateCatalog;
import io.avqa.reasoner.text.Vocabulary;

/**
 * A trained SaSR-Net with everything saved beside its weights: window, vocabulary, answers, supported
 * templates, backbone id. This is the API the streaming reasoner uses:
 * <ol>
 *   <li>{@link #load(Path, String, Window)} once (fails if the features' backbone or the window differ);</li>
 *   <li>{@link #encode} once per window: steps 1-5 to a cached {@link WindowState};</li>
 *   <li>{@link #classify} a user's question, then {@link #answer} it on a cached state (steps 7-9).</li>
 * </ol>
 * Not thread-safe for concurrent training; inference calls may run from one thread per instance. Arrays of a
 * {@link WindowState} live in the manager passed to {@link #encode}.
 */
public final class SaSRModel implements AutoCloseable {
    public static final String CARD_FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int ALTERNATIVES = 3;
    private static final int QUESTION_CACHE_SIZE = 1024;

    private final NDManager manager;
    private final SaSRNet net;
    private final ModelCard card;
    private final Vocabulary vocabulary;
    private final AnswerSet answers;
    private final TemplateCatalog catalog;
    private final QuestionClassifier classifier;
    /** Question vectors by words; null while the weights may still change (a model being trained). */
    private final Map<List<String>, float[]> questionCache;
    private Executor visualBranch;

    private SaSRModel(NDManager manager, SaSRNet net, ModelCard card, boolean frozen) {
        this.manager = manager;
        this.questionCache = frozen ? lru(QUESTION_CACHE_SIZE) : null;
        this.net = net;
        this.card = card;
        this.vocabulary = Vocabulary.fromTokens(card.vocabulary());
        this.answers = AnswerSet.of(card.answers());
        List<QuestionTemplate> templates = new ArrayList<>();
        for (ModelCard.TemplateEntry t : card.templates()) {
            templates.add(new QuestionTemplate(t.text(), t.modality(), t.kind()));
        }
        this.catalog = TemplateCatalog.of(templates, card.slotValues());
        this.classifier = new QuestionClassifier(catalog);
    }

    /** Wraps a network just trained (or being trained) with its metadata; the card's weight fields are filled on save. */
    public static SaSRModel of(NDManager manager, SaSRNet net, ModelCard card) {
        return new SaSRModel(manager, net, card, false);
    }

    /** Loads a model directory; refuses a model trained on another backbone (null skips that check). */
    public static SaSRModel load(Path dir, String expectedBackboneId) throws IOException {
        return load(dir, expectedBackboneId, null);
    }

    /**
     * Loads a model directory and checks it against the features it will read.
     *
     * @param expectedBackboneId backbone id of the features (null: do not check)
     * @param expectedWindow     window the caller will feed (null: use the model's own)
     * @throws IncompatibleModelException when the backbone id or window differ
     */
    public static SaSRModel load(Path dir, String expectedBackboneId, Window expectedWindow) throws IOException {
        Path cardFile = dir.resolve(CARD_FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new IOException(dir + " is not a SaSR-Net model directory (no " + CARD_FILE + ")");
        }
        ModelCard card = JSON.readValue(cardFile.toFile(), ModelCard.class);
        if (expectedBackboneId != null && !expectedBackboneId.equals(card.backboneId())) {
            throw new IncompatibleModelException("model " + card.modelId() + " in " + dir + " was trained on features "
                    + "of backbone '" + card.backboneId() + "' but the features come from backbone '"
                    + expectedBackboneId + "'; re-extract the features with '" + card.backboneId()
                    + "' or train a model on these features");
        }
        if (expectedWindow != null && !expectedWindow.equals(card.window())) {
            throw new IncompatibleModelException("model " + card.modelId() + " in " + dir + " reads windows of "
                    + card.window() + " but the caller feeds " + expectedWindow + "; the window is fixed per "
                    + "trained model (its grouping MLP is sized by T), so configure the window as " + card.window()
                    + " or train a model for " + expectedWindow);
        }
        SaSRConfig config = new SaSRConfig(Preset.fromId(card.preset()), card.window(), card.categories().size(),
                card.answers().size(), card.vocabulary().size(), Ablation.parse(String.join(",", card.ablations())),
                Extension.parse(String.join(",", card.extensions())));
        NDManager manager = NDManager.newBaseManager();
        try {
            SaSRNet net = new SaSRNet(config).initialize(manager);
            SafetensorsWeights.read(net, dir.resolve(card.weightsFile()), manager);
            return new SaSRModel(manager, net, card, true);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Saves weights ({@code dtype} "F16" or "F32") and {@code model.json}; returns the card written. */
    public ModelCard save(Path dir, String dtype, Map<String, Object> metrics) throws IOException {
        Files.createDirectories(dir);
        String weightsFile = "weights.safetensors";
        Path weights = dir.resolve(weightsFile);
        SafetensorsWeights.write(net, weights, dtype);
        String digest = digest(weights);
        String id = card.preset() + "-" + card.backboneId() + "-" + digest.substring(0, 12);
        ModelCard saved = new ModelCard(id, card.preset(), card.steps(), card.strideSeconds(), card.ablations(),
                card.extensions(), card.categories(), card.vocabulary(), card.answers(), card.templates(), card.slotValues(),
                card.backboneId(), weightsFile, dtype, new LinkedHashMap<>(metrics));
        JSON.writeValue(dir.resolve(CARD_FILE).toFile(), saved);
        return saved;
    }

    private static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public SaSRNet net() {
        return net;
    }

    public ModelCard card() {
        return card;
    }

    public Window window() {
        return card.window();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public AnswerSet answers() {
        return answers;
    }

    public TemplateCatalog templates() {
        return catalog;
    }

    public List<String> categories() {
        return card.categories();
    }

    /**
     * Runs the visual semantic block of every later {@link #encode} on {@code executor}'s thread, beside the audio
     * block on the caller's ({@link WindowEncoder#VISUAL_BRANCH_EXECUTOR}); null runs both on the caller's. The
     * executor's threads must have PyTorch's grad mode off, as every inference thread here.
     */
    public void runVisualBranchOn(Executor executor) {
        this.visualBranch = executor;
    }

    /** Steps 1-5 for B windows: audio [B, T, 128], visual [B, T, 512, 14, 14], arrays in {@code m}. */
    public WindowState encode(NDArray audio, NDArray visual) {
        return encode(new NDList(audio, visual));
    }

    /**
     * Steps 1-5 for B windows with each segment's map statistics given ({@link MapStatistics}): pooled
     * [B, T, 512] and inverse position norms [B, T, 196], besides audio and visual as above.
     */
    public WindowState encode(NDArray audio, NDArray visual, NDArray pooled, NDArray inverseNorms) {
        return encode(new NDList(audio, visual, pooled, inverseNorms));
    }

    private WindowState encode(NDList inputs) {
        ParameterStore ps = new ParameterStore(inputs.head().getManager(), false);
        PairList<String, Object> params = visualBranch == null ? null
                : new PairList<>(List.of(WindowEncoder.VISUAL_BRANCH_EXECUTOR), List.of(visualBranch));
        NDList out = net.windowEncoder().forward(ps, inputs, false, params);
        NDArray grid = out.size() > WindowEncoder.QUESTION_GRID ? out.get(WindowEncoder.QUESTION_GRID) : null;
        WindowState state = new WindowState(out.get(0), out.get(1), out.get(2), out.get(3), out.get(4), grid);
        // the training-only outputs are freed now (the tokens are the parameter itself)
        for (int i = 5; i < WindowEncoder.QUESTION_GRID && i < out.size(); i++) {
            if (i != WindowEncoder.TOKENS) {
                out.get(i).close();
            }
        }
        return state;
    }

    /**
     * Steps 1-5 for one window from flat arrays: audio T*128 floats, visual T*512*14*14 floats (row-major as the
     * feature topics carry them). The state's arrays are allocated in {@code m}.
     */
    public WindowState encode(NDManager m, float[] audio, float[] visual) {
        float[][] statistics = MapStatistics.ofSteps(visual, card.steps());
        return encode(m, 1, audio, visual, statistics[0], statistics[1]);
    }

    /**
     * Steps 1-5 for {@code b} windows from flat arrays, with each segment's map statistics ({@link MapStatistics}):
     * pooled b*T*512 and inverse norms b*T*196 floats. The state's arrays are allocated in {@code m}.
     */
    public WindowState encode(NDManager m, int b, float[] audio, float[] visual, float[] pooled,
            float[] inverseNorms) {
        return encode(m, b, audio, FloatBuffer.wrap(visual), pooled, inverseNorms);
    }

    /**
     * {@link #encode(NDManager, int, float[], float[], float[], float[])} with the visual maps in a buffer: a direct
     * native-order {@link java.nio.ByteBuffer} is handed to PyTorch without a copy (it must stay unchanged until
     * this returns), any other buffer is copied.
     */
    public WindowState encode(NDManager m, int b, float[] audio, Buffer visual, float[] pooled,
            float[] inverseNorms) {
        int t = card.steps();
        return encode(m.create(audio, SaSRNet.audioShape(b, t)),
                m.create(visual, SaSRNet.visualShape(b, t), DataType.FLOAT32),
                m.create(pooled, new Shape(b, t, SaSRConfig.VISUAL_CHANNELS)),
                m.create(inverseNorms, new Shape(b, t, SaSRConfig.POSITIONS)));
    }

    /** Maps a typed question to a supported template (or says why it is unsupported). */
    public Classification classify(String question) {
        return classifier.classify(question);
    }

    /** Steps 7-9 for one supported question on window {@code window} of a cached state. */
    public AnswerPrediction answer(WindowState state, int window, Classification.Supported question) {
        return answer(state, new int[] {window}, List.of(question.words())).get(0);
    }

    /**
     * Steps 7-9 for Q questions given as word lists (as the tokenizer produces them); {@code windows[i]} is the
     * window of the state that question i asks about. Temporaries are freed before returning.
     */
    public List<AnswerPrediction> answer(WindowState state, int[] windows, List<List<String>> questions) {
        NDManager base = state.audio().getManager();
        try (NDManager m = base.newSubManager()) {
            long[] index = new long[windows.length];
            for (int i = 0; i < windows.length; i++) {
                index[i] = windows[i];
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDList out = net.questionHead().answer(ps, state.audio(), state.visual(), state.questionGrid(),
                    questionVectors(m, ps, questions), m.create(index), false);
            out.attach(m);
            float[][] probs = rows(out.get(0).softmax(1));
            float[][] ta = rows(out.get(1));
            float[][] tv = rows(out.get(2));
            List<AnswerPrediction> predictions = new ArrayList<>(probs.length);
            for (int i = 0; i < probs.length; i++) {
                predictions.add(prediction(probs[i], ta[i], tv[i]));
            }
            return predictions;
        }
    }

    /**
     * Step 7 for each question, from the cache when its words were asked before: the question encoder's LSTM
     * is two thirds of a question's cost (sasr-base: 4.3 of 6.6 ms), and live questions repeat (dashboards,
     * standing questions re-answered on every window). A new question is encoded alone, so its vector does
     * not depend on what else was asked with it.
     */
    private NDArray questionVectors(NDManager m, ParameterStore ps, List<List<String>> questions) {
        int d = Preset.fromId(card.preset()).width();
        float[] q = new float[questions.size() * d];
        for (int i = 0; i < questions.size(); i++) {
            float[] v = questionCache == null ? null : questionCache.get(questions.get(i));
            if (v == null) {
                v = net.questionHead().encodeQuestions(ps, m.create(new long[][] {vocabulary.encode(questions.get(i))}))
                        .toFloatArray();
                if (questionCache != null) {
                    questionCache.put(List.copyOf(questions.get(i)), v);
                }
            }
            System.arraycopy(v, 0, q, i * d, d);
        }
        return m.create(q, new Shape(questions.size(), d));
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private AnswerPrediction prediction(float[] p, float[] ta, float[] tv) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<AnswerPrediction.Scored> alternatives = new ArrayList<>();
        for (int k = 1; k <= Math.min(ALTERNATIVES, p.length - 1); k++) {
            alternatives.add(new AnswerPrediction.Scored(answers.answer(order[k]), p[order[k]]));
        }
        return new AnswerPrediction(answers.answer(order[0]), p[order[0]], alternatives, ta, tv);
    }

    private static float[][] rows(NDArray a) {
        Shape s = a.getShape();
        float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
        int n = (int) s.get(0);
        int w = (int) s.get(1);
        float[][] out = new float[n][w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * w, out[i], 0, w);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
