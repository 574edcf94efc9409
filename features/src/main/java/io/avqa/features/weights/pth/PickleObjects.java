package io.avqa.features.weights.pth;

import java.io.IOException;
import java.util.List;

/**
 * What the objects a pickle names become: the {@link Unpickler} parses, this decides. An implementation
 * knows a fixed set of classes and throws for any other, so reading a checkpoint never runs its code.
 */
interface PickleObjects {
    /** {@code callable(*args)} for REDUCE, or {@code cls.__new__(cls, *args)} for NEWOBJ. */
    Object call(Unpickler.PyGlobal callable, List<Object> args) throws IOException;

    /** BUILD: gives {@code object} its pickled {@code state}, in place. */
    void build(Object object, Object state) throws IOException;

    /** BINPERSID: the object an out-of-band id stands for (PyTorch: a tensor storage). */
    Object persistentLoad(Object id) throws IOException;
}
