package io.avqa.features.train;

import io.avqa.schemas.Segment;

/** One second of a labelled clip: the segment the pipeline cuts (frame + audio) and its ground truth. */
public record LabelledSecond(String clip, Segment segment, SecondLabels labels) {
}
