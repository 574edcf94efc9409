package io.avqa.gateway.specs;

import java.util.Set;
import java.util.regex.Pattern;

import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.schemas.DesiredState;
import io.avqa.schemas.SourceKind;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.source.SourceLocations;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code POST /api/streams}, parsed: {@code {"id": "...", "source": "...", "rate": 1, "loop": false}}.
 * {@link #parse} refuses, with a {@link GatewayError} that says what to send instead, a missing or malformed id
 * ({@value #ID_RULE}: ingest's 1..128 characters, narrowed to characters that need no escaping in a URL path, a
 * Kafka key or a shell), a source {@link SourceLocations} does not accept, a negative or non-finite rate, a
 * non-boolean loop and any other field (a typo such as {@code "rte"} must not be ignored silently).
 *
 * @param kind what the source is, as {@link SourceLocations#kindOf} read it
 */
public record StreamSpecRequest(String id, String source, SourceKind kind, double rate, boolean loop) {
    static final String ID_RULE = "1 to 128 of A-Z a-z 0-9 . _ -, starting with a letter or digit";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<String> FIELDS = Set.of("id", "source", "rate", "loop");
    private static final String SHAPE = "send {\"id\": \"cam1\", \"source\": \"rtsp://host/path\", \"rate\": 1,"
            + " \"loop\": false} (rate and loop optional)";

    public static StreamSpecRequest parse(JsonObject body) {
        if (body == null) {
            throw new GatewayError(ErrorCode.BAD_JSON, "the body is not a JSON object: " + SHAPE);
        }
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw new GatewayError(ErrorCode.INVALID_FIELD, "unknown field \"" + field + "\": the fields are id,"
                        + " source, rate and loop");
            }
        }
        String id = requiredString(body, "id");
        if (!ID.matcher(id).matches()) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "stream id \"" + (id.length() > 40 ? id.substring(0, 40)
                    + "…" : id) + "\" is not " + ID_RULE);
        }
        String source = requiredString(body, "source").strip();
        SourceKind kind;
        try {
            kind = SourceLocations.kindOf(source);
        } catch (IllegalArgumentException e) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, e.getMessage());
        }
        if (kind == SourceKind.SYNTHETIC) {
            // only `avqa demo` turns synthetic:NAME into clip files; an ingest instance would refuse the spec
            throw new GatewayError(ErrorCode.INVALID_FIELD, "synthetic:NAME names the demo's generated concerts, which"
                    + " only avqa demo runs; give a file path or a stream URL instead");
        }
        Object rate = body.getValue("rate", 1.0);
        if (!(rate instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "rate must be a number >= 0 (1 = real time, 0 = as fast as"
                    + " possible), got " + rate);
        }
        Object loop = body.getValue("loop", false);
        if (!(loop instanceof Boolean b)) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "loop must be true or false, got " + loop);
        }
        return new StreamSpecRequest(id, source, kind, n.doubleValue(), b);
    }

    private static String requiredString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new GatewayError(ErrorCode.MISSING_FIELD, "\"" + field + "\" is missing: " + SHAPE);
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "\"" + field + "\" must be a non-empty string: " + SHAPE);
        }
        return s;
    }

    /**
     * The spec this request creates: RUNNING, added by {@code subject} (never a token), seq 0 at {@code nowMs}, or,
     * when the id ran before up to {@code previousLastSeq}, the seq after it at {@code nowMs}.
     */
    public StreamSpec toSpec(String subject, long nowMs, long previousLastSeq) {
        long originMs = nowMs - Math.max(0, previousLastSeq + 1) * 1000L;
        return StreamSpec.newBuilder().setStreamId(id).setSource(source).setRate(rate).setLoop(loop)
                .setDesiredState(DesiredState.RUNNING).setOriginMs(originMs).setCreatedBy(subject).setUpdatedMs(nowMs)
                .build();
    }
}
