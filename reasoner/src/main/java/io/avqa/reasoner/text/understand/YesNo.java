package io.avqa.reasoner.text.understand;

import java.util.List;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.understand.Understanding.Refused;
import io.avqa.reasoner.text.understand.Understanding.Understood;

/**
 * Yes/no questions (and statements typed as questions, "drums and bass both sounding?"): a voiceover, indoors
 * or outdoors, a comparison, where the first/last sound comes from, whether the sound comes from the
 * instruments seen, whether one instrument always plays, and whether one or two instruments are there (seen)
 * or sounding (heard).
 */
final class YesNo {
    private YesNo() {
    }

    static Understanding read(TaggedQuestion q) {
        List<String> named = q.instruments();
        if (q.has(Cue.VOICE) && named.isEmpty()) {
            return new Understood(Intent.AV_VOICEOVER, List.of());
        }
        if (q.has(Cue.INDOOR_OUTDOOR) && named.isEmpty()) {
            return new Understood(Intent.V_WHERE_PERFORMANCE, List.of());
        }
        if (ComparisonReader.applies(q)) {
            return ComparisonReader.read(q);
        }
        if (named.isEmpty() && q.has(Cue.ORDINAL) && q.has(Cue.POSITION)) {
            return new Understood(Intent.AV_FIRST_FROM_LR, List.of(q.value(Cue.ORDINAL), q.value(Cue.POSITION)));
        }
        if (named.isEmpty() && q.has(Cue.SOURCE) && q.has(Cue.INSTRUMENT)) {
            return new Understood(Intent.AV_SOUND_FROM_VIDEO, List.of());
        }
        if (q.hasAny(Cue.ORDINAL, Cue.ORDER, Cue.POSITION, Cue.EXTREME_POSITION, Cue.SAME_TIME, Cue.COMES_IN,
                Cue.EXTREMUM, Cue.OR)) {
            return new Refused("no yes/no question the model knows asks about "
                    + String.join(" ", q.tags().stream().filter(t -> t.is(Cue.ORDINAL) || t.is(Cue.ORDER)
                            || t.is(Cue.POSITION) || t.is(Cue.EXTREME_POSITION) || t.is(Cue.SAME_TIME)
                            || t.is(Cue.COMES_IN) || t.is(Cue.EXTREMUM) || t.is(Cue.OR))
                            .map(t -> "'" + t.typed() + "'").toList())
                    + " with instruments named", List.of());
        }
        boolean sounding = q.hasAny(Cue.SOUND, Cue.HEAR);
        if (named.size() == 1 && (q.has(Cue.ALWAYS) || (q.has(Cue.WHOLE_VIDEO) && sounding))) {
            return new Understood(Intent.AV_ALWAYS, named);
        }
        if (named.size() == 2 && !q.has(Cue.ALWAYS)) {
            return new Understood(sounding ? Intent.A_TWO_SOUND : Intent.V_TWO_PRESENT, named);
        }
        if (named.size() == 1) {
            return new Understood(sounding ? Intent.A_ONE_SOUND : Intent.V_ONE_PRESENT, named);
        }
        return new Refused(named.size() > 2 ? "the model asks about one or two named instruments at a time"
                : "no yes/no question the model knows asks this", List.of());
    }
}
