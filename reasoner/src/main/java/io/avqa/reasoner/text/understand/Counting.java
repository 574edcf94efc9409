package io.avqa.reasoner.text.understand;

import java.util.List;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.understand.Understanding.Refused;
import io.avqa.reasoner.text.understand.Understanding.Understood;

/**
 * "How many" questions. What is counted decides the template: one named instrument (seen, or sounding),
 * instruments or their types (seen, heard, sounding), or instruments that never sound. The only negation a
 * template expresses lives here: "not sounding", "never play", "silent" all mean "did not sound from beginning
 * to end"; any other negated count is refused.
 */
final class Counting {
    private Counting() {
    }

    static Understanding read(TaggedQuestion q) {
        List<String> named = q.instruments();
        boolean sounding = q.hasAny(Cue.SOUND, Cue.HEAR);
        if (ComparisonReader.applies(q) || q.has(Cue.EXTREMUM)) {
            return new Refused("the model counts instruments that are seen, heard or sounding, not ones that"
                    + " compare with another", List.of(new Understood(Intent.AV_COUNT_SOUNDING, List.of())));
        }
        if (q.hasAny(Cue.ORDINAL, Cue.ORDER, Cue.POSITION, Cue.EXTREME_POSITION, Cue.SAME_TIME, Cue.VOICE)) {
            return IntentReader.refused("the model counts instruments in the whole window, not by position, order"
                    + " or timing", q.without(Cue.ORDINAL).without(Cue.ORDER).without(Cue.POSITION)
                    .without(Cue.EXTREME_POSITION).without(Cue.SAME_TIME).without(Cue.VOICE));
        }
        if (q.hasAny(Cue.NEGATION, Cue.SILENT)) {
            if (!named.isEmpty()) {
                return IntentReader.refused("the model does not count the " + named.get(0).replace('_', ' ')
                        + "s that are " + q.typed(Cue.NEGATION) + " sounding; it counts all instruments that never"
                        + " sound", q.without(Cue.NEGATION).without(Cue.SILENT));
            }
            if (!sounding && !q.has(Cue.SILENT)) {
                return IntentReader.refused(q.typed(Cue.NEGATION) + " changes the question; the model counts the"
                        + " instruments that never sound, not ones that are absent", q.without(Cue.NEGATION));
            }
            return new Understood(Intent.AV_COUNT_SILENT, List.of());
        }
        if (named.size() > 1) {
            return new Refused("count one instrument at a time", List.of(
                    new Understood(sounding ? Intent.AV_COUNT_SOUNDING_OBJECT : Intent.V_COUNT_OBJECT,
                            List.of(named.get(0)))));
        }
        if (named.size() == 1) {
            return new Understood(sounding ? Intent.AV_COUNT_SOUNDING_OBJECT : Intent.V_COUNT_OBJECT, named);
        }
        if (!q.has(Cue.INSTRUMENT)) {
            return new Refused("the model counts instruments; say which ('how many instruments are playing?')",
                    List.of(new Understood(Intent.AV_COUNT_SOUNDING, List.of())));
        }
        if (q.has(Cue.TYPES)) {
            return new Understood(sounding ? Intent.AV_COUNT_TYPES_SOUNDING : Intent.V_COUNT_TYPES, List.of());
        }
        if (q.has(Cue.HEAR)) {
            return new Understood(Intent.A_COUNT_HEARD, List.of());
        }
        if (q.has(Cue.SOUND)) {
            return new Understood(Intent.AV_COUNT_SOUNDING, List.of());
        }
        return new Understood(Intent.V_COUNT_TYPES, List.of());
    }
}
