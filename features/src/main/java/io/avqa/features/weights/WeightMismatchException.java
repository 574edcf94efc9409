package io.avqa.features.weights;

import java.util.List;

/**
 * A checkpoint does not fit a network: every missing, unexpected and mis-shaped key is listed in one
 * message, so a user fixes the export once instead of one key per run.
 */
public final class WeightMismatchException extends Exception {
    private final List<String> problems;

    public WeightMismatchException(String source, List<String> problems) {
        super(source + " does not fit the network (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public WeightMismatchException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** One line per problem, e.g. {@code missing: layer1.0.bn1.running_var [64]}. */
    public List<String> problems() {
        return problems;
    }
}
