package io.avqa.gateway.protocol;

import java.util.List;

import io.avqa.schemas.Alternative;
import io.avqa.schemas.Answer;
import io.avqa.schemas.Insight;
import io.avqa.schemas.SourceKind;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.source.SourceLocations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the JSON of every server message of protocol v1. Each carries {@code "v":1}, its
 * {@code "type"} and, when it answers or belongs to a client message, that message's {@code "id"}.
 * The same objects are the bodies of the HTTP API, so both speak one vocabulary.
 */
public final class ServerMessages {
    private ServerMessages() {
    }

    private static JsonObject message(String type, String id) {
        JsonObject json = new JsonObject().put("v", MessageParser.VERSION).put("type", type);
        if (id != null) {
            json.put("id", id);
        }
        return json;
    }

    /**
     * Adds {@code "id"} to a message encoded without one: lets a pushed message be encoded once and sent to
     * many subscribers, each with the id of its own {@code subscribe}.
     */
    public static String withId(String encodedWithoutId, String id) {
        if (id == null) {
            return encodedWithoutId;
        }
        return "{\"id\":" + io.vertx.core.json.Json.encode(id) + "," + encodedWithoutId.substring(1);
    }

    public static JsonObject error(GatewayError error) {
        return error(error.code(), error.getMessage(), error.clientId());
    }

    public static JsonObject error(ErrorCode code, String text, String id) {
        return message("error", id).put("code", code.name()).put("message", text);
    }

    /** The terminal error of an accepted question (TIMEOUT, KAFKA_UNAVAILABLE): it names the question too. */
    public static JsonObject questionFailed(String id, String questionId, String stream, GatewayError error) {
        return error(error.code(), error.getMessage(), id).put("questionId", questionId).put("stream", stream);
    }

    public static JsonObject pong(String id, long serverMs) {
        return message("pong", id).put("serverMs", serverMs);
    }

    public static JsonObject accepted(String id, String questionId, String stream, AskMode mode) {
        return message("accepted", id).put("questionId", questionId).put("stream", stream)
                .put("mode", mode.name().toLowerCase());
    }

    /** @param admin whether the token may add and remove streams (the dashboard shows its controls then) */
    public static JsonObject authenticated(String id, String subject, List<String> streams, boolean admin) {
        return message("authenticated", id).put("subject", subject).put("streams", new JsonArray(streams))
                .put("admin", admin);
    }

    public static JsonObject subscribed(String id, String stream) {
        return message("subscribed", id).put("stream", stream);
    }

    public static JsonObject unsubscribed(String id, String stream) {
        return message("unsubscribed", id).put("stream", stream);
    }

    /** Every field of the Avro {@link Answer}, with the attention maps as plain arrays. */
    public static JsonObject answer(String id, Answer a) {
        JsonObject json = message("answer", id)
                .put("questionId", a.getQuestionId())
                .put("stream", a.getStreamId())
                .put("status", a.getStatus().name())
                .put("final", a.getFinal$())
                .put("revision", a.getRevision())
                .put("answer", a.getAnswer())
                .put("confidence", a.getConfidence())
                .put("topK", topK(a.getTopK()))
                .put("questionType", a.getQuestionType())
                .put("understoodAs", a.getUnderstoodAs())
                .put("window", new JsonObject().put("fromSeq", a.getFromSeq()).put("toSeq", a.getToSeq()))
                .put("temporal", new JsonObject()
                        .put("audio", floats(a.getTemporalAudio()))
                        .put("visual", floats(a.getTemporalVisual())))
                .put("reason", a.getReason())
                .put("suggestions", new JsonArray(List.copyOf(a.getSuggestions())))
                .put("modelId", a.getModelId())
                .put("timing", new JsonObject()
                        .put("askedMs", a.getAskedMs())
                        .put("answeredMs", a.getAnsweredMs())
                        .put("ingestMs", a.getIngestMs())
                        .put("featuresMs", a.getFeaturesMs()));
        if (a.getSpatial() != null) {
            json.put("spatial", new JsonObject()
                    .put("seq", a.getSpatial().getSeq())
                    .put("height", a.getSpatial().getHeight())
                    .put("width", a.getSpatial().getWidth())
                    .put("weights", floats(a.getSpatial().getWeights())));
        } else {
            json.putNull("spatial");
        }
        if (a.getWindowFill() != null) {
            json.put("windowFill", new JsonObject()
                    .put("segments", a.getWindowFill().getSegments())
                    .put("steps", a.getWindowFill().getSteps())
                    .put("strideSeconds", a.getWindowFill().getStrideSeconds()));
        } else {
            json.putNull("windowFill");
        }
        return json;
    }

    public static JsonObject status(String id, StreamStatus s) {
        JsonObject json = message("status", id).put("stream", s.getStreamId()).mergeIn(statusBody(s));
        return json;
    }

    /** The StreamStatus fields, shared by the {@code status} message and {@code GET /api/streams}. */
    public static JsonObject statusBody(StreamStatus s) {
        JsonObject json = new JsonObject()
                .put("stream", s.getStreamId())
                .put("source", SourceLocations.redact(s.getSource())) // ingest redacts too; a response never relies on it
                .put("sourceKind", s.getSourceKind().name())
                .put("state", s.getState().name())
                .put("reason", s.getReason())
                .put("lastSeq", s.getLastSeq())
                .put("droppedSegments", s.getDroppedSegments())
                .put("skippedSegments", s.getSkippedSegments())
                .put("updatedMs", s.getUpdatedMs());
        if (s.getVideo() != null) {
            json.put("video", new JsonObject().put("width", s.getVideo().getWidth())
                    .put("height", s.getVideo().getHeight())
                    .put("frameRate", s.getVideo().getFrameRate())
                    .put("codec", s.getVideo().getCodec()));
        }
        if (s.getAudio() != null) {
            json.put("audio", new JsonObject().put("sampleRate", s.getAudio().getSampleRate())
                    .put("channels", s.getAudio().getChannels())
                    .put("codec", s.getAudio().getCodec()));
        }
        return json;
    }

    /**
     * A managed stream's spec as people may see it: the source redacted (the spec itself keeps the credentials for
     * ingest), {@code "managed": true}. Shared by {@code POST/DELETE /api/streams} and the stream listing.
     */
    public static JsonObject specBody(StreamSpec s) {
        SourceKind kind;
        try {
            kind = SourceLocations.kindOf(s.getSource());
        } catch (IllegalArgumentException e) {
            kind = SourceKind.UNKNOWN; // written by something other than the gateway's API, which refuses these
        }
        return new JsonObject()
                .put("stream", s.getStreamId())
                .put("source", SourceLocations.redact(s.getSource()))
                .put("sourceKind", kind.name())
                .put("managed", true)
                .put("desiredState", s.getDesiredState().name())
                .put("rate", s.getRate())
                .put("loop", s.getLoop())
                .put("originMs", s.getOriginMs())
                .put("createdBy", s.getCreatedBy())
                .put("updatedMs", s.getUpdatedMs());
    }

    public static JsonObject insight(String id, Insight i) {
        return message("insight", id).mergeIn(insightBody(i));
    }

    /** The Insight fields, shared by the {@code insight} message and {@code GET /api/streams/{id}}. */
    public static JsonObject insightBody(Insight i) {
        return new JsonObject()
                .put("stream", i.getStreamId())
                .put("seq", i.getSeq())
                .put("startMs", i.getStartMs())
                .put("categories", new JsonArray(List.copyOf(i.getCategories())))
                .put("audioPresence", floats(i.getAudioPresence()))
                .put("visualPresence", floats(i.getVisualPresence()))
                .put("audioLevelDb", i.getAudioLevelDb())
                .put("modelId", i.getModelId())
                .put("timing", new JsonObject().put("ingestMs", i.getIngestMs())
                        .put("featuresMs", i.getFeaturesMs()).put("insightMs", i.getInsightMs()));
    }

    private static JsonArray topK(List<Alternative> alternatives) {
        JsonArray array = new JsonArray();
        for (Alternative alt : alternatives) {
            array.add(new JsonObject().put("answer", alt.getAnswer()).put("probability", alt.getProbability()));
        }
        return array;
    }

    private static JsonArray floats(List<Float> values) {
        JsonArray array = new JsonArray();
        for (Float f : values) {
            // Round to 4 decimals: attention and presence need no more, and the frames stay small.
            array.add(Math.round(f * 10_000f) / 10_000.0);
        }
        return array;
    }
}
