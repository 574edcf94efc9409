package io.avqa.dataset.musicavqa;

import java.util.List;

/**
 * One of the 33 MUSIC-AVQA question templates.
 *
 * @param id       stable short name used in metadata and reports (e.g. {@code a_count_heard})
 * @param modality "Audio", "Visual" or "Audio-Visual"
 * @param kind     "Counting", "Comparative", "Location", "Existential" or "Temporal"
 * @param content  the template text exactly as the annotation files spell it (including any trailing
 *                 space or full-width question mark), so synthetic files match the real ones
 * @param slots    the slots in the order {@code templ_values} fills them
 */
public record Template(String id, String modality, String kind, String content, List<Slot> slots) {

    public Template {
        slots = List.copyOf(slots);
    }

    /** "Audio-Visual/Temporal" style type name, the same as {@link AvqaQuestion#typeName()}. */
    public String typeName() {
        return modality + "/" + kind;
    }

    /** The template filled with {@code values} (as {@link AvqaQuestion#filledText()} does). */
    public String fill(List<String> values) {
        if (values.size() != slots.size()) {
            throw new IllegalArgumentException("template " + id + " has " + slots.size() + " slots but got "
                    + values.size() + " values " + values);
        }
        return new AvqaQuestion("", 0, modality, kind, content, values, "").filledText();
    }
}
