package io.avqa.reasoner.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.SymbolLookup;

/** The two libc calls {@link ThreadNiceness} needs; loaded only once the incubator module is known present. */
final class LibC {
    private static final int PRIO_PROCESS = 0; // with a thread id, Linux applies it to that thread alone

    private LibC() {
    }

    static String setCurrentThreadNice(int nice) {
        try {
            SymbolLookup libc = CLinker.systemLookup();
            CLinker linker = CLinker.getInstance();
            MethodHandle gettid = linker.downcallHandle(libc.lookup("gettid").orElseThrow(),
                    MethodType.methodType(int.class), FunctionDescriptor.of(CLinker.C_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.lookup("setpriority").orElseThrow(),
                    MethodType.methodType(int.class, int.class, int.class, int.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_INT));
            int tid = (int) gettid.invokeExact();
            int rc = (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice);
            return rc == 0 ? null : "setpriority refused nice " + nice + " for thread " + tid;
        } catch (IllegalCallerException e) {
            return "the JVM runs without --enable-native-access=ALL-UNNAMED";
        } catch (Throwable e) {
            return "cannot reach libc's setpriority: " + e;
        }
    }
}
