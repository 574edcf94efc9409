package io.avqa.reasoner.model;

import java.util.Locale;
import java.util.Set;

/**
 * Parts beyond the paper's SaSR-Net that a model may be trained with; saved in {@code model.json}, so a model
 * without them (every model trained before they existed) loads and answers exactly as before.
 */
public enum Extension {
    /**
     * Question-guided spatial attention: the question attends over the 196 positions of the window's visual map
     * (time-averaged, projected to D, with a learned position embedding), and the result joins the visual
     * evidence of the answer head. The paper's only spatial attention is guided by the audio, and the pooled
     * visual features it otherwise reads have lost where things are, so "what is on the left?" and counting what
     * is on screen had nothing to go on (MODEL.md, "What we do beyond the reference").
     */
    QSA,
    /**
     * Per-second supervision, training only: two linear heads read each step of the window and learn, from the
     * benchmark's per-second labels, which categories sound (from the enriched audio f_g_audio) and in which screen
     * column a visible instrument sounds (from the audio-guided visual f_sa). The paper supervises source presence
     * once per clip, which says nothing about when or where; the temporal attention reads exactly these per-step
     * features, and questions about order, counting what sounds and where the sound is need both facts per
     * second. Clips without per-second labels (real MUSIC-AVQA) leave the heads untrained; inference never runs
     * them.
     */
    DENSE;

    /** The lower-case name used on the command line and in {@code model.json} ({@code qsa}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated list such as {@code "qsa,dense"}; blank or {@code none} gives none. */
    public static Set<Extension> parse(String csv) {
        return Parts.parse(Extension.class, "extension", csv);
    }
}
