package io.avqa.dataset.musicavqa;

import java.util.List;

/**
 * The 22 MUSIC-AVQA instrument categories in the dataset's fixed order. The order is part of the
 * model contract: SaSR-Net's source tokens and source-presence outputs are indexed by it, so never
 * reorder this list.
 */
public final class Categories {

    /** cello, congas, pipa, ..., suona: index i is source token i. */
    public static final List<String> ALL = List.of(
            "cello", "congas", "pipa", "ukulele", "piano", "accordion", "clarinet", "guzheng",
            "saxophone", "drum", "violin", "bagpipe", "bassoon", "acoustic_guitar", "banjo",
            "electric_bass", "flute", "trumpet", "erhu", "xylophone", "tuba", "suona");

    private Categories() {
    }

    /** Index of a category in {@link #ALL}, or -1 when the name is not a MUSIC-AVQA category. */
    public static int indexOf(String name) {
        return ALL.indexOf(name);
    }

    /** Whether the name is one of the 22 categories (exact spelling, as the annotation files use). */
    public static boolean contains(String name) {
        return ALL.contains(name);
    }
}
