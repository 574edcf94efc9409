package io.avqa.reasoner.text.understand;

import java.util.List;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.lexicon.Tag;
import io.avqa.reasoner.text.understand.Understanding.Refused;
import io.avqa.reasoner.text.understand.Understanding.Understood;

/**
 * Reads "A is louder / more rhythmic / playing longer than B" in any word order around the comparative: side A
 * is what comes before it, side B what follows "than". Each side is one named instrument, one position, or both
 * ("the violin on the left", "the left one"). An opposite ("quieter", "less rhythmic", "shorter") is the same
 * question with the sides swapped, which is faithful: A quieter than B exactly when B is louder than A.
 */
final class ComparisonReader {
    private static final List<Cue> COMPARATIVES = List.of(Cue.LOUDER, Cue.QUIETER, Cue.MORE_RHYTHMIC,
            Cue.LESS_RHYTHMIC, Cue.LONGER, Cue.SHORTER);

    private ComparisonReader() {
    }

    static boolean applies(TaggedQuestion q) {
        return COMPARATIVES.stream().anyMatch(q::has);
    }

    static Understanding read(TaggedQuestion q) {
        int at = -1;
        int found = 0;
        for (int i = 0; i < q.size(); i++) {
            if (COMPARATIVES.contains(q.tags().get(i).cue())) {
                at = at < 0 ? i : at;
                found++;
            }
        }
        Cue comparative = q.tags().get(at).cue();
        String word = q.tags().get(at).typed();
        if (found > 1) {
            return refuse("it makes two comparisons; ask one at a time, e.g. 'Is the violin " + word
                    + " than the piano?'");
        }
        int than = q.indexOf(Cue.THAN, at);
        if (than < 0) {
            return refuse("'" + word + "' needs two sides: ask 'Is the <instrument> " + word
                    + " than the <instrument>?'");
        }
        Side a = Side.of(q.sub(0, at));
        Side b = Side.of(q.sub(than + 1, q.size()));
        if (a == null || b == null) {
            return refuse("a comparison needs exactly one instrument on each side of '" + word
                    + " than' (named, or by its position)");
        }
        if (b.one() && b.category() == null && a.category() != null) {
            b = new Side(a.category(), b.position(), false);
        }
        boolean opposite = comparative == Cue.QUIETER || comparative == Cue.LESS_RHYTHMIC
                || comparative == Cue.SHORTER;
        if (opposite) {
            Side t = a;
            a = b;
            b = t;
        }
        boolean loud = comparative == Cue.LOUDER || comparative == Cue.QUIETER;
        boolean rhythm = comparative == Cue.MORE_RHYTHMIC || comparative == Cue.LESS_RHYTHMIC;
        boolean named = a.category() != null && b.category() != null;
        boolean placed = a.position() != null && b.position() != null;
        if (named && a.position() == null && b.position() == null) {
            Intent i = loud ? Intent.A_LOUDER : rhythm ? Intent.A_RHYTHMIC : Intent.A_LONGER;
            return new Understood(i, List.of(a.category(), b.category()));
        }
        if (!loud && !rhythm && placed) {
            return refuse("'playing longer' is asked of two named instruments, not by their positions",
                    named ? new Understood(Intent.A_LONGER, List.of(a.category(), b.category())) : null);
        }
        if (named && placed) {
            Intent i = loud ? Intent.AV_OBJ_LR_LOUDER : Intent.AV_OBJ_LR_RHYTHMIC;
            return new Understood(i, List.of(a.category(), a.position(), b.category(), b.position()));
        }
        if (placed && a.category() == null && b.category() == null) {
            Intent i = loud ? Intent.AV_LR_LOUDER : Intent.AV_LR_RHYTHMIC;
            return new Understood(i, List.of(a.position(), b.position()));
        }
        return refuse("name both instruments, or place both (left, middle, right), on each side of '" + word
                + " than'");
    }

    private static Understanding refuse(String reason) {
        return new Refused(reason, List.of());
    }

    private static Understanding refuse(String reason, Understood nearest) {
        return new Refused(reason, nearest == null ? List.of() : List.of(nearest));
    }

    /** One side of a comparison: a category, a position, or both; {@code one} when said as "the one". */
    private record Side(String category, String position, boolean one) {
        static Side of(TaggedQuestion part) {
            List<String> names = part.instruments();
            List<Tag> places = part.all(Cue.POSITION);
            if (names.size() > 1 || places.size() > 1) {
                return null;
            }
            String category = names.isEmpty() ? null : names.get(0);
            String position = places.isEmpty() ? null : places.get(0).value();
            if (category == null && position == null) {
                return null;
            }
            boolean one = part.all(Cue.INSTRUMENT).stream()
                    .anyMatch(t -> t.typed().equals("one") || t.typed().equals("ones"));
            return new Side(category, position, one || (category == null && !part.has(Cue.INSTRUMENT)));
        }
    }
}
