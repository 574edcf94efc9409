package io.avqa.gateway.feed;

import io.avqa.schemas.Insight;
import io.avqa.schemas.StreamStatus;

/** Someone watching a stream (a WebSocket session). Called on the gateway's context. */
public interface FeedSubscriber {
    void status(StreamStatus status);

    /**
     * @param encoded the {@code insight} message already encoded as JSON, without an {@code id}: encoded
     *                once for all subscribers (see {@link io.avqa.gateway.protocol.ServerMessages#withId})
     */
    void insight(Insight insight, String encoded);
}
