package io.avqa.features.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;

/**
 * A DJL block whose parameters carry PyTorch state-dict names, so that torchvision / torchvggish
 * checkpoints bind by name. DJL prefixes child names with an index ({@code 01conv1}); this class keeps
 * its own name tree so {@link #torchParameters()} yields exactly the dotted names PyTorch uses.
 *
 * <p>Parameters are created without a shape: their arrays are bound once, by a weight loader, through
 * {@link Parameter#setArray}; the expected shape travels in {@link TorchParameter#shape()} for checking.
 */
public abstract class TorchBlock extends AbstractBlock {
    private final Map<String, TorchParameter> own = new LinkedHashMap<>();
    private final Map<String, TorchBlock> torchChildren = new LinkedHashMap<>();

    /** Declares a parameter named {@code name} (last path element, e.g. {@code running_var}). */
    protected final Parameter torchParameter(String name, Parameter.Type type, Shape shape) {
        // running statistics are buffers: PyTorch's batch_norm refuses them with requires_grad set
        boolean buffer = type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR;
        Parameter p = addParameter(Parameter.builder().setName(name).setType(type).optRequiresGrad(!buffer).build());
        own.put(name, new TorchParameter(name, p, shape));
        return p;
    }

    /** Registers a child under its PyTorch module name (e.g. {@code layer1.0} or {@code downsample.0}). */
    protected final <B extends TorchBlock> B torchChild(String name, B block) {
        addChildBlock(name, block);
        torchChildren.put(name, block);
        return block;
    }

    /**
     * Nothing to initialise: weight loaders bind every array. DJL calls this on the first training-mode forward
     * pass (backbone training), where the default would refuse a block with children.
     */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // every parameter array was bound by a weight loader before the first forward pass
    }

    /** Every parameter of this block and its children, with full dotted PyTorch names, in module order. */
    public final List<TorchParameter> torchParameters() {
        List<TorchParameter> out = new ArrayList<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, List<TorchParameter> out) {
        for (TorchParameter p : own.values()) {
            out.add(new TorchParameter(prefix + p.name(), p.parameter(), p.shape()));
        }
        for (Map.Entry<String, TorchBlock> child : torchChildren.entrySet()) {
            child.getValue().collect(prefix + child.getKey() + ".", out);
        }
    }

    /**
     * Number of learnable values, counted as PyTorch's {@code parameters()} does: BatchNorm running
     * statistics are buffers, not parameters.
     */
    public final long parameterCount() {
        return torchParameters().stream()
                .filter(p -> p.parameter().getType() != Parameter.Type.RUNNING_MEAN
                        && p.parameter().getType() != Parameter.Type.RUNNING_VAR)
                .mapToLong(p -> p.shape().size()).sum();
    }
}
