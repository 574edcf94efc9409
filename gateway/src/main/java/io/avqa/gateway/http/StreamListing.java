package io.avqa.gateway.http;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.schemas.DesiredState;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What {@code GET /api/streams} shows of a stream: its latest status (the fields clients already read) merged with
 * its spec when it is managed ({@code "managed": true}, {@code desiredState}, {@code rate}, {@code loop},
 * {@code createdBy}), or {@code "managed": false}. A managed stream no ingest instance has reported yet shows
 * state {@value #PENDING} ({@code STOPPED} when its desired state is), {@code lastSeq} -1. A token sees the
 * streams it grants, and an admin token every managed stream too (it may remove them). A removed managed stream
 * leaves the listing once ingest reports it ENDED (its last status stays on the compacted topic). Sources are
 * redacted.
 */
final class StreamListing {
    /** The state of a managed stream without a status yet: added, waiting for an ingest instance. */
    static final String PENDING = "PENDING";

    private StreamListing() {
    }

    static JsonArray of(Grant grant, Iterable<StreamStatus> statuses, Iterable<StreamSpec> specs,
            Predicate<String> removed) {
        Map<String, StreamStatus> byId = new TreeMap<>();
        statuses.forEach(s -> byId.put(s.getStreamId(), s));
        Map<String, StreamSpec> managed = new TreeMap<>();
        specs.forEach(s -> managed.put(s.getStreamId(), s));
        Map<String, JsonObject> shown = new TreeMap<>();
        byId.forEach((id, status) -> {
            boolean gone = !managed.containsKey(id) && status.getState() == StreamState.ENDED && removed.test(id);
            if (!gone && (grant.allows(id) || (grant.admin() && managed.containsKey(id)))) {
                shown.put(id, one(status, managed.get(id)));
            }
        });
        managed.forEach((id, spec) -> {
            if (!shown.containsKey(id) && (grant.allows(id) || grant.admin())) {
                shown.put(id, one(null, spec));
            }
        });
        return new JsonArray(shown.values().stream().map(Object.class::cast).toList());
    }

    /** One stream: status and spec, either of which may be null (not both). */
    static JsonObject one(StreamStatus status, StreamSpec spec) {
        if (status != null && spec == null) {
            return ServerMessages.statusBody(status).put("managed", false);
        }
        JsonObject specBody = ServerMessages.specBody(spec);
        if (status == null) {
            boolean stopped = spec.getDesiredState() == DesiredState.STOPPED;
            return specBody.put("state", stopped ? DesiredState.STOPPED.name() : PENDING)
                    .put("reason", stopped ? "stopped by an operator" : "added; waiting for an ingest instance to start it")
                    .put("lastSeq", -1L).put("droppedSegments", 0L).put("skippedSegments", 0L);
        }
        JsonObject json = ServerMessages.statusBody(status);
        for (String field : new String[] {"managed", "desiredState", "rate", "loop", "originMs", "createdBy"}) {
            json.put(field, specBody.getValue(field));
        }
        return json;
    }

    /** The stream as {@code GET /api/streams/{id}} shows it, when it has a status or a spec. */
    static Optional<JsonObject> one(Optional<StreamStatus> status, Optional<StreamSpec> spec) {
        return status.isEmpty() && spec.isEmpty() ? Optional.empty()
                : Optional.of(one(status.orElse(null), spec.orElse(null)));
    }
}
