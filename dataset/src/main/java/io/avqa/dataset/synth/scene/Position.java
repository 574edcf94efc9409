package io.avqa.dataset.synth.scene;

/**
 * Where an instrument stands, as MUSIC-AVQA's location answers name it: the frame is cut into three
 * equal vertical bands and an instrument's position is the band holding its box centre.
 */
public enum Position {
    LEFT("left"), MIDDLE("middle"), RIGHT("right");

    private final String word;

    Position(String word) {
        this.word = word;
    }

    /** The answer word ("left", "middle", "right"). */
    public String word() {
        return word;
    }

    /** The band that holds horizontal coordinate {@code centreX} of a frame {@code width} pixels wide. */
    public static Position ofCentre(double centreX, int width) {
        if (centreX < width / 3.0) {
            return LEFT;
        }
        return centreX < 2 * width / 3.0 ? MIDDLE : RIGHT;
    }

    public static Position ofWord(String word) {
        for (Position p : values()) {
            if (p.word.equals(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a position: " + word);
    }
}
