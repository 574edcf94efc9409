package io.avqa.features.probe;

/**
 * One probe's outcome on the held-out clips.
 *
 * @param probe  what is decoded, from which features
 * @param metric {@code accuracy} or {@code mean AUC}
 * @param value  in [0, 1]
 * @param train  training rows
 * @param test   held-out rows
 */
public record ProbeResult(String probe, String metric, double value, int train, int test) {
}
