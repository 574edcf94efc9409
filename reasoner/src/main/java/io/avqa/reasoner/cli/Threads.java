package io.avqa.reasoner.cli;

/**
 * Sets PyTorch's CPU thread counts before DJL starts its engine (the engine reads them once).
 */
final class Threads {
    private Threads() {
    }

    static void configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
