package io.avqa.ingest.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the {@code --source} values users type into typed {@link Source}s. */
public final class Sources {
    private static final Set<String> NETWORK_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp",
            "rtp", "srt", "tcp");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Sources() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms when {@code value} is none of them
     */
    public static Source parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty --source: give a file path, a URL (rtsp://, rtmp://, http://, "
                    + "udp://, srt://), v4l2:/dev/videoN or synthetic:NAME");
        }
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("v4l2:")) {
            return device(v.substring("v4l2:".length()));
        }
        if (lower.startsWith("synthetic:")) {
            return new SyntheticSource(v.substring("synthetic:".length()));
        }
        if (lower.startsWith("file:")) {
            return new FileSource(Path.of(URI.create(v)));
        }
        int colon = v.indexOf("://");
        if (colon > 0) {
            String scheme = lower.substring(0, colon);
            if (!NETWORK_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("unsupported source scheme '" + scheme + "' in " + redact(v)
                        + ": use one of " + NETWORK_SCHEMES + ", a file path, v4l2:/dev/videoN or synthetic:NAME");
            }
            try {
                return new NetworkSource(new URI(v));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed URL " + redact(v) + ": " + e.getReason(), e);
            }
        }
        return new FileSource(Path.of(v));
    }

    /** Replaces {@code user:password@} in a URL by {@code ***@}. */
    public static String redact(String location) {
        return location == null ? null : USER_INFO.matcher(location).replaceFirst("***@");
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
