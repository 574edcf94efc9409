package io.avqa.reasoner.stream;

import java.nio.ByteOrder;
import java.util.List;

import ai.djl.ndarray.NDManager;
import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.stream.window.HalfFloats;
import io.avqa.reasoner.text.Classification;
import io.avqa.schemas.Embedding;

/** The model called directly on a window of embeddings, without Kafka: the reference for the streaming path. */
public final class OfflineAnswers {
    private OfflineAnswers() {
    }

    /** p_audio per category of one window, encoded alone. */
    public static float[] presence(SaSRModel model, List<Embedding> window) {
        float[][] in = inputs(window);
        try (NDManager m = NDManager.newBaseManager(); WindowState state = model.encode(m, in[0], in[1])) {
            return state.audioPresence().toFloatArray();
        }
    }

    private static float[][] inputs(List<Embedding> window) {
        int t = window.size();
        float[] audio = new float[t * 128];
        float[] visual = new float[t * 512 * 196];
        for (int i = 0; i < t; i++) {
            Embedding e = window.get(i);
            for (int j = 0; j < 128; j++) {
                audio[i * 128 + j] = e.getAudio().get(j);
            }
            java.nio.ByteBuffer b = e.getVisualMap().getFp16().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < 512 * 196; j++) {
                visual[i * 512 * 196 + j] = HalfFloats.toFloat(b.getShort());
            }
        }
        return new float[][] {audio, visual};
    }

    public static AnswerPrediction answer(SaSRModel model, List<Embedding> window, String question) {
        int t = window.size();
        float[] audio = new float[t * 128];
        float[] visual = new float[t * 512 * 196];
        for (int i = 0; i < t; i++) {
            Embedding e = window.get(i);
            for (int j = 0; j < 128; j++) {
                audio[i * 128 + j] = e.getAudio().get(j);
            }
            java.nio.ByteBuffer b = e.getVisualMap().getFp16().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < 512 * 196; j++) {
                visual[i * 512 * 196 + j] = HalfFloats.toFloat(b.getShort());
            }
        }
        Classification.Supported q = (Classification.Supported) model.classify(question);
        try (NDManager m = NDManager.newBaseManager(); WindowState state = model.encode(m, audio, visual)) {
            return model.answer(state, 0, q);
        }
    }
}
