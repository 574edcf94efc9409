package io.avqa.reasoner.model;

/**
 * Analytic floating-point operation counts (2 per multiply-add) of SaSR-Net's inference parts, from the layer
 * sizes of MODEL.md: the per-window part (steps 1-5) and the per-question part (steps 7-9). Element-wise
 * activations, softmax and normalisation are left out except the 196-position work of step 5.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** FLOPs of steps 1-5 for one window. */
    public static long window(SaSRConfig c) {
        long t = c.steps();
        long d = c.width();
        long k = c.categories();
        long p = SaSRConfig.POSITIONS;
        long v = SaSRConfig.VISUAL_CHANNELS;
        long mac = 0;
        mac += t * (SaSRConfig.AUDIO_DIM * d + d * d);              // step 1
        mac += t * v * p / 2;                                       // step 2: mean pooling (adds)
        mac += t * (2 * v * d + 2 * d * d);                         // visual projections + fuse
        mac += t * d * d;                                           // audio projection in the block
        long n = c.has(Ablation.SLT) ? t : t + k;
        mac += 2L * c.preset().depth() * encoderLayer(n, d);        // step 4 encoders, both modalities
        mac += crossLayer(t, t, d);                                 // audio attends to visual
        if (!c.has(Ablation.SASR)) {
            mac += 2 * (grouping(t, k, d) + crossLayer(t, k, d));   // grouping + gather, both modalities
        }
        mac += 2 * k * d;                                           // presence heads
        if (d != v) {
            mac += t * d * v;                                       // audio query projection (sasr-small)
        }
        mac += 3 * t * p * v;                                       // step 5: normalise, dot products, weighted sum
        mac += t * (d + v) * d;                                     // f_sa fusion
        if (c.has(Extension.QSA)) {
            mac += t * v * p / 2 + p * v * d;                       // question grid: mean over T, projection
        }
        return 2 * mac;
    }

    /** FLOPs of steps 7-9 for one question on a cached window. */
    public static long question(SaSRConfig c) {
        long t = c.steps();
        long d = c.width();
        long l = SaSRConfig.QUESTION_LENGTH;
        long mac = 0;
        mac += l * 4 * (d * d + d * d);                             // LSTM, 4 gates, input and hidden
        mac += 2 * d * d;                                           // FC(2D -> D)
        mac += 2 * oneQueryAttention(t, d);                         // audio and visual temporal attention
        mac += 2 * d * d + d * c.answers();                         // answer head
        if (c.has(Extension.QSA)) {
            mac += oneQueryAttention(SaSRConfig.POSITIONS, d);      // the same attention over the 196 positions
        }
        return 2 * mac;
    }

    /**
     * One query over lk keys of width d as {@code MultiHeadAttention.forwardOneQuery} computes it: query and output
     * projections, the query into key space and the weighted keys back (d x d each), logits and weighted sum
     * (each head over the full key width: heads x lk x d twice), and the feed-forward.
     */
    private static long oneQueryAttention(long lk, long d) {
        long heads = Preset.TEMPORAL_HEADS;
        return 4 * d * d + 2 * heads * lk * d + 2 * d * d;
    }

    private static long encoderLayer(long n, long d) {
        return 4 * n * d * d + 2 * n * n * d + 8 * n * d * d;
    }

    private static long crossLayer(long lq, long lk, long d) {
        return 2 * lq * d * d + 2 * lk * d * d + 2 * lq * lk * d + 8 * lq * d * d;
    }

    private static long grouping(long t, long k, long d) {
        return 2 * d * k * k + crossLayer(k, t, d) + 2 * k * d * d + 2 * t * d * d + 2 * k * t * d + 8 * k * d * d;
    }
}
