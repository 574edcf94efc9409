package io.avqa.reasoner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How PyTorch multiplies fp32 matrices on the CPU, for the whole process (PyTorch keeps one setting).
 *
 * <p>{@link #BF16} is PyTorch's "medium" fp32 matmul precision: linear layers and batched products run through
 * oneDNN with bfloat16 inputs and fp32 accumulation, on the AMX / AVX-512 BF16 units of recent Xeons. Measured
 * here: a sasr-base window in a batch of 8 on one thread 24 ms in fp32, 16 ms in bf16. The products keep about
 * 3 significant digits, so answers can differ from fp32 where two answers are nearly tied (the shipped model:
 * 9 of 4,790 test answers, 44.97 % accuracy against 44.93 %; {@code avqa eval --matmul-precision} measures any
 * model). Convolutions are not affected in this PyTorch build. On a CPU without bf16 units PyTorch stays in
 * fp32. On AMD CPUs the setting also moves the products from MKL, which runs AVX2 code there, to oneDNN: on an
 * AVX-512 BF16 Zen 5 the products stayed at fp32 accuracy (a 512-term product moved by 9e-5, as a change of
 * summation order would) and a sasr-base window took 27-29 instead of 54 ms on one thread.
 */
public enum MatmulPrecision {
    /** IEEE fp32 products (PyTorch's "highest"), the default: what offline evaluation computes. */
    FP32(0),
    /** bfloat16 products with fp32 accumulation (PyTorch's "medium"). */
    BF16(2);

    private final int torchLevel;

    MatmulPrecision(int torchLevel) {
        this.torchLevel = torchLevel;
    }

    /**
     * Sets this precision for every PyTorch operation of the process from now on.
     *
     * @throws IllegalStateException when the JVM was started without the flags the native call needs (the
     *                               {@code avqa} launcher passes them), or PyTorch does not have the setting
     */
    public void apply() {
        if (!foreignLinkerLoaded()) {
            if (this == FP32) {
                return; // PyTorch's own default, and nothing without the linker can have changed it
            }
            throw new IllegalStateException("--matmul-precision " + this + " needs the JVM flags "
                    + "--add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED "
                    + "(the avqa launcher and the Docker images pass them)");
        }
        TorchContext.setFloat32MatmulPrecision(torchLevel);
    }

    /** The precision PyTorch uses now. */
    public static MatmulPrecision current() {
        if (!foreignLinkerLoaded()) {
            return FP32;
        }
        int level = TorchContext.float32MatmulPrecision();
        for (MatmulPrecision p : values()) {
            if (p.torchLevel == level) {
                return p;
            }
        }
        throw new IllegalStateException("PyTorch's fp32 matmul precision is level " + level
                + " (\"high\"), which avqa does not set");
    }

    /** Whether this CPU has bfloat16 units (AVX-512 BF16 or AMX); without them {@link #BF16} changes nothing. */
    public static boolean cpuHasBf16() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo")).toLowerCase(Locale.ROOT);
            return info.contains(" avx512_bf16") || info.contains(" amx_bf16");
        } catch (IOException e) {
            return false;
        }
    }

    /** TorchContext's classes exist only when the JVM resolved the incubator module. */
    private static boolean foreignLinkerLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.foreign").isPresent();
    }

    /** Help text of the {@code --matmul-precision} options. */
    public static final String HELP = "fp32 (default) or bf16: matrix products in bfloat16 with fp32 accumulation "
            + "on CPUs with AMX or AVX-512 BF16 units (a sasr-base window 1.5x faster here; answers may differ from "
            + "fp32 where two are nearly tied).";

    /** {@code fp32} or {@code bf16}, any case. */
    public static MatmulPrecision parse(String value) {
        for (MatmulPrecision p : values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown matmul precision '" + value + "' (fp32 or bf16)");
    }

    /**
     * Applies this precision and returns what the log should say about it: bf16 on a CPU without bf16 units
     * changes nothing, and the user should know.
     */
    public String applyAndDescribe() {
        apply();
        if (this == BF16 && !cpuHasBf16()) {
            return "matmul precision bf16 requested, but this CPU has no AVX-512 BF16 or AMX units: PyTorch computes "
                    + "in fp32";
        }
        return "matmul precision " + this;
    }

    /** Lower-case name, as the command line spells it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
