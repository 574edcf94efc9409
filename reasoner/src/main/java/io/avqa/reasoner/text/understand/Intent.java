package io.avqa.reasoner.text.understand;

import java.util.Optional;

/**
 * The 33 MUSIC-AVQA question templates, each with the key the paraphrase benchmark labels it by and its text
 * exactly as the annotation files write it (a trailing space, a full-width question mark included), which is
 * how a loaded model's catalog names it. Which of them a model can answer is its catalog's business: a
 * template the model was not trained on is refused.
 */
public enum Intent {
    A_TWO_SOUND("a-two-sound", "Are there <Object> and <Object> sound? "),
    A_ONE_SOUND("a-one-sound", "Is there a <Object> sound?"),
    A_COUNT_HEARD("a-count-heard", "How many musical instruments were heard throughout the video?"),
    A_LOUDER("a-louder", "Is the <Object> louder than the <Object>?"),
    A_RHYTHMIC("a-rhythmic", "Is the <Object> more rhythmic than the <Object>?"),
    A_LONGER("a-longer", "Is the <Object> playing longer than the <Object>?"),
    V_TWO_PRESENT("v-two-present", "Are there <Object> and <Object> instruments in the video?"),
    V_COUNT_OBJECT("v-count-object", "How many <Object> are in the entire video?"),
    V_COUNT_TYPES("v-count-types", "How many types of musical instruments appeared in the entire video?"),
    V_ONE_PRESENT("v-one-present", "Is there a <Object> in the entire video?"),
    V_NEXT_TO("v-next-to", "What is the instrument on the <LR> of <Object>?"),
    V_EXTREME("v-extreme", "What kind of instrument is the <LRer> instrument? "),
    V_WHAT_IS_IT("v-what-is-it", "What kind of musical instrument is it?"),
    V_WHERE_PERFORMANCE("v-where-performance", "Where is the performance?"),
    AV_ALWAYS("av-always", "Is the <Object> in the video always playing?"),
    AV_VOICEOVER("av-voiceover", "Is there a voiceover?"),
    AV_SOUND_FROM_VIDEO("av-sound-from-video", "Is this sound from the instrument in the video?"),
    AV_COUNT_SOUNDING("av-count-sounding", "How many instruments are sounding in the video?"),
    AV_COUNT_SILENT("av-count-silent", "How many instruments in the video did not sound from beginning to end?"),
    AV_COUNT_SOUNDING_OBJECT("av-count-sounding-object", "How many sounding <Object> in the video\uff1f"),
    AV_COUNT_TYPES_SOUNDING("av-count-types-sounding", "How many types of musical instruments sound in the video?"),
    AV_OBJ_LR_LOUDER("av-obj-lr-louder", "Is the <Object> on the <LR> louder than the <Object> on the <LR>?"),
    AV_OBJ_LR_RHYTHMIC("av-obj-lr-rhythmic", "Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?"),
    AV_LR_LOUDER("av-lr-louder", "Is the instrument on the <LR> louder than the instrument on the <LR>?"),
    AV_LR_RHYTHMIC("av-lr-rhythmic", "Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?"),
    AV_FIRST_FROM_LR("av-first-from-lr", "Is the <FL> sound coming from the <LR> instrument?"),
    AV_LR_OF_FIRST("av-lr-of-first", "What is the <LR> instrument of the <FL> sounding instrument?"),
    AV_WHERE_LOUDEST("av-where-loudest", "Where is the <LL> instrument?"),
    AV_SAME_TIME("av-same-time", "Which is the musical instrument that sounds at the same time as the <Object>?"),
    AV_TH_COMES_IN("av-th-comes-in", "What is the <TH> instrument that comes in?"),
    AV_WHERE_FIRST("av-where-first", "Where is the <FL> sounding instrument?"),
    AV_WHICH_OBJECT_FIRST("av-which-object-first", "Which <Object> makes the sound <FL>?"),
    AV_BEFORE_AFTER("av-before-after", "Which instrument makes sounds <BA> the <Object>?");

    private final String key;
    private final String text;

    Intent(String key, String text) {
        this.key = key;
        this.text = text;
    }

    /** The benchmark's label, e.g. {@code a-louder}. */
    public String key() {
        return key;
    }

    /** The template text as the annotation files and the model card write it. */
    public String text() {
        return text;
    }

    public static Optional<Intent> byKey(String key) {
        for (Intent i : values()) {
            if (i.key.equals(key)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The intent of a catalog template text (compared trimmed, either question mark). */
    public static Optional<Intent> byText(String templateText) {
        String t = plain(templateText);
        for (Intent i : values()) {
            if (plain(i.text).equals(t)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static String plain(String s) {
        return s.trim().replace('\uff1f', '?');
    }
}
