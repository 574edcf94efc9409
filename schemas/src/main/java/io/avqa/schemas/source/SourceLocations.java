package io.avqa.schemas.source;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.avqa.schemas.SourceKind;

/**
 * The source locations a stream may have ({@code StreamSpec.source}, ingest's {@code --source}): which
 * kind each is, which network schemes are accepted, and the redacted form, the only one that may appear
 * in logs, status records and API responses. Ingest turns a location into something it opens; the gateway
 * uses this to refuse a bad one before it reaches any ingest instance.
 */
public final class SourceLocations {
    /** The URL schemes FFmpeg opens for live network sources. */
    public static final Set<String> NETWORK_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp",
            "rtp", "srt", "tcp");
    public static final String ACCEPTED_FORMS = "a file path, a URL (" + String.join("://, ",
            NETWORK_SCHEMES.stream().sorted().toList()) + "://), v4l2:/dev/videoN or synthetic:NAME";

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private SourceLocations() {
    }

    /**
     * The kind of source {@code location} names.
     *
     * @throws IllegalArgumentException naming the accepted forms when it is empty or has another URL scheme
     */
    public static SourceKind kindOf(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("empty source: give " + ACCEPTED_FORMS);
        }
        String lower = location.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("v4l2:")) {
            return SourceKind.DEVICE;
        }
        if (lower.startsWith("synthetic:")) {
            return SourceKind.SYNTHETIC;
        }
        if (lower.startsWith("file:")) {
            return SourceKind.FILE;
        }
        int colon = lower.indexOf("://");
        if (colon > 0) {
            String scheme = lower.substring(0, colon);
            if (!NETWORK_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("unsupported source scheme '" + scheme + "' in "
                        + redact(location.strip()) + ": give " + ACCEPTED_FORMS);
            }
            return SourceKind.NETWORK;
        }
        return SourceKind.FILE;
    }

    /** Replaces {@code user:password@} in a URL by {@code ***@}. */
    public static String redact(String location) {
        return location == null ? null : USER_INFO.matcher(location).replaceFirst("***@");
    }
}
