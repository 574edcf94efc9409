package io.avqa.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Static API keys from configuration. Spec format, entries separated by {@code ;} or new lines, each
 * {@code TOKEN=STREAM[,STREAM...]} with {@code *} for every stream; blank lines and lines starting with
 * {@code #} are ignored (so a tokens file reads naturally). A list item starting with {@code +} is a capability,
 * not a stream; the only one is {@value #ADMIN}, which lets the key add and remove streams. Example:
 * {@code s3cret=*;viewer=cam1,cam2;ops=*,+admin}. A key may hold {@code +admin} alone ({@code ops=+admin}): it
 * manages streams and sees the managed ones, but no other. Stream ids never start with {@code +}, so the two
 * cannot be confused; any other {@code +word} is refused.
 *
 * <p>The subject of a static key is {@code key:} plus the first 12 hex digits of its SHA-256, so logs
 * and metrics never show the key itself.
 */
public final class StaticTokens {
    /** The list item that marks an admin key. */
    public static final String ADMIN = "+admin";

    private final Map<String, Grant> grants;

    private StaticTokens(Map<String, Grant> grants) {
        this.grants = Map.copyOf(grants);
    }

    public static StaticTokens none() {
        return new StaticTokens(Map.of());
    }

    public static StaticTokens parse(String spec) {
        Map<String, Grant> grants = new LinkedHashMap<>();
        if (spec == null) {
            return new StaticTokens(grants);
        }
        int entry = 0;
        for (String raw : spec.split("[;\\n]")) {
            String line = raw.strip();
            entry++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException("token entry " + entry + " is not TOKEN=STREAM[,STREAM...] (use * for"
                        + " all streams, add " + ADMIN + " for a key that manages streams): \"" + redact(line) + "\"");
            }
            String token = line.substring(0, eq).strip();
            Set<String> streams = new HashSet<>();
            boolean admin = false;
            for (String item : line.substring(eq + 1).split(",")) {
                String s = item.strip();
                if (s.equals(ADMIN)) {
                    admin = true;
                } else if (s.startsWith("+")) {
                    throw new IllegalArgumentException("token entry " + entry + " has an unknown capability \"" + s
                            + "\": the only one is " + ADMIN + " (e.g. ops=*," + ADMIN + ")");
                } else if (!s.isEmpty()) {
                    streams.add(s);
                }
            }
            if (streams.isEmpty() && !admin) {
                throw new IllegalArgumentException("token entry " + entry + " grants no stream");
            }
            if (grants.put(token, new Grant(subjectOf(token), streams, admin)) != null) {
                throw new IllegalArgumentException("token entry " + entry + " repeats an earlier token");
            }
        }
        return new StaticTokens(grants);
    }

    /** The grant of this key, or null when it is not a configured key. */
    public Grant lookup(String token) {
        return grants.get(token);
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }

    public int size() {
        return grants.size();
    }

    static String subjectOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("key:");
            for (int i = 0; i < 6; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String redact(String line) {
        return line.length() <= 4 ? "****" : line.substring(0, 2) + "…";
    }
}
