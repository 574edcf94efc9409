package io.avqa.gateway.specs;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.kafka.StreamSpecPublisher;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.source.SourceLocations;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Adds and removes managed streams for tokens with the admin grant: checks against this gateway's view of the spec
 * topic (409 for an id that has a spec or that an ingest started with --source is running, 404 for removing one
 * that has none), writes the spec or its tombstone, and
 * once the broker acknowledged it applies the record to the view, so the next request here already sees it. The
 * source is logged only redacted. Threading: the gateway's context only; futures complete there.
 */
public final class StreamAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAdmin.class);
    /** States in which ingest is running (or retrying) a stream: its id is taken. */
    private static final Set<StreamState> RUNNING = Set.of(StreamState.STARTING, StreamState.LIVE,
            StreamState.RECONNECTING);

    private final ManagedStreams streams;
    private final StreamSpecPublisher publisher;
    private final Context context;

    private final Function<String, Optional<StreamStatus>> status;

    /**
     * @param status the latest status ingest reported for a stream id: a stream added again under an id that ran
     *               before goes on after its last seq, since the reasoner ignores seqs older than the window it
     *               already holds; an id an unmanaged ingest is running is refused, or two would publish it
     */
    public StreamAdmin(ManagedStreams streams, StreamSpecPublisher publisher, Context context,
            Function<String, Optional<StreamStatus>> status) {
        this.streams = streams;
        this.publisher = publisher;
        this.context = context;
        this.status = status;
    }

    public ManagedStreams streams() {
        return streams;
    }

    /** Writes the spec of a new stream; fails with the refusing {@link GatewayError}. */
    public Future<StreamSpec> add(Grant grant, StreamSpecRequest request) {
        try {
            requireAdmin(grant);
            requireLoaded();
        } catch (GatewayError e) {
            return Future.failedFuture(e);
        }
        String id = request.id();
        Optional<StreamStatus> last = status.apply(id);
        if (streams.get(id).isEmpty() && last.isPresent() && RUNNING.contains(last.get().getState())) {
            return Future.failedFuture(new GatewayError(ErrorCode.STREAM_EXISTS, "stream \"" + id + "\" is running"
                    + " (" + last.get().getState() + ", started by an ingest with --source, not managed here): stop"
                    + " that ingest or choose another id"));
        }
        if (streams.get(id).isPresent() || !streams.reserve(id)) {
            return Future.failedFuture(new GatewayError(ErrorCode.STREAM_EXISTS, "stream \"" + id + "\" already exists"
                    + " (or is being added): remove it first (DELETE /api/streams/" + id + ") or choose another id"));
        }
        StreamSpec spec = request.toSpec(grant.subject(), System.currentTimeMillis(),
                last.map(StreamStatus::getLastSeq).orElse(-1L));
        return publisher.write(spec, context)
                .recover(e -> Future.failedFuture(unavailable("the stream spec", e)))
                .map(written -> {
                    streams.spec(id, spec, written.partition(), written.offset());
                    LOG.info("stream {} added by {}: {} source {}, rate {}, loop {}", id, grant.subject(),
                            request.kind(), SourceLocations.redact(spec.getSource()), spec.getRate(), spec.getLoop());
                    return spec;
                })
                .eventually(() -> {
                    streams.release(id);
                    return Future.succeededFuture();
                });
    }

    /** Writes the tombstone of a managed stream; its standing questions end when the view applies it. */
    public Future<StreamSpec> remove(Grant grant, String id) {
        try {
            requireAdmin(grant);
            requireLoaded();
        } catch (GatewayError e) {
            return Future.failedFuture(e);
        }
        StreamSpec spec = streams.get(id).orElse(null);
        if (spec == null) {
            return Future.failedFuture(new GatewayError(ErrorCode.UNKNOWN_STREAM, "no managed stream \"" + id
                    + "\" (GET /api/streams lists them; a stream started with ingest --source is stopped there)"));
        }
        return publisher.remove(id, context)
                .recover(e -> Future.failedFuture(unavailable("the removal", e)))
                .map(written -> {
                    streams.spec(id, null, written.partition(), written.offset());
                    LOG.info("stream {} removed by {}", id, grant.subject());
                    return spec;
                });
    }

    private void requireLoaded() {
        if (!streams.isLoaded()) {
            throw new GatewayError(ErrorCode.KAFKA_UNAVAILABLE, "the gateway has not finished reading the stream"
                    + " specs from Kafka yet; try again in a few seconds (GET /ready says when it has)");
        }
    }

    /** Throws ADMIN_REQUIRED unless the grant may manage streams. */
    public static void requireAdmin(Grant grant) {
        if (!grant.admin()) {
            throw new GatewayError(ErrorCode.ADMIN_REQUIRED, "this token has no admin grant, which adding and removing"
                    + " streams needs: use a key marked +admin in --tokens (e.g. ops=*,+admin) or a JWT with"
                    + " \"admin\": true");
        }
    }

    private static GatewayError unavailable(String what, Throwable e) {
        LOG.warn("{} was not written to Kafka: {}", what, e.toString());
        return new GatewayError(ErrorCode.KAFKA_UNAVAILABLE, what + " could not be written to Kafka ("
                + e.getMessage() + "); GET /api/streams shows whether it took effect, then try again");
    }
}
