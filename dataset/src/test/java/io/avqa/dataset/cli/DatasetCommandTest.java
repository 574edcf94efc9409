package io.avqa.dataset.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class DatasetCommandTest {

    private static String run(StringWriter out, String... args) {
        CommandLine cmd = new CommandLine(new DatasetCommand());
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute(args);
        return code + ":" + out;
    }

    @Test
    void helpDescribesSynthAndPreview() {
        String usage = run(new StringWriter(), "--help");
        assertTrue(usage.startsWith("0:"), usage);
        assertTrue(usage.contains("synth") && usage.contains("preview"), usage);
        String synth = run(new StringWriter(), "synth", "--help");
        for (String option : new String[] {"--out", "--clips", "--seed", "--clip-seconds", "--soundfont"}) {
            assertTrue(synth.contains(option), option + " missing from: " + synth);
        }
    }

    @Test
    void synthThenPreviewWritesAContactSheetWithOneCellPerSecond(@TempDir Path dir) throws IOException {
        assertEquals(0, new CommandLine(new DatasetCommand()).execute("synth", "--out", dir.toString(), "--clips", "1",
                "--seed", "5", "--clip-seconds", "5"));
        String id = "s5-000000";
        assertTrue(Files.exists(dir.resolve("videos/" + id + ".mp4")));
        Path png = dir.resolve("sheet.png");
        assertEquals(0, new CommandLine(new DatasetCommand()).execute("preview", dir.toString(), "--clip", id,
                "--out", png.toString()));
        BufferedImage sheet = ImageIO.read(png.toFile());
        // 5 segments in rows of 4: two rows of 448-pixel frames
        assertEquals(4 * (448 + 4), sheet.getWidth());
        assertTrue(sheet.getHeight() > 2 * 252, "height " + sheet.getHeight());
    }

    @Test
    void previewOfAnUnknownClipFailsWithANonZeroExitCode(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new DatasetCommand());
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("preview", dir.toString(), "--clip", "nope");
        assertTrue(code != 0);
        assertTrue(err.toString().contains("no video"), err.toString());
    }
}
