package io.avqa.features.extract;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** PyTorch's intra-op thread count (BLAS/conv parallelism) for the calling process. */
public final class InferenceThreads {
    private InferenceThreads() {
    }

    /** Sets the intra-op threads; {@code threads <= 0} keeps PyTorch's default (one per core). */
    public static void set(int threads) {
        Engine.getEngine("PyTorch"); // loads the native library before the JNI call
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
    }

    public static int current() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
