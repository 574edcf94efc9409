package io.avqa.app.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the compose file promises that can be checked without a Docker engine: each avqa service runs a
 * real subcommand with real flags and {@code AVQA_*} keys, each reference (build, depends_on, network, volume,
 * secret) resolves, long-running services have healthchecks, the Kafka services form one quorum, no stage
 * runs more consumers than there are partitions, and the Prometheus and load-balancer configurations name real
 * services and ports.
 */
final class ComposeCheck {
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");

    /** A service built from one of our Dockerfiles: what it runs, and whether it exits by design. */
    record AvqaService(String name, AvqaCommands.Invocation invocation, boolean oneShot) {
        String subcommand() {
            return invocation.command().replaceFirst("^avqa ", "");
        }

        /** The port its /metrics is on: --ops-port when set, else the HTTP port of a service that has one. */
        Optional<Integer> metricsPort() {
            for (String option : List.of("--ops-port", "--port")) {
                String value = invocation.hasOption(option) ? invocation.option(option) : null;
                if (value != null && value.matches("\\d+") && Integer.parseInt(value) > 0) {
                    return Optional.of(Integer.parseInt(value));
                }
            }
            return Optional.empty();
        }
    }

    private final AvqaCommands commands;
    private final DockerfileCheck dockerfiles;

    ComposeCheck(AvqaCommands commands, DockerfileCheck dockerfiles) {
        this.commands = commands;
        this.dockerfiles = dockerfiles;
    }

    List<String> problems(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> services = compose.services();
        Map<String, AvqaService> avqa = avqaServices(compose, problems);
        references(compose, services, problems);
        healthchecks(compose, services, avqa, problems);
        problems.addAll(new KafkaQuorumCheck(services, avqa).problems());
        problems.addAll(new ScrapeTargetCheck(compose, avqa).problems());
        problems.addAll(new PartitionBudgetCheck(avqa).problems());
        return problems;
    }

    /** Services built from a Dockerfile: the avqa images (everything else here is a ready image). */
    Map<String, AvqaService> avqaServices(ComposeFile compose, List<String> problems) {
        Map<String, AvqaService> avqa = new LinkedHashMap<>();
        Map<Path, Dockerfile> parsed = new HashMap<>();
        Set<String> oneShots = oneShots(compose.services());
        compose.services().forEach((name, service) -> {
            Optional<Path> path = compose.dockerfile(service);
            if (path.isEmpty() || !Files.isRegularFile(path.get())) {
                return; // a ready image (Kafka, HAProxy, ...), or a missing Dockerfile that references() reports
            }
            boolean first = !parsed.containsKey(path.get());
            Dockerfile dockerfile = parsed.computeIfAbsent(path.get(), Dockerfile::read);
            if (first) {
                problems.addAll(dockerfiles.problems(dockerfile));
            }
            Dockerfile.Stage runtime = dockerfile.last();
            List<String> command = ComposeFile.command(service);
            if (command.isEmpty()) {
                command = runtime.last("CMD").flatMap(Dockerfile.Instruction::execForm).orElse(List.of());
            }
            Map<String, String> env = new LinkedHashMap<>(runtime.env());
            env.putAll(ComposeFile.environment(service));
            AvqaCommands.Invocation invocation = commands.check("service " + name, command, env);
            problems.addAll(invocation.problems());
            avqa.put(name, new AvqaService(name, invocation, oneShots.contains(name)));
        });
        return avqa;
    }

    /** Services another one waits for with {@code service_completed_successfully}: they exit by design. */
    static Set<String> oneShots(Map<String, Map<String, Object>> services) {
        Set<String> oneShots = new HashSet<>();
        services.values().forEach(s -> ComposeFile.dependsOn(s).forEach((dep, condition) -> {
            if (condition.equals("service_completed_successfully")) {
                oneShots.add(dep);
            }
        }));
        return oneShots;
    }

    private static void references(ComposeFile compose, Map<String, Map<String, Object>> services, List<String> problems) {
        Map<String, Object> networks = compose.declared("networks");
        Map<String, Object> volumes = compose.declared("volumes");
        Map<String, Object> secrets = compose.declared("secrets");
        Map<String, String> hostPorts = new HashMap<>();
        services.forEach((name, service) -> {
            String where = "service " + name;
            if (ComposeFile.image(service).isEmpty() && service.get("build") == null) {
                problems.add(where + ": neither image nor build");
            }
            compose.dockerfile(service).filter(p -> !Files.isRegularFile(p))
                    .ifPresent(p -> problems.add(where + ": build names " + p + ", which does not exist"));
            ComposeFile.dependsOn(service).forEach((dep, condition) -> {
                if (!services.containsKey(dep)) {
                    problems.add(where + ": depends_on " + dep + ", which is not a service");
                }
                if (!CONDITIONS.contains(condition)) {
                    problems.add(where + ": depends_on " + dep + " with unknown condition " + condition);
                }
            });
            for (String network : ComposeFile.names(service.get("networks"), "name")) {
                if (!networks.containsKey(network) && !network.equals("default")) {
                    problems.add(where + ": network " + network + " is not declared under networks");
                }
            }
            for (ComposeFile.Mount mount : ComposeFile.mounts(service)) {
                if (mount.isHostPath()) {
                    if (!mount.source().contains("$") && !Files.exists(compose.dir().resolve(mount.source()))) {
                        problems.add(where + ": bind mount " + mount.source() + " does not exist beside the compose file");
                    }
                } else if (mount.source() != null && !volumes.containsKey(mount.source())) {
                    problems.add(where + ": volume " + mount.source() + " is not declared under volumes");
                }
            }
            for (String secret : ComposeFile.names(service.get("secrets"), "source")) {
                if (!secrets.containsKey(secret)) {
                    problems.add(where + ": secret " + secret + " is not declared under secrets");
                }
            }
            for (String port : ComposeFile.names(service.get("ports"), "published")) {
                String published = port.contains(":") ? port.substring(0, port.lastIndexOf(':')) : port;
                String other = hostPorts.putIfAbsent(published, name);
                if (other != null) {
                    problems.add(where + ": host port " + published + " is already published by " + other);
                }
            }
        });
        secrets.forEach((name, body) -> {
            Object file = ComposeFile.map(body).get("file");
            if (file != null) {
                Path path = compose.dir().resolve(file.toString()).normalize();
                if (!Files.exists(path) && !Files.exists(Path.of(path + ".example"))) {
                    problems.add("secret " + name + ": neither " + path + " nor its .example exists");
                }
            }
        });
    }

    private static void healthchecks(ComposeFile compose, Map<String, Map<String, Object>> services,
            Map<String, AvqaService> avqa, List<String> problems) {
        Map<String, Boolean> healthy = new HashMap<>();
        services.forEach((name, service) -> {
            Map<String, Object> check = ComposeFile.map(service.get("healthcheck"));
            boolean disabled = Boolean.TRUE.equals(check.get("disable"))
                    || (check.get("test") instanceof List<?> t && !t.isEmpty() && "NONE".equals(t.get(0)));
            boolean fromImage = avqa.containsKey(name); // DockerfileCheck demands a HEALTHCHECK in each of ours
            boolean has = !disabled && (check.get("test") != null || fromImage);
            healthy.put(name, has);
            boolean oneShot = avqa.containsKey(name) ? avqa.get(name).oneShot() : oneShots(services).contains(name);
            if (!has && !oneShot) {
                problems.add("service " + name + ": no healthcheck (a long-running service needs one)");
            }
        });
        services.forEach((name, service) -> ComposeFile.dependsOn(service).forEach((dep, condition) -> {
            if (condition.equals("service_healthy") && !healthy.getOrDefault(dep, true)) {
                problems.add("service " + name + ": waits for " + dep + " to be healthy, but " + dep
                        + " has no healthcheck");
            }
        }));
    }
}
