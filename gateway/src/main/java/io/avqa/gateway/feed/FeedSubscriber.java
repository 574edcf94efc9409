package io.avqa.gateway.feed;

import io.avqa.schemas.Insight;
import io.avqa.schemas.StreamStatus;

/** Someone watching a stream (a WebSocket session). Called on the gateway's context. */
public interface FeedSubscriber {
    void status(StreamStatus status);

    void insight(Insight insight);
}
