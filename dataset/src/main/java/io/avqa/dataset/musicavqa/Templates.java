package io.avqa.dataset.musicavqa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MUSIC-AVQA question templates and the rules that turn a template plus {@code templ_values} into
 * model tokens. The reasoner's tokenizer and the synthetic generator both use this class, so training
 * text, live questions and the benchmark agree word for word.
 *
 * <p>Tokenisation follows the reference loader: strip trailing whitespace, split on single spaces, drop
 * the last character of the last token (the {@code ?} or full-width {@code ？}), then replace each token
 * that contains {@code <} by the next template value, in order. No lower-casing.
 */
public final class Templates {

    /** The 33 templates, grouped by type in MUSIC-AVQA's order of types. */
    public static final List<Template> ALL = List.of(
            t("a_count_is_there", "Audio", "Counting", "Is there a <Object> sound?", Slot.OBJECT),
            t("a_count_are_there", "Audio", "Counting", "Are there <Object> and <Object> sound? ",
                    Slot.OBJECT, Slot.OBJECT),
            t("a_count_heard", "Audio", "Counting", "How many musical instruments were heard throughout the video?"),
            t("a_comp_louder", "Audio", "Comparative", "Is the <Object> louder than the <Object>?",
                    Slot.OBJECT, Slot.OBJECT),
            t("a_comp_rhythmic", "Audio", "Comparative", "Is the <Object> more rhythmic than the <Object>?",
                    Slot.OBJECT, Slot.OBJECT),
            t("a_comp_longer", "Audio", "Comparative", "Is the <Object> playing longer than the <Object>?",
                    Slot.OBJECT, Slot.OBJECT),
            t("v_count_is_there", "Visual", "Counting", "Is there a <Object> in the entire video?", Slot.OBJECT),
            t("v_count_are_there", "Visual", "Counting", "Are there <Object> and <Object> instruments in the video?",
                    Slot.OBJECT, Slot.OBJECT),
            t("v_count_how_many", "Visual", "Counting", "How many <Object> are in the entire video?", Slot.OBJECT),
            t("v_count_types", "Visual", "Counting",
                    "How many types of musical instruments appeared in the entire video?"),
            t("v_loc_side_of", "Visual", "Location", "What is the instrument on the <LR> of <Object>?",
                    Slot.LR, Slot.OBJECT),
            t("v_loc_extreme", "Visual", "Location", "What kind of instrument is the <LRer> instrument? ", Slot.LRER),
            t("v_loc_what", "Visual", "Location", "What kind of musical instrument is it?"),
            t("v_loc_where", "Visual", "Location", "Where is the performance?"),
            t("av_ext_always", "Audio-Visual", "Existential", "Is the <Object> in the video always playing?",
                    Slot.OBJECT),
            t("av_ext_voiceover", "Audio-Visual", "Existential", "Is there a voiceover?"),
            t("av_ext_from_video", "Audio-Visual", "Existential", "Is this sound from the instrument in the video?"),
            t("av_loc_fl_from_lr", "Audio-Visual", "Location", "Is the <FL> sound coming from the <LR> instrument?",
                    Slot.FL, Slot.LR),
            t("av_loc_side_of_fl", "Audio-Visual", "Location",
                    "What is the <LR> instrument of the <FL> sounding instrument?", Slot.LR, Slot.FL),
            t("av_loc_where_ll", "Audio-Visual", "Location", "Where is the <LL> instrument?", Slot.LL),
            t("av_loc_same_time", "Audio-Visual", "Location",
                    "Which is the musical instrument that sounds at the same time as the <Object>?", Slot.OBJECT),
            t("av_count_sounding", "Audio-Visual", "Counting", "How many instruments are sounding in the video?"),
            t("av_count_silent", "Audio-Visual", "Counting",
                    "How many instruments in the video did not sound from beginning to end?"),
            t("av_count_sounding_obj", "Audio-Visual", "Counting", "How many sounding <Object> in the video\uff1f",
                    Slot.OBJECT),
            t("av_count_types", "Audio-Visual", "Counting", "How many types of musical instruments sound in the video?"),
            t("av_comp_obj_louder", "Audio-Visual", "Comparative",
                    "Is the <Object> on the <LR> louder than the <Object> on the <LR>?",
                    Slot.OBJECT, Slot.LR, Slot.OBJECT, Slot.LR),
            t("av_comp_obj_rhythmic", "Audio-Visual", "Comparative",
                    "Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?",
                    Slot.OBJECT, Slot.LR, Slot.OBJECT, Slot.LR),
            t("av_comp_side_louder", "Audio-Visual", "Comparative",
                    "Is the instrument on the <LR> louder than the instrument on the <LR>?", Slot.LR, Slot.LR),
            t("av_comp_side_rhythmic", "Audio-Visual", "Comparative",
                    "Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", Slot.LR, Slot.LR),
            t("av_temp_th_comes_in", "Audio-Visual", "Temporal", "What is the <TH> instrument that comes in?", Slot.TH),
            t("av_temp_where_fl", "Audio-Visual", "Temporal", "Where is the <FL> sounding instrument?", Slot.FL),
            t("av_temp_which_obj_fl", "Audio-Visual", "Temporal", "Which <Object> makes the sound <FL>?",
                    Slot.OBJECT, Slot.FL),
            t("av_temp_ba_obj", "Audio-Visual", "Temporal", "Which instrument makes sounds <BA> the <Object>?",
                    Slot.BA, Slot.OBJECT));

    /** The 9 question types as "Modality/Kind", in the order the paper's tables use. */
    public static final List<String> TYPES = List.of(
            "Audio/Counting", "Audio/Comparative", "Visual/Counting", "Visual/Location",
            "Audio-Visual/Existential", "Audio-Visual/Location", "Audio-Visual/Counting",
            "Audio-Visual/Comparative", "Audio-Visual/Temporal");

    private static final Map<String, Template> BY_CONTENT = new LinkedHashMap<>();
    private static final Map<String, Template> BY_ID = new LinkedHashMap<>();

    static {
        for (Template t : ALL) {
            BY_CONTENT.put(normalise(t.content()), t);
            BY_ID.put(t.id(), t);
        }
    }

    private Templates() {
    }

    private static Template t(String id, String modality, String kind, String content, Slot... slots) {
        return new Template(id, modality, kind, content, List.of(slots));
    }

    /** The template with this id ({@link Template#id()}). */
    public static Template byId(String id) {
        Template t = BY_ID.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no question template with id " + id);
        }
        return t;
    }

    /**
     * The template whose text is {@code content}, ignoring surrounding whitespace and the kind of final
     * question mark; empty for text that is not one of the 33 templates.
     */
    public static Optional<Template> byContent(String content) {
        return Optional.ofNullable(BY_CONTENT.get(normalise(content)));
    }

    /** The slots named in {@code content}, in order (works for any text, template or not). */
    public static List<Slot> slotsOf(String content) {
        List<Slot> slots = new ArrayList<>();
        int i = content.indexOf('<');
        while (i >= 0) {
            int close = content.indexOf('>', i);
            if (close < 0) {
                break;
            }
            slots.add(Slot.ofToken(content.substring(i, close + 1)));
            i = content.indexOf('<', close);
        }
        return slots;
    }

    /**
     * Model tokens of a question, as the reference loader makes them (see the class comment). Values
     * beyond the slots are ignored; a slot without a value stays as its placeholder.
     */
    public static List<String> tokens(String content, List<String> templValues) {
        String[] words = content.stripTrailing().split(" ", -1);
        List<String> tokens = new ArrayList<>(words.length);
        int next = 0;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i == words.length - 1 && !w.isEmpty()) {
                w = w.substring(0, w.length() - 1);
            }
            if (w.contains("<") && next < templValues.size()) {
                w = templValues.get(next++);
            }
            tokens.add(w);
        }
        return tokens;
    }

    /**
     * Model tokens of a free-text question typed by a user ("Is the cello louder than the piano?"):
     * split on runs of whitespace, a final {@code ?} or {@code ？} removed if present (unlike
     * {@link #tokens(String, List)}, which always drops the last character as the reference does).
     */
    public static List<String> tokens(String text) {
        String s = text.strip();
        if (s.endsWith("?") || s.endsWith("\uff1f")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    /** Tokens of an annotation-file question: {@link #tokens(String, List)} of its content and values. */
    public static List<String> tokens(AvqaQuestion q) {
        return tokens(q.content(), q.templValues());
    }

    private static String normalise(String content) {
        String s = content.strip();
        if (s.endsWith("?") || s.endsWith("\uff1f")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
