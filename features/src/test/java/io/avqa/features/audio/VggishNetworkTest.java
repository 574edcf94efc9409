package io.avqa.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.nn.TorchParameter;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.WeightBinder;

class VggishNetworkTest {

    @Test
    void hasTorchvggishParameterCountAndNames() {
        VggishNetwork net = new VggishNetwork(true);
        assertEquals(72_141_184L, net.parameterCount());
        assertEquals(java.util.List.of("features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias",
                "features.6.weight", "features.6.bias", "features.8.weight", "features.8.bias", "features.11.weight",
                "features.11.bias", "features.13.weight", "features.13.bias", "embeddings.0.weight", "embeddings.0.bias",
                "embeddings.2.weight", "embeddings.2.bias", "embeddings.4.weight", "embeddings.4.bias"),
                net.torchParameters().stream().map(TorchParameter::name).toList());
    }

    /**
     * Known weights: all convolutions zero except the last conv's bias b (so every position of the 512x6x4 map
     * holds b[c]); the FC layers copy their first inputs. The output is then b[0..127] exactly when the map
     * is flattened channels-last as torchvggish does (channels-first would give b[k / 24]).
     */
    @Test
    void flattensChannelsLastLikeTorchvggish() throws Exception {
        VggishNetwork net = new VggishNetwork(false);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> dict = new LinkedHashMap<>();
            for (TorchParameter p : net.torchParameters()) {
                dict.put(p.name(), m.zeros(p.shape()));
            }
            float[] b = new float[512];
            for (int c = 0; c < 512; c++) {
                b[c] = 0.5f + c;
            }
            dict.put("features.13.bias", m.create(b));
            dict.put("embeddings.0.weight", m.eye(4096, 12288, 0, ai.djl.ndarray.types.DataType.FLOAT32));
            dict.put("embeddings.2.weight", m.eye(4096));
            dict.put("embeddings.4.weight", m.eye(128, 4096, 0, ai.djl.ndarray.types.DataType.FLOAT32));
            WeightBinder.bind("test", Network.VGGISH, net.torchParameters(), dict, m);
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(3, 1, 96, 64))),
                    false).singletonOrThrow();
            assertEquals(new Shape(3, 128), out.getShape());
            for (int row = 0; row < 3; row++) {
                assertArrayEquals(java.util.Arrays.copyOf(b, 128), out.get(new NDIndex(row)).toFloatArray(), 0f);
            }
        }
    }

    /** torchvggish's post-processor: (x - means) through the PCA matrix, clipped to [-2, 2], quantised to 0..255. */
    @Test
    void pcaPostprocessorWhitensClipsAndQuantises() throws Exception {
        VggishNetwork net = new VggishNetwork(false, true);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> dict = new LinkedHashMap<>();
            for (TorchParameter p : net.torchParameters()) {
                dict.put(p.name(), m.zeros(p.shape()));
            }
            float[] b = new float[512];
            for (int c = 0; c < 512; c++) {
                b[c] = 0.5f + c;
            }
            dict.put("features.13.bias", m.create(b));
            dict.put("embeddings.0.weight", m.eye(4096, 12288, 0, ai.djl.ndarray.types.DataType.FLOAT32));
            dict.put("embeddings.2.weight", m.eye(4096));
            dict.put("embeddings.4.weight", m.eye(128, 4096, 0, ai.djl.ndarray.types.DataType.FLOAT32));
            dict.put("pproc.pca_eigen_vectors", m.eye(128));
            dict.put("pproc.pca_means", m.ones(new Shape(128, 1)));
            WeightBinder.bind("test", Network.VGGISH, net.torchParameters(), dict, m);
            float[] out = net.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 1, 96, 64))), false)
                    .singletonOrThrow().toFloatArray();
            assertEquals(96f, out[0]); // 0.5 - 1 = -0.5 -> (1.5 * 63.75) = 95.6 -> 96
            assertEquals(159f, out[1]); // 1.5 - 1 = 0.5 -> 159.4 -> 159
            assertEquals(223f, out[2]); // 2.5 - 1 = 1.5 -> 223.1 -> 223
            assertEquals(255f, out[3]); // 3.5 - 1 = 2.5, clipped at 2 -> 255
            assertEquals(255f, out[127]);
        }
    }

    @Test
    void countsAbout862MillionMultiplyAccumulatesPerExample() {
        long macs = new VggishNetwork(true).macs();
        assertEquals(863_895_552L, macs);
    }
}
