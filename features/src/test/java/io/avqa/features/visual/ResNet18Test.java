package io.avqa.features.visual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.avqa.features.nn.TorchParameter;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.SeededBackbone;

class ResNet18Test {

    @Test
    void hasTorchvisionResNet18ParameterCountWithoutClassifier() {
        // torchvision resnet18: 11,689,512 parameters including fc (512*1000 + 1000)
        assertEquals(11_689_512L - 513_000L, new ResNet18().parameterCount());
    }

    @Test
    void usesTorchvisionParameterNamesWithStrideOneLayer4Downsample() {
        List<TorchParameter> params = new ResNet18().torchParameters();
        Set<String> names = params.stream().map(TorchParameter::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("conv1.weight", "bn1.running_mean", "layer1.0.conv1.weight",
                "layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_var", "layer4.0.downsample.0.weight",
                "layer4.1.bn2.bias")));
        assertFalse(names.contains("layer1.0.downsample.0.weight"), "layer1 keeps 64 channels at stride 1");
        // 20 conv/downsample weights + 20 BatchNorms x 4 tensors
        assertEquals(20 + 20 * 4, params.size());
        TorchParameter down4 = params.stream().filter(p -> p.name().equals("layer4.0.downsample.0.weight")).findFirst()
                .orElseThrow();
        assertEquals(new Shape(512, 256, 1, 1), down4.shape());
    }

    @Test
    void gives512By14By14MapAndPooledVectorFor224Input() {
        ResNet18 net = new ResNet18();
        assertArrayEquals(new Shape[] {new Shape(2, 512, 14, 14), new Shape(2, 512)},
                net.getOutputShapes(new Shape[] {new Shape(2, 3, 224, 224)}));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SeededBackbone.V1.bind(Network.RESNET18, net.torchParameters(), m);
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 224, 224))),
                    false);
            assertEquals(new Shape(2, 512, 14, 14), out.get(0).getShape());
            assertEquals(new Shape(2, 512), out.get(1).getShape());
            // pooled is the spatial mean of the map
            assertTrue(out.get(0).reshape(2, 512, 196).mean(new int[] {2}).allClose(out.get(1), 1e-5, 1e-5, false));
        }
    }

    /** Folding BatchNorm into the convolutions changes nothing but rounding, with non-trivial statistics. */
    @Test
    void foldedBatchNormComputesTheSameFunction() throws Exception {
        ResNet18 net = new ResNet18();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            java.util.Map<String, ai.djl.ndarray.NDArray> dict = new java.util.LinkedHashMap<>();
            for (TorchParameter p : net.torchParameters()) {
                String leaf = p.name().substring(p.name().lastIndexOf('.') + 1);
                dict.put(p.name(), switch (leaf) {
                    case "running_var" -> m.randomUniform(0.5f, 2f, p.shape());
                    case "running_mean", "bias" -> m.randomUniform(-0.2f, 0.2f, p.shape());
                    default -> p.shape().dimension() == 1 ? m.randomUniform(0.5f, 1.5f, p.shape())
                            : m.randomNormal(0f, (float) Math.sqrt(2.0 / (p.shape().size() / p.shape().get(0))), p.shape(),
                                    ai.djl.ndarray.types.DataType.FLOAT32);
                });
            }
            io.avqa.features.weights.WeightBinder.bind("random", Network.RESNET18, net.torchParameters(), dict, m);
            ParameterStore ps = new ParameterStore(m, false);
            NDList input = new NDList(m.randomNormal(new Shape(2, 3, 224, 224)));
            NDList plain = net.forward(ps, input, false);
            net.fuseBatchNorm();
            NDList folded = net.forward(ps, input, false);
            float scale = plain.get(1).abs().max().getFloat();
            assertTrue(scale > 0);
            assertTrue(plain.get(1).allClose(folded.get(1), 1e-3, 1e-3 * scale, false), "pooled");
            assertTrue(plain.get(0).allClose(folded.get(0), 1e-3, 1e-3 * scale, false), "map");
        }
    }

    @Test
    void countsConvolutionMultiplyAccumulates() {
        // torchvision resnet18 is 1.814 GMACs at 224 (incl. fc 0.5 M); layer4 at 14x14 quadruples layer4's 411 M
        long macs = new ResNet18().macs(224, 224);
        assertTrue(macs > 3.0e9 && macs < 3.1e9, "MACs " + macs);
    }
}
