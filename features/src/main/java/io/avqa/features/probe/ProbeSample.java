package io.avqa.features.probe;

import java.util.List;

import io.avqa.features.train.SecondLabels;

/**
 * The frozen features of one labelled second, reduced to what the probes read.
 *
 * @param clip    the clip, for splitting by clip
 * @param audio   VGGish embedding [128]
 * @param pooled  ResNet-18 pooled vector [512]
 * @param boxes   per on-screen instrument that owns at least one cell of the 14x14 map: the mean of its cells
 * @param labels  the second's ground truth
 */
record ProbeSample(String clip, float[] audio, float[] pooled, List<BoxFeature> boxes, SecondLabels labels) {

    /** One instrument's map cells averaged: its category, whether it sounds, and the 512 values. */
    record BoxFeature(int category, boolean sounding, float[] values) {
    }
}
