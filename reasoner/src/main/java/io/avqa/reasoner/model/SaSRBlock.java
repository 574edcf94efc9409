package io.avqa.reasoner.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * Base of every SaSR-Net part. All shapes follow from {@link SaSRConfig}, so each child is registered together
 * with the input shape it is initialised with; {@link #initializeChildBlocks} then needs no shape inference.
 */
abstract class SaSRBlock extends AbstractBlock {
    private final List<Block> initOrder = new ArrayList<>();
    private final List<Shape[]> initShapes = new ArrayList<>();

    SaSRBlock() {
        super((byte) 1);
    }

    /** Registers a child that is initialised with the given input shapes. */
    protected final <B extends Block> B child(String name, B block, Shape... shapes) {
        addChildBlock(name, block);
        initOrder.add(block);
        initShapes.add(shapes);
        return block;
    }

    /** A fully connected layer from {@code in} to {@code out} features, applied to the last axis. */
    protected final Linear linear(String name, long in, long out) {
        return child(name, Linear.builder().setUnits(out).build(), new Shape(1, in));
    }

    /** Layer normalisation over the last axis of width {@code width}. */
    protected final LayerNorm layerNorm(String name, long width) {
        return child(name, LayerNorm.builder().build(), new Shape(1, width));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < initOrder.size(); i++) {
            initOrder.get(i).initialize(manager, dataType, initShapes.get(i));
        }
    }

    /** Runs a single-input, single-output child. */
    protected static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).head();
    }
}
