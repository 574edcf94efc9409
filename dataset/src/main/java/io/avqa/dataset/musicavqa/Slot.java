package io.avqa.dataset.musicavqa;

import java.util.List;

/**
 * A slot of a MUSIC-AVQA question template: the {@code <...>} placeholder and the values the dataset
 * fills it with. {@link #OBJECT} takes an instrument category; the others take a closed set of words.
 */
public enum Slot {
    /** An instrument category, one of {@link Categories#ALL}. */
    OBJECT("<Object>", Categories.ALL),
    /** A side: left, right or middle. */
    LR("<LR>", List.of("left", "right", "middle")),
    /** The extreme instrument on a side. */
    LRER("<LRer>", List.of("leftest", "rightest")),
    /** The loudest or the lowest-pitched instrument. */
    LL("<LL>", List.of("loudest", "lowest")),
    /** Order of entry. */
    TH("<TH>", List.of("first", "second", "third")),
    /** First or last. */
    FL("<FL>", List.of("first", "last")),
    /** Before or after. */
    BA("<BA>", List.of("before", "after"));

    private final String token;
    private final List<String> fillers;

    Slot(String token, List<String> fillers) {
        this.token = token;
        this.fillers = fillers;
    }

    /** The placeholder as written in templates, e.g. {@code <Object>}. */
    public String token() {
        return token;
    }

    /** Values this slot takes in MUSIC-AVQA. */
    public List<String> fillers() {
        return fillers;
    }

    /** The slot whose placeholder is {@code token} (exact spelling, with the angle brackets). */
    public static Slot ofToken(String token) {
        for (Slot s : values()) {
            if (s.token.equals(token)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown template slot " + token + " (known: <Object>, <LR>, <LRer>, "
                + "<LL>, <TH>, <FL>, <BA>)");
    }
}
