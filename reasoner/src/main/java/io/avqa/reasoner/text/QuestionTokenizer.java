package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MUSIC-AVQA question into words the way the reference does: split on single spaces, remove the
 * trailing {@code ?} (or full-width {@code ？}) of the last piece, replace each token holding a {@code <...>}
 * slot by the next template value, no lower-casing. Empty pieces are dropped. A template that ends in
 * "? " (a space after the question mark, e.g. "Are there &lt;Object&gt; and &lt;Object&gt; sound? ") therefore
 * keeps "sound?" as a word, exactly as the reference's vocabulary does.
 */
public final class QuestionTokenizer {
    private QuestionTokenizer() {
    }

    /** Words of a template with its slot values filled in order. */
    public static List<String> words(String content, List<String> templValues) {
        String[] pieces = content.split(" ", -1);
        String last = pieces[pieces.length - 1];
        if (last.endsWith("?") || last.endsWith("？")) {
            pieces[pieces.length - 1] = last.substring(0, last.length() - 1);
        }
        List<String> out = new ArrayList<>(pieces.length);
        int next = 0;
        for (String piece : pieces) {
            if (piece.isEmpty()) {
                continue;
            }
            if (piece.contains("<") && next < templValues.size()) {
                out.add(templValues.get(next++));
            } else {
                out.add(piece);
            }
        }
        return out;
    }

    /** Words of an already filled question. */
    public static List<String> words(String text) {
        return words(text, List.of());
    }
}
