package io.avqa.reasoner.text.understand;

import java.util.ArrayList;
import java.util.List;

import io.avqa.reasoner.text.lexicon.Cue;
import io.avqa.reasoner.text.lexicon.Tag;

/** A question's tags with the look-ups the reading rules ask: which cues occur, which instruments, which values. */
record TaggedQuestion(List<Tag> tags) {

    TaggedQuestion {
        tags = List.copyOf(tags);
    }

    boolean has(Cue cue) {
        return tags.stream().anyMatch(t -> t.is(cue));
    }

    boolean hasAny(Cue... cues) {
        for (Cue c : cues) {
            if (has(c)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first tag with this cue, or null. */
    String value(Cue cue) {
        return tags.stream().filter(t -> t.is(cue)).map(Tag::value).findFirst().orElse(null);
    }

    List<Tag> all(Cue cue) {
        return tags.stream().filter(t -> t.is(cue)).toList();
    }

    /** The named instruments' categories in the order asked. */
    List<String> instruments() {
        return all(Cue.INSTRUMENT_NAME).stream().map(Tag::value).toList();
    }

    int indexOf(Cue cue, int from) {
        for (int i = from; i < tags.size(); i++) {
            if (tags.get(i).is(cue)) {
                return i;
            }
        }
        return -1;
    }

    /** The words typed for tags with this cue, quoted, for messages. */
    String typed(Cue cue) {
        List<String> out = new ArrayList<>();
        for (Tag t : all(cue)) {
            out.add("'" + t.typed() + "'");
        }
        return String.join(", ", out);
    }

    /** This question without the tags of a cue (to find the nearest supported reading of a refused one). */
    TaggedQuestion without(Cue cue) {
        return new TaggedQuestion(tags.stream().filter(t -> !t.is(cue)).toList());
    }

    /** This question with every tag of one cue read as another. */
    TaggedQuestion replacing(Cue from, Cue to, String value) {
        return new TaggedQuestion(tags.stream().map(t -> t.is(from) ? t.as(to, value) : t).toList());
    }

    TaggedQuestion sub(int from, int to) {
        return new TaggedQuestion(tags.subList(from, to));
    }

    int size() {
        return tags.size();
    }
}
