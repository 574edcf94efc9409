package io.avqa.reasoner.text.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a question as typed into lower-case words: contractions spelled out ("isn't" to "is not", so a negation
 * is never lost with its apostrophe), chat spellings and digit ordinals written as words ("r" to "are", "2nd" to
 * "second"), hyphens split ("acoustic-guitar", "left-most", "voice-over"), punctuation dropped. Pure and
 * thread-safe; no word is corrected here (that needs the model's lexicon, see {@code Spelling}).
 */
public final class TextNormaliser {
    /** Contractions whose ending alone does not say the word ("won't", "can't"); the rest split on "n't". */
    private static final Map<String, String> WHOLE = Map.ofEntries(
            Map.entry("won't", "will not"), Map.entry("can't", "can not"), Map.entry("cannot", "can not"),
            Map.entry("ain't", "is not"), Map.entry("shan't", "shall not"), Map.entry("let's", "let us"));

    /** Chat spellings and common misspellings that are real words elsewhere, so no distance rule finds them. */
    private static final Map<String, String> CHAT = Map.ofEntries(
            Map.entry("r", "are"), Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("rn", "right now"),
            Map.entry("b4", "before"), Map.entry("vid", "video"), Map.entry("pls", "please"),
            Map.entry("plz", "please"), Map.entry("hole", "whole"), Map.entry("1st", "first"),
            Map.entry("2nd", "second"), Map.entry("3rd", "third"), Map.entry("4th", "fourth"),
            Map.entry("5th", "fifth"), Map.entry("6th", "sixth"), Map.entry("7th", "seventh"),
            Map.entry("8th", "eighth"), Map.entry("9th", "ninth"), Map.entry("10th", "tenth"),
            Map.entry("centre", "center"), Map.entry("colour", "color"));

    private TextNormaliser() {
    }

    /** The words of {@code text}, lower-cased and normalised; empty for blank text. */
    public static List<String> words(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'')
                .replace('\uff1f', '?').replace('\uff0c', ',');
        List<String> out = new ArrayList<>();
        for (String raw : s.split("[\\s,;:!?.\"()\\[\\]{}/]+")) {
            for (String piece : raw.split("[-_\u2013\u2014]+")) {
                addWord(out, stripQuotes(piece));
            }
        }
        return out;
    }

    private static void addWord(List<String> out, String w) {
        if (w.isEmpty()) {
            return;
        }
        String whole = WHOLE.get(w);
        if (whole != null) {
            addAll(out, whole);
        } else if (w.endsWith("n't") && w.length() > 3) {
            out.add(w.substring(0, w.length() - 3));
            out.add("not");
        } else if (w.endsWith("'s") || w.endsWith("'re") || w.endsWith("'m") || w.endsWith("'ve")
                || w.endsWith("'ll") || w.endsWith("'d")) {
            int cut = w.lastIndexOf('\'');
            out.add(w.substring(0, cut));
            out.add(switch (w.substring(cut)) {
                case "'s" -> "is";
                case "'re" -> "are";
                case "'m" -> "am";
                case "'ve" -> "have";
                case "'ll" -> "will";
                default -> "would";
            });
        } else {
            String chat = CHAT.get(w);
            if (chat != null) {
                addAll(out, chat);
            } else {
                out.add(w.replace("'", ""));
            }
        }
    }

    private static void addAll(List<String> out, String words) {
        for (String w : words.split(" ")) {
            out.add(w);
        }
    }

    private static String stripQuotes(String w) {
        int from = 0;
        int to = w.length();
        while (from < to && w.charAt(from) == '\'') {
            from++;
        }
        while (to > from && w.charAt(to - 1) == '\'') {
            to--;
        }
        return w.substring(from, to);
    }
}
