package io.avqa.dataset.synth.scene;

/** An axis-aligned box in frame pixels: top-left corner, width, height. */
public record Box(int x, int y, int w, int h) {

    public double centreX() {
        return x + w / 2.0;
    }

    public Box shifted(int dx, int dy) {
        return new Box(x + dx, y + dy, w, h);
    }
}
