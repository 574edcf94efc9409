package io.avqa.ingest.source;

import io.avqa.schemas.SourceKind;

/**
 * A local capture device: {@code v4l2:/dev/video0} with an optional audio device given as a query,
 * {@code v4l2:/dev/video0?audio=alsa:hw:0} or {@code ?audio=pulse:default}.
 *
 * @param videoDevice e.g. /dev/video0
 * @param audioFormat FFmpeg input format of the audio device ("alsa" or "pulse"), or null for none
 * @param audioDevice e.g. hw:0 or default, or null
 */
public record DeviceSource(String videoDevice, String audioFormat, String audioDevice) implements Source {
    @Override
    public String location() {
        return "v4l2:" + videoDevice + (audioFormat == null ? "" : "?audio=" + audioFormat + ":" + audioDevice);
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DEVICE;
    }

    @Override
    public boolean live() {
        return true;
    }
}
