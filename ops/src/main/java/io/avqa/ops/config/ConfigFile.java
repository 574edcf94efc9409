package io.avqa.ops.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A service's configuration file: flat keys named like the long options without dashes
 * ({@code bootstrap-servers: host:9092}). {@code .yml}/{@code .yaml} files are YAML (a list becomes a
 * comma-separated value, for options that split on commas); any other file is Java properties.
 *
 * @param path   where it was read from (for messages)
 * @param values key to raw string value
 */
public record ConfigFile(Path path, Map<String, String> values) {

    public ConfigFile {
        values = Map.copyOf(values);
    }

    /** No file: every lookup misses. */
    public static ConfigFile none() {
        return new ConfigFile(null, Map.of());
    }

    /**
     * Reads a file.
     *
     * @throws IllegalArgumentException when it cannot be read or is not a flat map, saying which file and why
     */
    public static ConfigFile load(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new ConfigFile(path, name.endsWith(".yml") || name.endsWith(".yaml") ? yaml(path, in) : properties(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> properties(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
        return out;
    }

    private static Map<String, String> yaml(Path path, Reader in) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("configuration file " + path
                    + " must be a map of option names to values, e.g. 'bootstrap-servers: kafka:9092'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?>) {
                throw new IllegalArgumentException("configuration file " + path + ": key '" + e.getKey()
                        + "' holds a nested map; keys are flat option names (e.g. kafka-security-protocol)");
            }
            out.put(String.valueOf(e.getKey()), v instanceof Collection<?> c
                    ? c.stream().map(String::valueOf).collect(Collectors.joining(","))
                    : v == null ? "" : String.valueOf(v));
        }
        return out;
    }

    public String get(String key) {
        return values.get(key);
    }
}
