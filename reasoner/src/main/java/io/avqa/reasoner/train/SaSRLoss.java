package io.avqa.reasoner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.avqa.reasoner.model.SaSRNet.TrainingOutputs;

/**
 * The training objective of MODEL.md: {@code CE(answer) + 0.5 CE(match) + 0.5 (BCE(p_audio) + BCE(p_visual))
 * + 0.5 CE(token identity)}, and with the {@code dense} extension {@code + 0.5 (BCE(heard per second) + BCE(sounding
 * column per second))} over the clips that have per-second labels. All terms are means over their items.
 */
public final class SaSRLoss {
    /** Weight of each auxiliary term (the paper's lambda_1 = lambda_2 = lambda_3). */
    public static final float AUX_WEIGHT = 0.5f;

    private SaSRLoss() {
    }

    /**
     * @param out     the training forward pass
     * @param answers [Q] int64 answer class per question
     * @param heard   [B, C] float 0/1, which categories are heard in each clip (target of p_audio)
     * @param visible [B, C] float 0/1, which categories are seen in each clip (target of p_visual)
     */
    public static Terms compute(TrainingOutputs out, NDArray answers, NDArray heard, NDArray visible) {
        return compute(out, answers, heard, visible, null, null, null);
    }

    /**
     * {@link #compute(TrainingOutputs, NDArray, NDArray, NDArray)} plus the dense heads' per-second targets
     * ({@link ClipBatch#secondHeard()}, {@link ClipBatch#secondColumns()}, {@link ClipBatch#secondMask()}); they
     * are required when the outputs carry the dense heads' logits.
     */
    public static Terms compute(TrainingOutputs out, NDArray answers, NDArray heard, NDArray visible,
            NDArray secondHeard, NDArray secondColumns, NDArray secondMask) {
        NDManager m = answers.getManager();
        NDArray answer = crossEntropy(out.answerLogits(), answers);
        long pairs = out.matchLogits().getShape().get(0);
        // first half positives (label 1), second half negatives (label 0)
        NDArray matchLabels = m.ones(new ai.djl.ndarray.types.Shape(pairs / 2), DataType.INT64)
                .concat(m.zeros(new ai.djl.ndarray.types.Shape(pairs / 2), DataType.INT64));
        NDArray match = crossEntropy(out.matchLogits(), matchLabels);
        NDArray source = binaryCrossEntropy(out.audioPresenceLogits(), heard)
                .add(binaryCrossEntropy(out.visualPresenceLogits(), visible));
        long c = out.tokenIdentityLogits().getShape().get(0);
        NDArray identity = crossEntropy(out.tokenIdentityLogits(), m.arange(0, c, 1, DataType.INT64));
        NDArray aux = match.add(source).add(identity);
        NDArray seconds = null;
        if (out.secondHeardLogits() != null) {
            if (secondMask == null) {
                throw new IllegalArgumentException("a model with the dense heads needs per-second targets");
            }
            seconds = maskedBinaryCrossEntropy(out.secondHeardLogits(), secondHeard, secondMask)
                    .add(maskedBinaryCrossEntropy(out.secondColumnLogits(), secondColumns, secondMask));
            aux = aux.add(seconds);
        }
        NDArray total = answer.add(aux.mul(AUX_WEIGHT));
        return new Terms(total, answer, match, source, identity, seconds);
    }

    /** Mean cross-entropy of logits [N, K] against class ids [N]. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int k = (int) logits.getShape().get(1);
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(k).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /** Mean binary cross-entropy of logits against 0/1 targets, in the numerically stable form. */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        return elementwiseBinaryCrossEntropy(logits, targets).mean();
    }

    private static NDArray elementwiseBinaryCrossEntropy(NDArray logits, NDArray targets) {
        // max(x, 0) - x*y + log(1 + exp(-|x|))
        return logits.maximum(0f).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log());
    }

    /**
     * Mean binary cross-entropy of logits [B, T, K] against targets [B, T, K] over the clips whose mask [B] is 1;
     * zero when no clip of the batch has labels.
     */
    static NDArray maskedBinaryCrossEntropy(NDArray logits, NDArray targets, NDArray mask) {
        NDArray perItem = elementwiseBinaryCrossEntropy(logits, targets);
        long perClip = logits.getShape().get(1) * logits.getShape().get(2);
        NDArray weighted = perItem.sum(new int[] {1, 2}).mul(mask);
        return weighted.sum().div(mask.sum().mul(perClip).maximum(1f));
    }

    /** The total and its terms (scalars); {@code seconds} is null without the dense heads. */
    public record Terms(NDArray total, NDArray answer, NDArray match, NDArray source, NDArray identity,
            NDArray seconds) {
    }
}
