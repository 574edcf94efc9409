package io.avqa.ingest.source;

import java.nio.file.Path;

import io.avqa.schemas.SourceKind;

/** A recorded media file (mp4, mkv, webm, mov; wav/flac for audio-only use), replayed at a rate. */
public record FileSource(Path path) implements Source {
    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.FILE;
    }

    @Override
    public boolean live() {
        return false;
    }
}
