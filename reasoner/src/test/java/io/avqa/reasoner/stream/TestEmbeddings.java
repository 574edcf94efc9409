package io.avqa.reasoner.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.avqa.reasoner.stream.window.HalfFloats;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;

/**
 * Deterministic embeddings and questions for tests and the benchmark. A "scene" number selects the feature
 * distribution: segments of one scene look alike, a new scene (an instrument starts) looks different.
 */
public final class TestEmbeddings {
    private TestEmbeddings() {
    }

    public static Embedding embedding(String streamId, long seq, int scene) {
        SplittableRandom sceneRandom = new SplittableRandom(scene * 1_000_003L + 17);
        SplittableRandom noise = new SplittableRandom(streamId.hashCode() * 31L + seq);
        List<Float> audio = new ArrayList<>(128);
        for (int i = 0; i < 128; i++) {
            audio.add((float) (sceneRandom.nextGaussian() * 2 + noise.nextGaussian() * 0.01));
        }
        List<Float> visual = new ArrayList<>(512);
        ByteBuffer map = ByteBuffer.allocate(2 * 512 * 14 * 14).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 512; c++) {
            float base = (float) Math.abs(sceneRandom.nextGaussian());
            visual.add(base);
            for (int p = 0; p < 196; p++) {
                float v = base * (float) (1 + 0.5 * Math.sin(p * (c % 7 + 1) * 0.1 + scene)) + (float) noise.nextDouble() * 0.01f;
                map.putShort(HalfFloats.fromFloat(v));
            }
        }
        map.flip();
        long now = System.currentTimeMillis();
        return Embedding.newBuilder()
                .setStreamId(streamId)
                .setSeq(seq)
                .setStartMs(1_700_000_000_000L + seq * 1000)
                .setAudio(audio)
                .setVisual(visual)
                .setVisualMap(FeatureMap.newBuilder().setChannels(512).setHeight(14).setWidth(14).setFp16(map).build())
                .setBackboneId(TestModels.BACKBONE)
                .setAudioMissing(false)
                .setLive(true)
                .setIngestMs(now - 5)
                .setFeaturesMs(now)
                .build();
    }

    public static Question question(String questionId, String streamId, String text, QuestionMode mode,
            String replyTo) {
        return Question.newBuilder().setQuestionId(questionId).setStreamId(streamId).setText(text).setMode(mode)
                .setReplyTo(replyTo).setClientId("client-1").setAskedMs(System.currentTimeMillis()).build();
    }
}
