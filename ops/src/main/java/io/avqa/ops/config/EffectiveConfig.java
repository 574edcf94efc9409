package io.avqa.ops.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The configuration a service runs with, as one startup log line: {@code key=value(source)} for every layered
 * option, secrets as {@code ***}. Operators read it to see which layer won; it never contains a secret.
 */
public final class EffectiveConfig {
    static final String REDACTED = "***";

    private EffectiveConfig() {
    }

    /** The line for a parsed command: e.g. {@code bootstrap-servers=kafka:9092(env) batch-size=8(default)}. */
    public static String describe(CommandSpec spec) {
        Function<OptionSpec, ValueSource> source = o -> sourceOf(spec, o);
        List<String> parts = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            String key = LayeredDefaults.key(o);
            if (key == null || key.equals("config") && o.getValue() == null) {
                continue;
            }
            parts.add(key + "=" + render(o) + "(" + source.apply(o).label() + ")");
        }
        return String.join(" ", parts);
    }

    /** Kafka property names that hold credentials ({@code ssl.key.password}, {@code sasl.jaas.config}, ...). */
    static boolean sensitiveKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.contains("credentials");
    }

    /** Which layer gave a parsed option its value. */
    public static ValueSource sourceOf(CommandSpec spec, OptionSpec option) {
        ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption(option)) {
            return ValueSource.FLAG;
        }
        IDefaultValueProvider provider = spec.defaultValueProvider();
        return provider instanceof LayeredDefaults layers ? layers.sourceOf(option) : ValueSource.DEFAULT;
    }

    /** {@link #sourceOf(CommandSpec, OptionSpec)} by option name, e.g. {@code --ops-port}. */
    public static ValueSource sourceOf(CommandSpec spec, String optionName) {
        return sourceOf(spec, spec.findOption(optionName));
    }

    private static String render(OptionSpec o) {
        Object value = o.getValue();
        if (value == null) {
            return "-";
        }
        if (LayeredDefaults.isSecret(o)) {
            return REDACTED;
        }
        if (value instanceof java.util.Map<?, ?> m && m.isEmpty() || value instanceof Collection<?> c0 && c0.isEmpty()) {
            return "-";
        }
        if (value instanceof java.util.Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.forEach((k, v) -> entries.add(k + "=" + (sensitiveKey(String.valueOf(k)) ? REDACTED : v)));
            return String.join(",", entries);
        }
        String text = value instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList())
                : value instanceof Object[] a ? String.join(",", java.util.Arrays.stream(a).map(String::valueOf).toList())
                : String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text.contains(" ") ? '"' + text + '"' : text;
    }
}
