package io.avqa.dataset.synth.scene;

/** Indoor or outdoor stage: the answer to "Where is the performance?". */
public enum Setting {
    INDOOR, OUTDOOR;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
