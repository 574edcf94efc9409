package io.avqa.reasoner.stream.window;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.stream.DeadLetterRoute;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/**
 * Turns raw {@code avqa.embeddings} records into checked {@link Embedding}s: decodable, keyed by their stream,
 * with the feature sizes the model reads and from the backbone it was trained on. Anything else goes to the
 * dead-letter topic with the reason.
 */
public final class EmbeddingDecoder implements Processor<byte[], byte[], Object, Object> {
    static final int AUDIO_DIM = 128;
    static final int VISUAL_DIM = 512;
    static final int GRID = 14;

    private final String backboneId;
    private final String next;
    private final DeadLetterRoute dlq;
    private ProcessorContext<Object, Object> context;

    /**
     * @param backboneId the model's backbone id (embeddings from another backbone are rejected)
     * @param next       the child that receives good embeddings
     * @param dlqSink    the dead-letter sink
     */
    public EmbeddingDecoder(String backboneId, String next, String dlqSink) {
        this.backboneId = backboneId;
        this.next = next;
        this.dlq = new DeadLetterRoute(dlqSink);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Embedding e;
        try {
            e = Contracts.EMBEDDING.decode(record.value());
        } catch (RecordDecodeException ex) {
            dlq.send(context, record, "not an Embedding: " + ex.getMessage());
            return;
        }
        String problem = problem(record.key(), e);
        if (problem != null) {
            dlq.send(context, record, problem);
            return;
        }
        context.forward(new Record<Object, Object>(e.getStreamId(), e, record.timestamp()), next);
    }

    private String problem(byte[] key, Embedding e) {
        String k = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (!e.getStreamId().equals(k)) {
            return "key '" + k + "' is not the embedding's streamId '" + e.getStreamId()
                    + "' (embeddings must be keyed by streamId to meet their questions)";
        }
        if (e.getAudio().size() != AUDIO_DIM || e.getVisual().size() != VISUAL_DIM) {
            return "embedding of " + e.getStreamId() + "#" + e.getSeq() + " has " + e.getAudio().size()
                    + " audio and " + e.getVisual().size() + " visual values, expected " + AUDIO_DIM + " and "
                    + VISUAL_DIM;
        }
        FeatureMap map = e.getVisualMap();
        if (map.getChannels() != VISUAL_DIM || map.getHeight() != GRID || map.getWidth() != GRID
                || map.getFp16().remaining() != 2 * VISUAL_DIM * GRID * GRID) {
            return "visual map of " + e.getStreamId() + "#" + e.getSeq() + " is " + map.getChannels() + "x"
                    + map.getHeight() + "x" + map.getWidth() + " with " + map.getFp16().remaining()
                    + " bytes, expected " + VISUAL_DIM + "x" + GRID + "x" + GRID + " fp16";
        }
        if (backboneId != null && !backboneId.equals(e.getBackboneId())) {
            return "embedding from backbone '" + e.getBackboneId() + "' but the model was trained on '" + backboneId
                    + "'; run the features service with the model's backbone";
        }
        for (Float f : e.getAudio()) {
            if (!Float.isFinite(f)) {
                return "audio embedding of " + e.getStreamId() + "#" + e.getSeq() + " has a non-finite value";
            }
        }
        return null;
    }
}
