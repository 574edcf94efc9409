package io.avqa.features.extract;

import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;

/** What became of one segment: its features, or why it was rejected (for the dead-letter topic). */
public sealed interface Extraction permits Extraction.Features, Extraction.Rejected {

    Segment segment();

    /** Finite features of a valid segment. */
    record Features(Segment segment, Embedding embedding) implements Extraction {
    }

    /** An undecodable frame, audio of the wrong length, or features that came out NaN/infinite. */
    record Rejected(Segment segment, String reason) implements Extraction {
    }
}
