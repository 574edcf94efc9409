package io.avqa.reasoner.train;

/**
 * A clip's per-second training targets over the model's window (from {@code SecondLabels}), for the heads of the
 * {@code dense} extension.
 *
 * @param heard   T x 22, row-major: which categories sound at each step
 * @param columns T x 3 (left, middle, right), row-major: in which columns a visible instrument sounds at each step
 */
public record SecondTargets(float[] heard, float[] columns) {
}
