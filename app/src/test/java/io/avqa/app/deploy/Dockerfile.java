package io.avqa.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Dockerfile read the simple way: instructions with continuation lines joined and comments dropped, grouped
 * into build stages. Enough to check what our Dockerfiles promise; not a full BuildKit parser (no heredocs).
 */
record Dockerfile(String name, Map<String, String> args, List<Stage> stages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    /** One instruction: {@code keyword} upper case, {@code args} the rest of the joined line. */
    record Instruction(int line, String keyword, String args) {
        /** The exec (JSON array) form of CMD, ENTRYPOINT or a HEALTHCHECK's CMD; empty for the shell form. */
        Optional<List<String>> execForm() {
            String text = args.strip();
            if (!text.startsWith("[")) {
                return Optional.empty();
            }
            try {
                return Optional.of(List.of(JSON.readValue(text, String[].class)));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
    }

    /** A stage: its FROM image, its {@code AS} name (or null) and its instructions after the FROM. */
    record Stage(String image, String alias, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        /** ARG defaults of this stage ({@code ARG NAME=value}). */
        Map<String, String> args() {
            Map<String, String> args = new LinkedHashMap<>();
            for (Instruction arg : all("ARG")) {
                String text = arg.args().strip();
                int eq = text.indexOf('=');
                args.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : unquote(text.substring(eq + 1)));
            }
            return args;
        }

        /** ENV of this stage, {@code ${ARG}} references replaced by the stage's ARG defaults. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> args = args();
            for (Instruction instruction : all("ENV")) {
                List<String> words = words(instruction.args());
                if (!words.isEmpty() && !words.get(0).contains("=")) { // legacy form: ENV KEY value with spaces
                    env.put(words.get(0), substitute(instruction.args().strip().substring(words.get(0).length()).strip(), args));
                    continue;
                }
                for (String word : words) {
                    int eq = word.indexOf('=');
                    env.put(word.substring(0, eq), substitute(unquote(word.substring(eq + 1)), args));
                }
            }
            return env;
        }
    }

    static Dockerfile read(Path path) {
        try {
            return parse(path.toString(), Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static Dockerfile parse(String name, String text) {
        List<Stage> stages = new ArrayList<>();
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Instruction> current = null;
        StringBuilder joined = new StringBuilder();
        int startLine = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].stripTrailing();
            if (line.strip().startsWith("#") || (line.isBlank() && joined.length() == 0)) {
                continue; // comments, also between continuation lines, as Docker does
            }
            if (joined.length() == 0) {
                startLine = n + 1;
            }
            boolean continues = line.endsWith("\\");
            joined.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (continues) {
                continue;
            }
            String full = joined.toString().strip();
            joined.setLength(0);
            if (full.isEmpty()) {
                continue;
            }
            int space = full.indexOf(' ');
            String keyword = (space < 0 ? full : full.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : full.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                List<String> words = words(args).stream().filter(w -> !w.startsWith("--")).toList();
                String alias = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                current = new ArrayList<>();
                stages.add(new Stage(words.isEmpty() ? "" : words.get(0), alias, current));
            } else if (current != null) {
                current.add(new Instruction(startLine, keyword, args));
            } else if (keyword.equals("ARG")) {
                int eq = args.indexOf('=');
                globalArgs.put(eq < 0 ? args : args.substring(0, eq), eq < 0 ? "" : unquote(args.substring(eq + 1)));
            }
        }
        return new Dockerfile(name, globalArgs, stages);
    }

    /** The stage named {@code alias} (case-insensitive), if any. */
    Optional<Stage> stage(String alias) {
        return stages.stream().filter(s -> alias.equalsIgnoreCase(s.alias())).findFirst();
    }

    /** A FROM image with the ARGs declared before the first FROM replaced by their defaults. */
    String resolve(String image) {
        return substitute(image, args);
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("(?:[^\\s\"]|\"[^\"]*\")+").matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String substitute(String value, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = args.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
