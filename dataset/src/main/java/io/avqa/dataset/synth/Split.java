package io.avqa.dataset.synth;

/** Dataset split; clips, never single questions, are assigned to splits. */
public enum Split {
    TRAIN, VAL, TEST;

    /** File name of the split's annotation file, e.g. {@code avqa-train.json}. */
    public String fileName() {
        return "avqa-" + name().toLowerCase(java.util.Locale.ROOT) + ".json";
    }
}
