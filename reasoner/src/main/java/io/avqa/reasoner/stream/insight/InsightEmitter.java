package io.avqa.reasoner.stream.insight;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.stream.runtime.EncodedWindow;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;

/**
 * One {@link Insight} per eagerly encoded window, stamped with its newest segment: the source-presence
 * probabilities per category (SaSR-Net's source head over the window ending at that segment) and the level.
 */
public final class InsightEmitter implements Processor<String, EncodedWindow, String, Insight> {
    private final ModelCard card;
    private ProcessorContext<String, Insight> context;

    public InsightEmitter(ModelCard card) {
        this.card = card;
    }

    @Override
    public void init(ProcessorContext<String, Insight> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, EncodedWindow> record) {
        EncodedWindow w = record.value();
        Embedding newest = w.newest();
        Insight insight = Insight.newBuilder()
                .setStreamId(w.streamId())
                .setSeq(newest.getSeq())
                .setStartMs(newest.getStartMs())
                .setCategories(card.categories())
                .setAudioPresence(boxed(w.audioPresence()))
                .setVisualPresence(boxed(w.visualPresence()))
                .setAudioLevelDb(AudioLevel.of(newest))
                .setModelId(card.modelId())
                .setIngestMs(newest.getIngestMs())
                .setFeaturesMs(newest.getFeaturesMs())
                .setInsightMs(System.currentTimeMillis())
                .build();
        context.forward(new Record<>(w.streamId(), insight, record.timestamp()));
    }

    private static java.util.List<Float> boxed(float[] v) {
        java.util.List<Float> out = new java.util.ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
