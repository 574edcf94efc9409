package io.avqa.reasoner.train;

import ai.djl.training.tracker.Tracker;

/** The paper's schedule: the learning rate is multiplied by {@code factor} every {@code every} updates. */
record StepDecay(float base, float factor, int every) implements Tracker {
    @Override
    public float getNewValue(int numUpdate) {
        return (float) (base * Math.pow(factor, Math.max(0, numUpdate - 1) / Math.max(1, every)));
    }
}
