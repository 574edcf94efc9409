package io.avqa.ingest.source;

import java.net.URI;

import io.avqa.schemas.SourceKind;

/** A network stream FFmpeg opens: rtsp, rtmp, http(s), udp, srt. */
public record NetworkSource(URI uri) implements Source {
    @Override
    public String location() {
        return uri.toString();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.NETWORK;
    }

    @Override
    public boolean live() {
        return true;
    }
}
