package io.avqa.reasoner.model;

import java.util.Locale;
import java.util.Set;

/**
 * Parts of SaSR-Net that can be switched off to reproduce the paper's ablations (Tables 3 and 4).
 * The switched-off model keeps the same parameters, so a saved ablated model loads like any other.
 */
public enum Ablation {
    /** Without source-wise learnable tokens: the encoder runs over the T features only. */
    SLT,
    /** Without the source-aware semantic representation (grouping and gathering): f_g = f_s. */
    SASR,
    /** Without spatial attention: the visual map is mean-pooled instead of attended. */
    SA,
    /** Without temporal attention: the T steps are averaged instead of attended. */
    TA;

    /** The lower-case name used on the command line ({@code slt}, {@code sasr}, {@code sa}, {@code ta}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated list such as {@code "slt,sasr"}; blank (or none) gives the full model. */
    public static Set<Ablation> parse(String csv) {
        return Parts.parse(Ablation.class, "ablation", csv);
    }
}
