package io.avqa.gateway.ws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.feed.FeedSubscriber;
import io.avqa.gateway.feed.StreamDirectory;
import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.schemas.Insight;
import io.avqa.schemas.StreamStatus;

/**
 * The streams one WebSocket session watches. Pushed {@code status} and {@code insight} messages carry the
 * {@code id} of the {@code subscribe} that asked for them. Permission and rate checks are the session's;
 * this class only keeps the subscriptions and writes. Threading: the gateway's context only.
 */
final class SessionFeeds implements FeedSubscriber {
    private final StreamDirectory directory;
    private final SocketWriter writer;
    /** stream -> id of the subscribe message */
    private final Map<String, String> subscriptions = new HashMap<>();

    SessionFeeds(StreamDirectory directory, SocketWriter writer) {
        this.directory = directory;
        this.writer = writer;
    }

    /** Subscribes (or re-subscribes under a new id), then sends the latest status and recent insights. */
    void subscribe(String id, String stream) {
        if (subscriptions.put(stream, id) == null) {
            directory.subscribe(stream, this);
        }
        writer.send(ServerMessages.subscribed(id, stream));
        directory.status(stream).ifPresent(s -> writer.send(ServerMessages.status(id, s)));
        for (Insight insight : directory.recentInsights(stream)) {
            writer.send(ServerMessages.insight(id, insight));
        }
    }

    void unsubscribe(String id, String stream) {
        if (subscriptions.remove(stream) != null) {
            directory.unsubscribe(stream, this);
        }
        writer.send(ServerMessages.unsubscribed(id, stream));
    }

    /** After a re-authentication: drops the streams the new grant does not cover. */
    void keepOnly(Grant grant) {
        for (String stream : List.copyOf(subscriptions.keySet())) {
            if (!grant.allows(stream)) {
                subscriptions.remove(stream);
                directory.unsubscribe(stream, this);
            }
        }
    }

    void clear() {
        for (String stream : subscriptions.keySet()) {
            directory.unsubscribe(stream, this);
        }
        subscriptions.clear();
    }

    @Override
    public void status(StreamStatus status) {
        String id = subscriptions.get(status.getStreamId());
        if (id != null) {
            writer.send(ServerMessages.status(id, status));
        }
    }

    @Override
    public void insight(Insight insight, String encoded) {
        String id = subscriptions.get(insight.getStreamId());
        if (id != null) {
            writer.send(ServerMessages.withId(encoded, id));
        }
    }
}
