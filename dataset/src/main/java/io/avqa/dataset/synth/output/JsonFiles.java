package io.avqa.dataset.synth.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes JSON the way the MUSIC-AVQA files look (Python's {@code json.dump(indent=2)}: two-space indent,
 * {@code "key": value}, non-ASCII escaped as {@code \\uXXXX}), with a final newline. Field order is the
 * order nodes were built in, so equal inputs give byte-identical files. Files are written to a temporary
 * sibling and moved into place, so a reader never sees half a file.
 */
public final class JsonFiles {
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indent)
                .withArrayIndenter(indent);
        WRITER = MAPPER.writer(pp);
    }

    private JsonFiles() {
    }

    public static String toText(JsonNode node) throws IOException {
        return WRITER.writeValueAsString(node) + "\n";
    }

    public static void write(Path file, JsonNode node) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toText(node), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
