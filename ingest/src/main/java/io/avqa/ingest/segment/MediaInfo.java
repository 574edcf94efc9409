package io.avqa.ingest.segment;

/**
 * What an opened source contains.
 *
 * @param width      source video width (before resizing)
 * @param height     source video height
 * @param frameRate  video frames per second as the container reports it
 * @param videoCodec e.g. h264
 * @param sampleRate source audio rate (0 without audio)
 * @param channels   source audio channels (0 without audio)
 * @param audioCodec e.g. aac, or null without audio
 */
public record MediaInfo(int width, int height, double frameRate, String videoCodec, int sampleRate, int channels,
        String audioCodec) {

    public boolean hasAudio() {
        return audioCodec != null;
    }
}
