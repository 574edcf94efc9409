package io.avqa.app.deploy;

import java.io.IOException;
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
 * The two files that address services by name and port: Prometheus' scrape targets must be exactly the avqa
 * services with a /metrics port, at that port; the load balancer's servers must be exactly the gateways, at
 * their HTTP port, with a tunnel timeout for WebSockets and no stickiness (answers find their gateway through
 * replyTo, so any gateway may take any client).
 */
final class ScrapeTargetCheck {
    static final String PROMETHEUS_CONFIG = "/etc/prometheus/prometheus.yml";
    static final String HAPROXY_CONFIG = "/usr/local/etc/haproxy/haproxy.cfg";
    private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+\\S+\\s+([^:\\s]+):(\\d+)");

    private final ComposeFile compose;
    private final Map<String, ComposeCheck.AvqaService> avqa;

    ScrapeTargetCheck(ComposeFile compose, Map<String, ComposeCheck.AvqaService> avqa) {
        this.compose = compose;
        this.avqa = avqa;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        prometheus(problems);
        loadBalancer(problems);
        return problems;
    }

    private void prometheus(List<String> problems) {
        Optional<Path> config = mountedConfig("prom/prometheus", PROMETHEUS_CONFIG, problems);
        if (config.isEmpty()) {
            return;
        }
        Map<String, Integer> targets = new LinkedHashMap<>();
        Map<String, Object> root = ComposeFile.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(read(config.get())));
        for (Object job : (List<?>) root.getOrDefault("scrape_configs", List.of())) {
            for (Object statics : (List<?>) ComposeFile.map(job).getOrDefault("static_configs", List.of())) {
                for (Object target : (List<?>) ComposeFile.map(statics).getOrDefault("targets", List.of())) {
                    String[] hostPort = target.toString().split(":");
                    targets.put(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 80);
                }
            }
        }
        targets.forEach((host, port) -> {
            if (host.equals("localhost") || host.equals("127.0.0.1")) {
                return; // Prometheus itself
            }
            ComposeCheck.AvqaService service = avqa.get(host);
            if (service == null) {
                problems.add(config.get().getFileName() + ": target " + host + ":" + port + " is not an avqa service");
            } else if (!service.metricsPort().equals(Optional.of(port))) {
                problems.add(config.get().getFileName() + ": target " + host + ":" + port + ", but " + host
                        + " serves /metrics on " + service.metricsPort().map(String::valueOf).orElse("no port"));
            }
        });
        avqa.values().stream().filter(s -> !s.oneShot() && s.metricsPort().isPresent() && !targets.containsKey(s.name()))
                .forEach(s -> problems.add(config.get().getFileName() + ": avqa service " + s.name() + " (/metrics on "
                        + s.metricsPort().get() + ") is not scraped"));
    }

    private void loadBalancer(List<String> problems) {
        Optional<Path> config = mountedConfig("haproxy", HAPROXY_CONFIG, problems);
        if (config.isEmpty()) {
            return;
        }
        String cfg = read(config.get());
        Map<String, Integer> servers = new LinkedHashMap<>();
        Matcher m = SERVER.matcher(cfg);
        while (m.find()) {
            servers.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        String file = config.get().getFileName().toString();
        servers.forEach((host, port) -> {
            ComposeCheck.AvqaService service = avqa.get(host);
            if (service == null || !service.subcommand().equals("gateway")) {
                problems.add(file + ": server " + host + ":" + port + " is not a gateway service");
            } else if (!String.valueOf(port).equals(service.invocation().option("--port"))) {
                problems.add(file + ": server " + host + ":" + port + ", but " + host + " listens on "
                        + service.invocation().option("--port"));
            }
        });
        avqa.values().stream().filter(s -> s.subcommand().equals("gateway") && !s.oneShot() && !servers.containsKey(s.name()))
                .forEach(s -> problems.add(file + ": gateway " + s.name() + " is not behind the load balancer"));
        if (!cfg.matches("(?s).*\\btimeout\\s+tunnel\\b.*")) {
            problems.add(file + ": no `timeout tunnel`: idle WebSockets would be cut at the client/server timeout");
        }
        if (Pattern.compile("(?m)^\\s*(cookie|stick-table|stick\\s+on|balance\\s+source)\\b").matcher(cfg).find()) {
            problems.add(file + ": sticky sessions configured; gateways need none (answers route by replyTo)");
        }
    }

    /** The host file a service of this image mounts at {@code target}; a problem when none does. */
    private Optional<Path> mountedConfig(String imagePrefix, String target, List<String> problems) {
        for (Map.Entry<String, Map<String, Object>> e : compose.services().entrySet()) {
            if (ComposeFile.image(e.getValue()).startsWith(imagePrefix)) {
                Optional<Path> file = compose.hostFileAt(e.getValue(), target);
                if (file.isEmpty() || !Files.isRegularFile(file.get())) {
                    problems.add("service " + e.getKey() + ": mounts no existing file at " + target);
                    return Optional.empty();
                }
                return file;
            }
        }
        problems.add("no " + imagePrefix + " service");
        return Optional.empty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
