package io.avqa.app.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of one README section, in the order a reader runs them: every line of the section's
 * {@code ```bash} blocks, continuation lines ({@code \} at the end) joined, blank and comment-only lines left out.
 * A test that runs these cannot drift from what the README tells people to type.
 */
record ReadmeRecipe(String heading, List<String> commands) {

    /** The section that starts with the line {@code heading} and ends at the next heading of the same level. */
    static ReadmeRecipe read(Path readme, String heading) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalArgumentException(readme + " has no line '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<String> commands = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!inBash && line.startsWith(level)) {
                break;
            }
            if (line.startsWith("```")) {
                inBash = !inBash && line.equals("```bash");
                continue;
            }
            String text = line.strip();
            if (!inBash || (pending.isEmpty() && (text.isEmpty() || text.startsWith("#")))) {
                continue;
            }
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
            } else {
                commands.add(pending.append(text).toString());
                pending.setLength(0);
            }
        }
        return new ReadmeRecipe(heading, List.copyOf(commands));
    }
}
