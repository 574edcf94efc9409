package io.avqa.ingest.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

import io.avqa.schemas.SourceKind;
import io.avqa.schemas.source.SourceLocations;

/** Parses the {@code --source} values users type into typed {@link Source}s. */
public final class Sources {
    private Sources() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms when {@code value} is none of them
     */
    public static Source parse(String value) {
        SourceKind kind = SourceLocations.kindOf(value);
        String v = value.strip();
        return switch (kind) {
            case DEVICE -> device(v.substring("v4l2:".length()));
            case SYNTHETIC -> new SyntheticSource(v.substring("synthetic:".length()));
            case NETWORK -> network(v);
            default -> v.toLowerCase(Locale.ROOT).startsWith("file:") ? new FileSource(Path.of(URI.create(v)))
                    : new FileSource(Path.of(v));
        };
    }

    /** Replaces {@code user:password@} in a URL by {@code ***@}. */
    public static String redact(String location) {
        return SourceLocations.redact(location);
    }

    private static NetworkSource network(String url) {
        try {
            return new NetworkSource(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL " + redact(url) + ": " + e.getReason(), e);
        }
    }

    private static DeviceSource device(String rest) {
        String video = rest;
        String audioFormat = null;
        String audioDevice = null;
        int q = rest.indexOf("?audio=");
        if (q >= 0) {
            video = rest.substring(0, q);
            String audio = rest.substring(q + "?audio=".length());
            int c = audio.indexOf(':');
            if (c <= 0 || !(audio.startsWith("alsa:") || audio.startsWith("pulse:"))) {
                throw new IllegalArgumentException("audio device '" + audio + "' must be alsa:DEVICE or pulse:DEVICE");
            }
            audioFormat = audio.substring(0, c);
            audioDevice = audio.substring(c + 1);
        }
        if (!video.startsWith("/dev/")) {
            throw new IllegalArgumentException("v4l2 device '" + video + "' must be a path like /dev/video0");
        }
        return new DeviceSource(video, audioFormat, audioDevice);
    }
}
