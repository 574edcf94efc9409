package io.avqa.features.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.util.Pair;

/**
 * Reads a checkpoint into tensors by PyTorch name.
 *
 * <ul>
 *   <li>{@code .safetensors}: through DJL's {@link NDList#decode} (names from the header; F16/BF16/F32/F64).</li>
 *   <li>{@code .pt}: a TorchScript module. If its {@code forward()} takes no input and returns a
 *       {@code Dict[str, Tensor]} (a state-dict container, e.g. a scripted module returning
 *       {@code resnet.state_dict()}), that dict is the state; otherwise its named parameters are used.
 *       DJL exposes parameters but not buffers, so a plain scripted network lacks BatchNorm running
 *       statistics: export those with the container form or as safetensors.</li>
 * </ul>
 */
final class StateDictReader {
    private StateDictReader() {
    }

    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".safetensors")) {
            return safetensors(file, manager);
        }
        if (name.endsWith(".pt")) {
            return torchScript(file, manager);
        }
        throw new IOException(file + ": unknown checkpoint format (expected .safetensors or .pt)");
    }

    private static Map<String, NDArray> safetensors(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (NDArray a : list) {
                out.put(a.getName(), a);
            }
            return out;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable safetensors file: " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> torchScript(Path file, NDManager manager) throws IOException {
        String base = file.getFileName().toString();
        base = base.substring(0, base.length() - ".pt".length());
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (Model model = Model.newInstance(base, manager.getDevice(), "PyTorch")) {
            model.load(file.getParent(), base);
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            PtNDManager ptManager = (PtNDManager) model.getNDManager();
            Map<String, IValue> container = stateDictContainer(block);
            if (container != null) {
                for (Map.Entry<String, IValue> e : container.entrySet()) {
                    NDArray t = e.getValue().toTensor(ptManager).duplicate();
                    t.attach(manager);
                    out.put(e.getKey(), t);
                }
            } else {
                for (Pair<String, Parameter> p : block.getDirectParameters()) {
                    NDArray t = p.getValue().getArray().duplicate();
                    t.attach(manager);
                    out.put(p.getKey(), t);
                }
            }
            return out;
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(file + " is not a readable TorchScript module: " + e.getMessage(), e);
        }
    }

    /** The dict returned by a no-argument {@code forward()}, or null when the module is not a container. */
    private static Map<String, IValue> stateDictContainer(PtSymbolBlock block) {
        try {
            IValue result = block.forward();
            return result.isMap() ? result.toIValueMap() : null;
        } catch (RuntimeException notAContainer) {
            // forward() needs an input: this is a network, not a container; its parameters are used instead
            return null;
        }
    }
}
