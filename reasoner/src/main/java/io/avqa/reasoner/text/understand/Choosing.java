package io.avqa.reasoner.text.understand;

import java.util.List;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.understand.Understanding.Refused;
import io.avqa.reasoner.text.understand.Understanding.Understood;

/**
 * "Which" and "what" questions, answered with an instrument (or a side for "which violin plays first"):
 * by extreme position, by timing relative to a named instrument (same time, before, after), by position
 * relative to a named instrument or to the first/last one sounding, by order of coming in, or "what is it".
 */
final class Choosing {
    private Choosing() {
    }

    static Understanding read(TaggedQuestion q) {
        List<String> named = q.instruments();
        if (ComparisonReader.applies(q)) {
            Intent yesNo = q.hasAny(Cue.LOUDER, Cue.QUIETER) ? Intent.A_LOUDER
                    : q.hasAny(Cue.MORE_RHYTHMIC, Cue.LESS_RHYTHMIC) ? Intent.A_RHYTHMIC : Intent.A_LONGER;
            return new Refused("the model answers comparisons as yes/no questions about two instruments",
                    named.size() == 2 ? List.of(new Understood(yesNo, named)) : List.of());
        }
        if (q.has(Cue.EXTREMUM)) {
            return new Refused("the model does not name the " + q.value(Cue.EXTREMUM) + " instrument, it says where"
                    + " it is", List.of(new Understood(Intent.AV_WHERE_LOUDEST, List.of(q.value(Cue.EXTREMUM)))));
        }
        if (q.has(Cue.EXTREME_POSITION) && named.isEmpty()) {
            return new Understood(Intent.V_EXTREME, List.of(q.value(Cue.EXTREME_POSITION)));
        }
        if (q.has(Cue.SAME_TIME) && named.size() == 1) {
            return new Understood(Intent.AV_SAME_TIME, named);
        }
        if (q.has(Cue.ORDER) && named.size() == 1) {
            return new Understood(Intent.AV_BEFORE_AFTER, List.of(q.value(Cue.ORDER), named.get(0)));
        }
        if (q.has(Cue.POSITION) && !q.has(Cue.SAME_TIME) && !q.has(Cue.ORDER)) {
            if (named.isEmpty() && q.has(Cue.ORDINAL)) {
                return new Understood(Intent.AV_LR_OF_FIRST, List.of(q.value(Cue.POSITION), q.value(Cue.ORDINAL)));
            }
            if (named.size() == 1 && !q.has(Cue.ORDINAL)) {
                return new Understood(Intent.V_NEXT_TO, List.of(q.value(Cue.POSITION), named.get(0)));
            }
        }
        if (q.has(Cue.ORDINAL) && !q.hasAny(Cue.POSITION, Cue.SAME_TIME, Cue.ORDER)) {
            if (named.size() == 1) {
                return new Understood(Intent.AV_WHICH_OBJECT_FIRST, List.of(named.get(0), q.value(Cue.ORDINAL)));
            }
            if (named.isEmpty() && q.hasAny(Cue.COMES_IN, Cue.SOUND, Cue.HEAR)) {
                return new Understood(Intent.AV_TH_COMES_IN, List.of(q.value(Cue.ORDINAL)));
            }
        }
        if (named.isEmpty() && q.has(Cue.INSTRUMENT) && !q.hasAny(Cue.SOUND, Cue.HEAR, Cue.COMES_IN, Cue.ORDINAL,
                Cue.POSITION, Cue.ORDER, Cue.SAME_TIME, Cue.SOURCE)) {
            return new Understood(Intent.V_WHAT_IS_IT, List.of());
        }
        return new Refused("no 'which' or 'what' question the model knows asks this", List.of());
    }
}
