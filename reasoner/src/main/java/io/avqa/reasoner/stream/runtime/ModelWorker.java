package io.avqa.reasoner.stream.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.stream.window.WindowFeatures;
import io.avqa.reasoner.text.Classification;

/**
 * One stream thread's model and its cache of encoded windows. Created once per thread and used only from it
 * (DJL inference on one model instance is not meant to be shared across threads).
 */
public final class ModelWorker implements AutoCloseable {
    /** Helper threads for the visual branch, with grad mode off like the thread that uses them. */
    private static final ThreadFactory BRANCH_THREADS = task -> {
        Thread t = new Thread(() -> {
            JniUtils.setGradMode(false);
            task.run();
        }, "avqa-visual-branch");
        t.setDaemon(true);
        return t;
    };

    private final SaSRModel model;
    private final InferenceTimers timers;
    private final NDManager manager;
    private final Map<String, EncodedWindow> cache;
    private long encodes;
    private ByteBuffer visualInput;
    private final ExecutorService branch;

    ModelWorker(SaSRModel model, int cachedWindows, InferenceTimers timers) {
        this(model, cachedWindows, timers, false);
    }

    /**
     * @param parallelBranches run each encode's visual branch on a helper thread of this worker while the calling
     *                         thread runs the audio branch. For stream threads, which encode a lazy question's
     *                         window while the question waits: on a 2-core AMD EPYC a sasr-base window took 45-51
     *                         instead of 68-79 ms (fp32, p50). Not for the eager encoder threads, which already fill
     *                         the cores.
     */
    ModelWorker(SaSRModel model, int cachedWindows, InferenceTimers timers, boolean parallelBranches) {
        // PyTorch's grad mode is per thread and on by default; DJL switches it off only on the thread that loaded
        // the engine. Off here (the worker is created on its stream thread): without autograd's bookkeeping a
        // sasr-base window took 69.9 instead of 87.8 ms in the JMH benchmark (SaSRNetJmh), a question 7.6 vs 10.3.
        JniUtils.setGradMode(false);
        this.model = model;
        this.timers = timers;
        this.branch = parallelBranches ? Executors.newSingleThreadExecutor(BRANCH_THREADS) : null;
        model.runVisualBranchOn(branch);
        this.manager = NDManager.newBaseManager();
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EncodedWindow> eldest) {
                if (size() > cachedWindows) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    public SaSRModel model() {
        return model;
    }

    /** Steps 7-9 for one question on an encoded window, timed. */
    public AnswerPrediction answer(EncodedWindow window, Classification.Supported question) {
        long started = System.nanoTime();
        AnswerPrediction p = model.answer(window.state(), 0, question);
        timers.answered(System.nanoTime() - started);
        return p;
    }

    /** The cached state of {@code streamId} if it covers exactly {@code seqs}, else null. */
    public EncodedWindow cached(String streamId, long[] seqs) {
        EncodedWindow w = cache.get(streamId);
        return w != null && w.covers(seqs) ? w : null;
    }

    /** Steps 1-5 on a window (or the cached result when this window was encoded already). */
    public EncodedWindow encode(String streamId, WindowFeatures features) {
        EncodedWindow hit = cached(streamId, features.seqs());
        if (hit != null) {
            return hit;
        }
        NDManager owner = manager.newSubManager();
        try (NDManager scratch = manager.newSubManager()) {
            // The 4 MB visual input is freed with scratch; only the small state survives, in owner.
            long started = System.nanoTime();
            WindowState state = encodeInputs(scratch, List.of(features));
            timers.encoded(1, System.nanoTime() - started);
            state.toList().attach(owner);
            encodes++;
            return remember(encoded(streamId, features, state, owner));
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * Steps 1-5 on several streams' windows in one forward pass (cheaper per window than one at a time); windows
     * already cached are not encoded again. Returns the encoded windows in the order given.
     */
    public List<EncodedWindow> encodeAll(List<String> streamIds, List<WindowFeatures> windows) {
        List<EncodedWindow> out = new ArrayList<>(windows.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            EncodedWindow hit = cached(streamIds.get(i), windows.get(i).seqs());
            out.add(hit);
            if (hit == null) {
                missing.add(i);
            }
        }
        if (missing.size() == 1) {
            int i = missing.get(0);
            out.set(i, encode(streamIds.get(i), windows.get(i)));
            return out;
        }
        if (missing.isEmpty()) {
            return out;
        }
        List<WindowFeatures> batch = new ArrayList<>(missing.size());
        for (int i : missing) {
            batch.add(windows.get(i));
        }
        List<EncodedWindow> encoded = encodeBatch(missing.stream().map(streamIds::get).toList(), batch);
        for (int k = 0; k < encoded.size(); k++) {
            out.set(missing.get(k), remember(encoded.get(k)));
        }
        return out;
    }

    /**
     * Steps 1-5 on several windows in one forward pass, bypassing the cache: the caller owns the results (the
     * eager encoder pool hands them to the stream thread that asked).
     */
    public List<EncodedWindow> encodeBatch(List<String> streamIds, List<WindowFeatures> windows) {
        int b = windows.size();
        List<EncodedWindow> out = new ArrayList<>(b);
        try (NDManager scratch = manager.newSubManager()) {
            long started = System.nanoTime();
            WindowState batch = encodeInputs(scratch, windows);
            timers.encoded(b, System.nanoTime() - started);
            for (int k = 0; k < b; k++) {
                NDManager owner = manager.newSubManager();
                NDIndex one = new NDIndex().addSliceDim(k, k + 1);
                NDList slices = new NDList();
                for (NDArray a : batch.toList()) {
                    // A copy, so the window does not keep the whole batch alive.
                    slices.add(a.get(one).duplicate());
                }
                slices.attach(owner);
                out.add(encoded(streamIds.get(k), windows.get(k), WindowState.of(slices), owner));
            }
            encodes += b;
        }
        return out;
    }

    /**
     * Caches a window encoded elsewhere (by the eager encoder pool) unless the cache already holds a newer one of
     * its stream, in which case it is closed. Returns whether it was kept.
     */
    public boolean offer(EncodedWindow window) {
        EncodedWindow current = cache.get(window.streamId());
        if (current != null && current.toSeq() >= window.toSeq()) {
            window.close();
            return false;
        }
        remember(window);
        return true;
    }

    /** The newest cached window of {@code streamId}, whichever window it covers, or null. */
    public EncodedWindow latest(String streamId) {
        return cache.get(streamId);
    }

    /**
     * Steps 1-5 on windows copied once from their segments into one batch of flat inputs in {@code scratch}. The
     * visual maps (4 MB a window) go into this worker's reused direct buffer, which PyTorch reads in place. They
     * used to go into a fresh float[] (zeroed by the JVM), then DJL copied them again into a fresh direct buffer;
     * batches of 16 on one thread went from 194 to 162 ms for sasr-base at bf16 precision (333 to 294 in fp32) and
     * from 97 to 70 ms for sasr-small.
     */
    private WindowState encodeInputs(NDManager scratch, List<WindowFeatures> windows) {
        int b = windows.size();
        WindowFeatures.Segment first = windows.get(0).segments()[0];
        int steps = windows.get(0).segments().length * b;
        float[] audio = new float[steps * first.audio().length];
        ByteBuffer visual = visualInput(steps * first.visual().length);
        FloatBuffer visualFloats = visual.asFloatBuffer();
        float[] pooled = new float[steps * first.pooled().length];
        float[] inverseNorms = new float[steps * first.inverseNorms().length];
        for (int k = 0; k < b; k++) {
            windows.get(k).copyInto(k, audio, visualFloats, pooled, inverseNorms);
        }
        return model.encode(scratch, b, audio, visual, pooled, inverseNorms);
    }

    /**
     * The reused visual input buffer, limited to {@code floats} values. Safe to reuse: the arrays made on it live in
     * the encode's scratch manager, closed before the next encode, and the model's outputs are new arrays.
     */
    private ByteBuffer visualInput(int floats) {
        int bytes = floats * Float.BYTES;
        if (visualInput == null || visualInput.capacity() < bytes) {
            visualInput = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        return visualInput.clear().limit(bytes).slice().order(ByteOrder.nativeOrder());
    }

    private static EncodedWindow encoded(String streamId, WindowFeatures features, WindowState state,
            NDManager owner) {
        return new EncodedWindow(streamId, features.seqs(), state, row(state.audioPresence()),
                row(state.visualPresence()), grid(state.spatialAttention()), features.newest(), owner);
    }

    private EncodedWindow remember(EncodedWindow encoded) {
        EncodedWindow old = cache.put(encoded.streamId(), encoded);
        if (old != null && old != encoded) {
            old.close();
        }
        return encoded;
    }

    /** Windows encoded so far by this thread (for tests and metrics). */
    public long encodes() {
        return encodes;
    }

    private static float[] row(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static float[][] grid(NDArray spatial) {
        long steps = spatial.getShape().get(1);
        float[] flat = row(spatial);
        int width = (int) (flat.length / steps);
        float[][] out = new float[(int) steps][width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(flat, t * width, out[t], 0, width);
        }
        return out;
    }

    @Override
    public void close() {
        cache.values().forEach(EncodedWindow::close);
        cache.clear();
        if (branch != null) {
            branch.shutdownNow();
        }
        manager.close();
        model.close();
    }
}
