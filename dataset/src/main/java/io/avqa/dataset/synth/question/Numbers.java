package io.avqa.dataset.synth.question;

import java.util.List;

/** Counting answers as MUSIC-AVQA spells them: "zero" .. "ten", then "more than ten". */
public final class Numbers {
    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten");

    private Numbers() {
    }

    public static String word(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must not be negative: " + n);
        }
        return n < WORDS.size() ? WORDS.get(n) : "more than ten";
    }
}
