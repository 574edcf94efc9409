package io.avqa.app.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A compose file as plain maps (SnakeYAML, with anchors and {@code <<} merge keys resolved as Compose does),
 * plus typed accessors for the parts the checks read. Both long and short Compose syntaxes are accepted
 * (lists or maps for environment, depends_on, networks; strings or maps for build, volumes, secrets).
 * {@code ${VAR:-default}} is replaced by its default: the file must be valid without a {@code .env}.
 */
final class ComposeFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

    private final Path dir;
    private final Map<String, Object> root;

    private ComposeFile(Path dir, Map<String, Object> root) {
        this.dir = dir;
        this.root = root;
    }

    static ComposeFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            return new ComposeFile(file.toAbsolutePath().getParent(), map(parsed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The folder relative paths in the file are resolved against. */
    Path dir() {
        return dir;
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(root.get("services")).forEach((name, body) -> services.put(name, map(body)));
        return services;
    }

    /** Names declared at the top level under {@code networks}, {@code volumes}, {@code secrets}. */
    Map<String, Object> declared(String section) {
        return map(root.get(section));
    }

    static String image(Map<String, Object> service) {
        return service.get("image") == null ? "" : interpolate(service.get("image").toString());
    }

    /** The service's command as a list (the short string form split on spaces), or empty when it has none. */
    static List<String> command(Map<String, Object> service) {
        Object command = service.get("command");
        if (command == null) {
            return List.of();
        }
        if (command instanceof List<?> list) {
            return list.stream().map(o -> interpolate(String.valueOf(o))).toList();
        }
        return List.of(interpolate(command.toString()).strip().split("\\s+"));
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(k.toString(), v == null ? "" : interpolate(v.toString())));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String s = entry.toString();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : interpolate(s.substring(eq + 1)));
            }
        }
        return env;
    }

    /** depends_on as service name to condition ({@code service_started} for the short form). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> deps = new LinkedHashMap<>();
        Object raw = service.get("depends_on");
        if (raw instanceof List<?> list) {
            list.forEach(name -> deps.put(name.toString(), "service_started"));
        } else if (raw instanceof Map<?, ?> m) {
            m.forEach((name, body) -> {
                Object condition = body instanceof Map<?, ?> b ? b.get("condition") : null;
                deps.put(name.toString(), condition == null ? "service_started" : condition.toString());
            });
        }
        return deps;
    }

    /** Names of a list-or-map section of a service (networks), or of list entries given as strings or maps. */
    static List<String> names(Object raw, String keyInMaps) {
        List<String> names = new ArrayList<>();
        if (raw instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> names.add(k.toString()));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                names.add(entry instanceof Map<?, ?> e ? String.valueOf(e.get(keyInMaps)) : entry.toString());
            }
        }
        return names;
    }

    /** One volume mount: source (a named volume, a host path, or null for an anonymous one) and target. */
    record Mount(String source, String target) {
        boolean isHostPath() {
            return source != null && (source.startsWith(".") || source.startsWith("/") || source.startsWith("~"));
        }
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        if (service.get("volumes") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m) {
                    mounts.add(new Mount(m.get("source") == null ? null : interpolate(m.get("source").toString()),
                            String.valueOf(m.get("target"))));
                } else {
                    String[] parts = interpolate(entry.toString()).split(":");
                    mounts.add(parts.length == 1 ? new Mount(null, parts[0]) : new Mount(parts[0], parts[1]));
                }
            }
        }
        return mounts;
    }

    /** The host file mounted at {@code target} in this service, resolved against the compose folder. */
    Optional<Path> hostFileAt(Map<String, Object> service, String target) {
        return mounts(service).stream().filter(m -> m.isHostPath() && m.target().equals(target))
                .map(m -> dir.resolve(m.source()).normalize()).findFirst();
    }

    /** The Dockerfile a service builds from, or empty when it uses a ready image. */
    Optional<Path> dockerfile(Map<String, Object> service) {
        Object build = service.get("build");
        if (build == null) {
            return Optional.empty();
        }
        Map<String, Object> b = build instanceof Map<?, ?> ? map(build) : Map.of("context", build);
        Path context = dir.resolve(String.valueOf(b.getOrDefault("context", "."))).normalize();
        return Optional.of(context.resolve(String.valueOf(b.getOrDefault("dockerfile", "Dockerfile"))).normalize());
    }

    static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : m.group()));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
