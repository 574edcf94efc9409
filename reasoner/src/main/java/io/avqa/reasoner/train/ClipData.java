package io.avqa.reasoner.train;

import java.util.List;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * One clip ready for the model: its window of features and all its questions (batched together so steps 1-6
 * run once per clip).
 *
 * @param videoId   clip id
 * @param audio     T x 128 floats, row-major
 * @param visual    T x 512 x 14 x 14 floats, row-major
 * @param heard     C zeros/ones: categories heard in the clip
 * @param visible   C zeros/ones: categories seen in the clip
 * @param seconds   per-second targets over the window, or null when the clip has no per-second labels
 * @param questions the clip's questions in file order
 */
public record ClipData(String videoId, float[] audio, float[] visual, float[] heard, float[] visible,
        SecondTargets seconds, List<AvqaQuestion> questions) {
}
