package io.avqa.features.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.avqa.features.weights.WeightMismatchException;
import io.avqa.features.weights.pth.BackboneImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avqa features weights import}: the official torchvision / torchvggish {@code .pth} files into a
 * backbone directory ({@link BackboneImport}). Pure Java: no Python and no PyTorch native library is loaded.
 * Exit status 0 when written, 1 when a file is refused (the reason on standard error, nothing written).
 * <pre>
 *   avqa features weights import --resnet18 resnet18-f37072fd.pth --vggish vggish-10086976.pth \
 *       --vggish-pca vggish_pca_params-970ea276.pth --out ~/backbones/official
 *   avqa features --weights ~/backbones/official
 * </pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads the official PyTorch state dicts of torchvision ResNet-18 and torchvggish VGGish "
                + "(torch.save files, zip or legacy format), checks every name and shape as the feature stage's "
                + "loader does, and writes OUT/resnet18.safetensors, OUT/vggish.safetensors and "
                + "OUT/backbone.properties for --weights OUT."},
        footer = {"", "The files: resnet18-f37072fd.pth (download.pytorch.org/models), vggish-10086976.pth and "
                + "vggish_pca_params-970ea276.pth (github.com/harritaylor/torchvggish releases v0.1)."})
public final class ImportWeightsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--resnet18", required = true, paramLabel = "FILE.pth",
            description = "torchvision ResNet-18 state dict (fc.* and num_batches_tracked are left out).")
    Path resnet18;

    @Option(names = "--vggish", required = true, paramLabel = "FILE.pth", description = "torchvggish VGGish state dict.")
    Path vggish;

    @Option(names = "--vggish-pca", paramLabel = "FILE.pth",
            description = "torchvggish PCA parameters (pca_eigen_vectors, pca_means): enables the PCA + 8-bit "
                    + "quantisation post-processor, as in AudioSet's released embeddings (default: none).")
    Path vggishPca;

    @Option(names = "--vggish-final-relu", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Whether VGGish's last layer has a ReLU, as in torchvggish's release (default: ${DEFAULT-VALUE}).")
    boolean vggishFinalRelu;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (new or empty).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            BackboneImport.Result r = BackboneImport.run(new BackboneImport.Request(resnet18, vggish, vggishPca,
                    vggishFinalRelu, out));
            print(stdout, r.resnet18());
            print(stdout, r.vggish());
            stdout.printf(Locale.ROOT, "backbone %s in %s (VGGish final ReLU %s, PCA %s)%n", r.backboneId(), r.dir(),
                    vggishFinalRelu ? "on" : "off", r.vggishPca() ? "on" : "off");
            stdout.printf(Locale.ROOT, "use it: avqa features --weights %s   or   avqa features extract --weights %s "
                    + "--dataset DIR%n", r.dir(), r.dir());
            stdout.flush();
            return 0;
        } catch (WeightMismatchException | IOException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written to " + out);
            err.flush();
            return 1;
        }
    }

    /** E.g. {@code resnet18.safetensors: 100 tensors, 11,186,112 values (left out fc.weight, fc.bias, 20 BatchNorm counters)}. */
    private static void print(PrintWriter out, BackboneImport.Written w) {
        List<String> left = new ArrayList<>(w.ignored().stream().filter(k -> !k.endsWith(".num_batches_tracked")).toList());
        long counters = w.ignored().size() - left.size();
        if (counters > 0) {
            left.add(counters + " BatchNorm counters");
        }
        out.printf(Locale.ROOT, "%s: %d tensors, %,d values%s%n", w.file().getFileName(), w.tensors(), w.values(),
                left.isEmpty() ? "" : " (left out " + String.join(", ", left) + ")");
    }
}
