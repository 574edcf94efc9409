package io.avqa.dataset.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.avqa.dataset.preview.ContactSheet;

/** {@code avqa dataset preview}: a PNG contact sheet of one clip, to check scenes by eye. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Write a PNG contact sheet of one clip to check it by eye.",
            "",
            "One cell per 1-second segment: its first frame, the labelled boxes",
            "(green: sounding in that second, red: silent) and the ground truth from",
            "labels/<id>.json printed underneath.",
            ""},
        footer = {"", "Example: avqa dataset preview data/synth --clip s1-000000"})
public final class PreviewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset directory (with videos/ and labels/).")
    Path dir;

    @Option(names = "--clip", required = true, paramLabel = "ID", description = "Video id, e.g. s1-000000.")
    String clip;

    @Option(names = "--out", paramLabel = "PNG", description = "Output file (default: DIR/preview/<ID>.png).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path png = out != null ? out : dir.resolve("preview").resolve(clip + ".png");
        ContactSheet.write(dir, clip, png);
        System.out.println("wrote " + png);
        return 0;
    }
}
