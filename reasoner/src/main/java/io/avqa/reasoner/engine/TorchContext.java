package io.avqa.reasoner.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

import ai.djl.engine.Engine;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.SymbolLookup;

/**
 * Calls into libtorch's global {@code at::Context}, which DJL does not expose, through Java 17's foreign linker.
 * The symbols are libtorch's C++ names (stable across PyTorch 2.x); DJL has loaded the library by then.
 * Needs the JVM flags {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}; only
 * {@link MatmulPrecision} touches this class, after checking that the module is there.
 */
final class TorchContext {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_PRECISION =
            "_ZN2at7Context25setFloat32MatmulPrecisionENS_22Float32MatmulPrecisionE";
    private static final String GET_PRECISION = "_ZNK2at7Context22float32MatmulPrecisionEv";

    private static Handles handles;

    private TorchContext() {
    }

    private record Handles(MemoryAddress context, MethodHandle set, MethodHandle get) {
    }

    static void setFloat32MatmulPrecision(int level) {
        try {
            handles().set().invokeExact(handles().context(), level);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot set PyTorch's matmul precision: " + e, e);
        }
    }

    static int float32MatmulPrecision() {
        try {
            return (int) handles().get().invokeExact(handles().context());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read PyTorch's matmul precision: " + e, e);
        }
    }

    private static synchronized Handles handles() {
        if (handles != null) {
            return handles;
        }
        Engine.getEngine("PyTorch"); // loads libtorch into this class loader
        try {
            SymbolLookup lib = SymbolLookup.loaderLookup();
            CLinker linker = CLinker.getInstance();
            MethodHandle globalContext = linker.downcallHandle(symbol(lib, GLOBAL_CONTEXT),
                    MethodType.methodType(MemoryAddress.class), FunctionDescriptor.of(CLinker.C_POINTER));
            MethodHandle set = linker.downcallHandle(symbol(lib, SET_PRECISION),
                    MethodType.methodType(void.class, MemoryAddress.class, int.class),
                    FunctionDescriptor.ofVoid(CLinker.C_POINTER, CLinker.C_INT));
            MethodHandle get = linker.downcallHandle(symbol(lib, GET_PRECISION),
                    MethodType.methodType(int.class, MemoryAddress.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_POINTER));
            handles = new Handles((MemoryAddress) globalContext.invokeExact(), set, get);
            return handles;
        } catch (IllegalCallerException e) {
            throw new IllegalStateException("bf16 matmul precision needs the JVM flag "
                    + "--enable-native-access=ALL-UNNAMED (the avqa launcher passes it)", e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot reach PyTorch's global context: " + e, e);
        }
    }

    private static MemoryAddress symbol(SymbolLookup lib, String name) {
        return lib.lookup(name).orElseThrow(() -> new IllegalStateException("libtorch has no symbol " + name
                + ": this PyTorch build does not offer the matmul precision setting"));
    }
}
