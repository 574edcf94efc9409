package io.avqa.reasoner.stream.standing;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The standing questions of a task, keyed {@code streamId NUL questionId} so one prefix scan finds a stream's
 * questions. Changelogged: a standing question survives a restart or a move to another instance.
 */
public final class StandingQuestions {
    public static final String STORE = "standing-questions";
    private static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, StandingQuestion> store;

    public StandingQuestions(KeyValueStore<String, StandingQuestion> store) {
        this.store = store;
    }

    public static StandingQuestions from(ProcessingContext context) {
        return new StandingQuestions(context.getStateStore(STORE));
    }

    private static String key(String streamId, String questionId) {
        return streamId + SEPARATOR + questionId;
    }

    public void put(StandingQuestion s) {
        store.put(key(s.question().getStreamId(), s.question().getQuestionId()), s);
    }

    public StandingQuestion get(String streamId, String questionId) {
        return store.get(key(streamId, questionId));
    }

    public void remove(String streamId, String questionId) {
        store.delete(key(streamId, questionId));
    }

    /** The stream's standing questions. */
    public List<StandingQuestion> of(String streamId) {
        List<StandingQuestion> out = new ArrayList<>();
        try (KeyValueIterator<String, StandingQuestion> it = store.prefixScan(streamId + SEPARATOR,
                new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, StandingQuestion> kv = it.next();
                out.add(kv.value);
            }
        }
        return out;
    }

    /** Every standing question of this task. */
    public List<StandingQuestion> all() {
        List<StandingQuestion> out = new ArrayList<>();
        try (KeyValueIterator<String, StandingQuestion> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    public boolean any(String streamId) {
        try (KeyValueIterator<String, StandingQuestion> it = store.prefixScan(streamId + SEPARATOR,
                new StringSerializer())) {
            return it.hasNext();
        }
    }
}
