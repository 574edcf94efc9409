package io.avqa.reasoner.stream.answer;

/**
 * Coarse confidence levels. A standing question is re-sent when its answer or its band changes, not on every
 * wiggle of the probability, so a dashboard does not flicker with each segment.
 */
public enum ConfidenceBand {
    LOW, MEDIUM, HIGH;

    static final float MEDIUM_FROM = 0.5f;
    static final float HIGH_FROM = 0.8f;

    public static ConfidenceBand of(float probability) {
        return probability >= HIGH_FROM ? HIGH : probability >= MEDIUM_FROM ? MEDIUM : LOW;
    }
}
