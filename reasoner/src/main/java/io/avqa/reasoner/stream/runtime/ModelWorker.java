package io.avqa.reasoner.stream.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.stream.window.WindowFeatures;

/**
 * One stream thread's model and its cache of encoded windows. Created once per thread and used only from it
 * (DJL inference on one model instance is not meant to be shared across threads).
 */
public final class ModelWorker implements AutoCloseable {
    private final SaSRModel model;
    private final NDManager manager;
    private final Map<String, EncodedWindow> cache;
    private long encodes;

    ModelWorker(SaSRModel model, int cachedWindows) {
        this.model = model;
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
            WindowState state = model.encode(scratch, features.audio(), features.visual());
            state.toList().attach(owner);
            EncodedWindow encoded = new EncodedWindow(streamId, features.seqs(), state,
                    row(state.audioPresence()), row(state.visualPresence()), grid(state.spatialAttention()),
                    features.newest(), owner);
            EncodedWindow old = cache.put(streamId, encoded);
            if (old != null) {
                old.close();
            }
            encodes++;
            return encoded;
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
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
        manager.close();
        model.close();
    }
}
