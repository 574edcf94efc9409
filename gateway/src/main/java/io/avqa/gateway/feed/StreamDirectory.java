package io.avqa.gateway.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.avqa.gateway.kafka.StreamFeedConsumer.StreamFeedListener;
import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.schemas.Insight;
import io.avqa.schemas.StreamStatus;
import io.vertx.core.json.JsonObject;

/**
 * What the gateway knows about each stream: its latest {@link StreamStatus} (from the compacted topic), its
 * last {@value #RECENT_INSIGHTS} insights (one per second: the dashboard's 60 s timeline can start full), the
 * newest frame of a watched stream, and who is subscribed to it. Fans statuses and insights out to subscribers;
 * an insight carries the stream's frame as {@code thumbnail} when it is new.
 *
 * <p>Memory is bounded: at most {@value #MAX_STREAMS} streams are tracked; insights for further unknown
 * streams are passed to subscribers but not kept. Threading: the gateway's context only.
 */
public final class StreamDirectory implements StreamFeedListener {
    public static final int RECENT_INSIGHTS = 60;
    static final int MAX_STREAMS = 10_000;

    private static final class StreamView {
        StreamStatus status;
        /** The newest frame (base64 JPEG) and its segment, and the frame seq last sent with an insight. */
        String frame;
        long frameSeq = -1;
        long sentFrameSeq = -1;
        final ArrayDeque<Insight> recent = new ArrayDeque<>(RECENT_INSIGHTS);
    }

    private final Map<String, StreamView> streams = new HashMap<>();
    private final Map<String, Set<FeedSubscriber>> subscribers = new HashMap<>();
    /** The keys of {@link #subscribers}, readable from the feed consumer's thread. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    @Override
    public void status(StreamStatus status) {
        StreamView view = view(status.getStreamId());
        if (view != null) {
            view.status = status;
        }
        for (FeedSubscriber s : List.copyOf(subscribers.getOrDefault(status.getStreamId(), Set.of()))) {
            s.status(status);
        }
    }

    @Override
    public void removed(String streamId) {
        streams.remove(streamId);
    }

    @Override
    public void insights(List<Insight> insights) {
        for (Insight insight : insights) {
            StreamView view = view(insight.getStreamId());
            if (view != null) {
                if (view.recent.size() == RECENT_INSIGHTS) {
                    view.recent.removeFirst();
                }
                view.recent.addLast(insight);
            }
            Set<FeedSubscriber> watching = subscribers.get(insight.getStreamId());
            if (watching != null && !watching.isEmpty()) {
                JsonObject message = ServerMessages.insight(null, insight);
                if (view != null && view.frame != null && view.frameSeq != view.sentFrameSeq) {
                    // a new frame rides on the next insight: one image per second at most, none when unchanged
                    message.put("thumbnail", view.frame).put("thumbnailSeq", view.frameSeq);
                    view.sentFrameSeq = view.frameSeq;
                }
                String encoded = message.encode();
                for (FeedSubscriber s : List.copyOf(watching)) {
                    s.insight(insight, encoded);
                }
            }
        }
    }

    @Override
    public boolean watches(String streamId) {
        return watched.contains(streamId);
    }

    @Override
    public void frame(String streamId, long seq, byte[] jpeg) {
        StreamView view = streams.get(streamId);
        if (view != null && seq > view.frameSeq && subscribers.containsKey(streamId)) {
            view.frame = Base64.getEncoder().encodeToString(jpeg);
            view.frameSeq = seq;
        }
    }

    public void subscribe(String stream, FeedSubscriber subscriber) {
        subscribers.computeIfAbsent(stream, k -> new LinkedHashSet<>()).add(subscriber);
        watched.add(stream);
    }

    public void unsubscribe(String stream, FeedSubscriber subscriber) {
        Set<FeedSubscriber> set = subscribers.get(stream);
        if (set != null && set.remove(subscriber) && set.isEmpty()) {
            subscribers.remove(stream);
            watched.remove(stream);
        }
    }

    public Optional<StreamStatus> status(String stream) {
        StreamView view = streams.get(stream);
        return view == null ? Optional.empty() : Optional.ofNullable(view.status);
    }

    /** The stream's recent insights, oldest first. */
    public List<Insight> recentInsights(String stream) {
        StreamView view = streams.get(stream);
        return view == null ? List.of() : new ArrayList<>(view.recent);
    }

    /** Every stream with a known status, by id. */
    public List<StreamStatus> statuses() {
        return streams.values().stream().map(v -> v.status).filter(s -> s != null)
                .sorted(Comparator.comparing(StreamStatus::getStreamId)).toList();
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    private StreamView view(String stream) {
        StreamView view = streams.get(stream);
        if (view == null && streams.size() < MAX_STREAMS) {
            view = new StreamView();
            streams.put(stream, view);
        }
        return view;
    }
}
