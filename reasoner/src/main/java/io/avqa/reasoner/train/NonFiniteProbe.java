package io.avqa.reasoner.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.avqa.reasoner.model.SaSRNet;

/**
 * Runs a training step again: same batch, same parameters, same random seed (so the same drop-path draws). When a
 * step's loss is finite but some gradient entries are not, the trainer recomputes the step with {@link #replay};
 * should the entries stay non-finite, {@link #attribute} replays it once per loss term, back-propagating that
 * term alone, and names the parameters whose gradient is then non-finite (a term finite on its own rules its
 * whole path out).
 */
final class NonFiniteProbe {
    /** The terms the probe replays, in order, by name. */
    private static final Map<String, Function<SaSRLoss.Terms, NDArray>> TERMS = new LinkedHashMap<>();

    static {
        TERMS.put("total", SaSRLoss.Terms::total);
        TERMS.put("answer", SaSRLoss.Terms::answer);
        TERMS.put("match", SaSRLoss.Terms::match);
        TERMS.put("source", SaSRLoss.Terms::source);
        TERMS.put("identity", SaSRLoss.Terms::identity);
        TERMS.put("seconds", SaSRLoss.Terms::seconds);
    }

    private NonFiniteProbe() {
    }

    /**
     * Replays the step once per term; returns, per term, the parameters with a non-finite gradient (an empty
     * list: finite). Overwrites the parameters' gradients: the caller keeps its own copies.
     */
    static Map<String, List<String>> attribute(SaSRNet net, List<Pair<String, Parameter>> params, ClipBatch b,
            int seed, NDManager m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Function<SaSRLoss.Terms, NDArray>> term : TERMS.entrySet()) {
            if (replay(net, params, b, seed, m, term.getValue())) {
                out.put(term.getKey(), nonFinite(params, m));
            }
        }
        return out;
    }

    /**
     * Runs the step again from cleared gradients and back-propagates one term of its loss (e.g.
     * {@code Terms::total}); the parameters' gradients are then that term's. Returns false (and leaves the
     * gradients cleared) when the model has no such term.
     */
    static boolean replay(SaSRNet net, List<Pair<String, Parameter>> params, ClipBatch b, int seed, NDManager m,
            Function<SaSRLoss.Terms, NDArray> term) {
        zeroGradients(params, m);
        Engine.getInstance().setRandomSeed(seed);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            SaSRLoss.Terms terms = SaSRLoss.compute(forward(net, b, m), b.answers(), b.heard(), b.visible(),
                    b.secondHeard(), b.secondColumns(), b.secondMask());
            NDArray value = term.apply(terms);
            if (value == null) {
                return false;
            }
            gc.backward(value);
            return true;
        }
    }

    static SaSRNet.TrainingOutputs forward(SaSRNet net, ClipBatch b, NDManager m) {
        return net.forwardTraining(new ParameterStore(m, false), b.audio(), b.visual(), b.tokens(), b.windowIndex(),
                b.negatives(), true);
    }

    private static List<String> nonFinite(List<Pair<String, Parameter>> params, NDManager m) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            NDArray g = gradient(p.getValue(), m);
            if (g != null && g.isNaN().logicalOr(g.isInfinite()).any().getBoolean()) {
                names.add(p.getKey());
            }
        }
        return names;
    }

    private static void zeroGradients(List<Pair<String, Parameter>> params, NDManager m) {
        for (Pair<String, Parameter> p : params) {
            NDArray g = gradient(p.getValue(), m);
            if (g != null) {
                g.set(new NDIndex(":"), 0f); // a fill, which also clears NaN (g - g would not)
            }
        }
    }

    private static NDArray gradient(Parameter p, NDManager m) {
        try {
            NDArray g = p.getArray().getGradient();
            g.attach(m);
            return g;
        } catch (IllegalStateException e) {
            return null; // a part an ablation switched off has no gradient
        }
    }

    /** One log line: the terms whose gradient alone is non-finite, each with its parameter count and first names. */
    static String describe(Map<String, List<String>> byTerm) {
        StringBuilder s = new StringBuilder();
        byTerm.forEach((term, names) -> {
            s.append(s.length() == 0 ? "" : "; ").append(term).append(": ");
            s.append(names.isEmpty() ? "finite" : names.size() + " parameters non-finite, first "
                    + names.subList(0, Math.min(3, names.size())));
        });
        return s.toString();
    }
}
