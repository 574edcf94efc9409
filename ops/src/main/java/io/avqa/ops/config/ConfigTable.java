package io.avqa.ops.config;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders a service's configuration keys as a Markdown table (file key, environment variable, default,
 * description) straight from its picocli {@link CommandSpec}, and keeps {@code docs/configuration.md} in step:
 * each service owns the section between {@code <!-- BEGIN name -->} and {@code <!-- END name -->}, and its test
 * fails when that section differs from what the code declares (run the test with {@code -Davqa.docs.update=true}
 * to rewrite the section).
 */
public final class ConfigTable {
    public static final String UPDATE_PROPERTY = "avqa.docs.update";
    /** What picocli's {@code @Option.defaultValue} holds when the code gives no default. */
    private static final String NO_DEFAULT = "__no_default_value__";

    private ConfigTable() {
    }

    /** The table of one command: one row per layered option, in declaration order. */
    public static String render(CommandSpec spec) {
        List<String> rows = new ArrayList<>();
        rows.add("| key (file) | environment | default | description |");
        rows.add("|---|---|---|---|");
        for (OptionSpec o : spec.options()) {
            String key = LayeredDefaults.key(o);
            if (key == null) {
                continue;
            }
            String def = rawDefault(o);
            rows.add("| `" + key + "` | `" + LayeredDefaults.envName(key) + "` | "
                    + (def == null ? "" : "`" + cell(def) + "`") + " | "
                    + (LayeredDefaults.isSecret(o) ? "**secret** (env or flag only, never logged). " : "")
                    + cell(description(o)) + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    /**
     * The default as written in the code ({@code ${java.io.tmpdir}/avqa-reasoner}), not as interpolated on this
     * machine, so the table is the same wherever the check runs.
     */
    static String rawDefault(OptionSpec o) {
        Option annotation = annotation(o);
        if (annotation == null) {
            return o.defaultValue();
        }
        return NO_DEFAULT.equals(annotation.defaultValue()) ? null : annotation.defaultValue();
    }

    private static Option annotation(OptionSpec o) {
        return o.userObject() instanceof AnnotatedElement e ? e.getAnnotation(Option.class) : null;
    }

    /** The description without its "(default: X)" remark (the table has a column for it). */
    private static String description(OptionSpec o) {
        Option annotation = annotation(o);
        String text = String.join(" ", annotation != null ? annotation.description() : o.description());
        String def = rawDefault(o);
        if (def != null) {
            text = text.replace("${DEFAULT-VALUE}", def);
            text = text.replace(" (default: " + def + ")", "").replace("(default: " + def + ")", "")
                    .replace("; default: " + def, "").replace("default: " + def + "; ", "")
                    .replace("(default: " + def + "; ", "(");
        }
        return text.strip();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The section of a service: heading, a line on how to run it, the table, inside its markers. */
    public static String section(String name, CommandSpec spec) {
        return begin(name) + "\n### `avqa " + name + "`\n\n" + render(spec) + end(name);
    }

    private static String begin(String name) {
        return "<!-- BEGIN " + name + " -->";
    }

    private static String end(String name) {
        return "<!-- END " + name + " -->";
    }

    /**
     * Compares the doc's section with the code, or rewrites it when {@code -Davqa.docs.update=true}.
     *
     * @return null when current (or just updated), else a message saying how to fix it
     */
    public static String check(Path doc, String name, Object command) throws IOException {
        CommandLine commandLine = new CommandLine(command);
        // the code's defaults only: the table must not depend on the environment of whoever runs the check
        commandLine.setDefaultValueProvider(null);
        CommandSpec spec = commandLine.getCommandSpec();
        String wanted = section(name, spec);
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int from = text.indexOf(begin(name));
        int to = text.indexOf(end(name));
        String current = from < 0 || to < 0 ? null : text.substring(from, to + end(name).length());
        if (wanted.equals(current)) {
            return null;
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            String updated = current == null ? text + (text.endsWith("\n") ? "\n" : "\n\n") + wanted + "\n"
                    : text.substring(0, from) + wanted + text.substring(to + end(name).length());
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            return null;
        }
        return doc + ": the '" + name + "' table is out of date with the code; rerun this test with -D"
                + UPDATE_PROPERTY + "=true and commit the file. Expected:\n" + wanted;
    }
}
