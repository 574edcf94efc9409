package io.avqa.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/compose.yml, checked against the real avqa command (no Docker engine needed): the shipped file has
 * no problems, and broken variants of it are caught with messages that say what is wrong.
 */
class ComposeFileTest {
    private static final Path ROOT = Repo.root();
    private static final Path COMPOSE = ROOT.resolve("docker/compose.yml");
    private static final AvqaCommands COMMANDS = new AvqaCommands();
    private static final ComposeCheck CHECK = new ComposeCheck(COMMANDS, new DockerfileCheck(ROOT, COMMANDS));

    @TempDir
    Path tmp;

    @Test
    void shippedComposeFileHasNoProblems() {
        assertEquals(List.of(), CHECK.problems(ComposeFile.read(COMPOSE)));
    }

    @Test
    void overrideFilesOnlyChangeServicesOfTheDeploymentAndRunRealCommands() {
        Set<String> shipped = ComposeFile.read(COMPOSE).services().keySet();
        for (String override : List.of("docker/compose.offline.yml", "docker/test/compose.e2e.yml")) {
            ComposeFile file = ComposeFile.read(ROOT.resolve(override));
            assertTrue(shipped.containsAll(file.services().keySet()), override + " names services compose.yml lacks: "
                    + file.services().keySet());
            file.services().forEach((name, service) -> {
                if (service.get("command") instanceof List<?> command) {
                    List<String> args = command.stream().map(String::valueOf).toList();
                    assertEquals(List.of(), COMMANDS.check(override + " " + name, args, Map.of()).problems());
                }
            });
        }
    }

    @Test
    void runsTwoFeaturesTwoReasonersAndTwoDistinctGatewaysByDefault() {
        ComposeFile compose = ComposeFile.read(COMPOSE);
        Map<String, ComposeCheck.AvqaService> avqa = CHECK.avqaServices(compose, new ArrayList<>());
        Map<String, List<String>> bySubcommand = avqa.values().stream()
                .filter(s -> !compose.services().get(s.name()).containsKey("profiles"))
                .collect(Collectors.groupingBy(ComposeCheck.AvqaService::subcommand, TreeMap::new,
                        Collectors.mapping(ComposeCheck.AvqaService::name, Collectors.toList())));
        assertEquals(Map.of("features", List.of("features-1", "features-2"), "reasoner", List.of("reasoner-1", "reasoner-2"),
                "gateway", List.of("gateway-1", "gateway-2"), "topics create", List.of("topics")), bySubcommand);
        // Answers are routed by instance id: two gateways sharing one would steal each other's answers.
        assertEquals(List.of("gateway-1", "gateway-2"), bySubcommand.get("gateway").stream()
                .map(name -> avqa.get(name).invocation().option("--instance-id")).toList());
    }

    @Test
    void listsAnUnknownFlagAnUnknownEnvironmentKeyAndAnUnknownSubcommand() throws IOException {
        Path file = write("compose.yml", """
                services:
                  features-1:
                    build: {context: %1$s, dockerfile: docker/features/Dockerfile}
                    command: ["features", "--batch-sise", "8"]
                    environment:
                      AVQA_BOOTSTRAP_SERVERS: kafka-1:9092
                      AVQA_MAX_WAIT: 50
                  reasoner-1:
                    build: {context: %1$s, dockerfile: docker/reasoner/Dockerfile}
                    command: ["reasoner", "explain"]
                """.formatted(ROOT));
        List<String> problems = CHECK.problems(ComposeFile.read(file));
        assertContains(problems, "service features-1: `--batch-sise` is not an option of `avqa features`");
        assertContains(problems, "service features-1: AVQA_MAX_WAIT names no option of `avqa features` (an AVQA_* key is");
        assertContains(problems, "service reasoner-1: `avqa reasoner` has no subcommand 'explain'");
    }

    @Test
    void listsAValueTheOptionCannotTake() throws IOException {
        Path file = write("compose.yml", """
                services:
                  features-1:
                    build: {context: %s, dockerfile: docker/features/Dockerfile}
                    command: ["features", "--batch-size", "eight"]
                """.formatted(ROOT));
        assertContains(CHECK.problems(ComposeFile.read(file)), "service features-1: `avqa features --batch-size eight` "
                + "does not parse: Invalid value for option '--batch-size': 'eight' is not an int");
    }

    @Test
    void listsReferencesThatResolveToNothing() throws IOException {
        Path file = write("compose.yml", """
                services:
                  cache:
                    image: redis:7
                    depends_on: [kafka-9]
                    networks: [backstage]
                    volumes: ["cache-data:/data", "./missing.conf:/etc/cache.conf:ro"]
                    secrets: [api_key]
                    healthcheck: {test: ["CMD", "true"]}
                  web:
                    image: nginx:1
                    depends_on: {cache: {condition: service_ready}}
                """);
        List<String> problems = CHECK.problems(ComposeFile.read(file));
        assertContains(problems, "service cache: depends_on kafka-9, which is not a service");
        assertContains(problems, "service cache: network backstage is not declared under networks");
        assertContains(problems, "service cache: volume cache-data is not declared under volumes");
        assertContains(problems, "service cache: bind mount ./missing.conf does not exist beside the compose file");
        assertContains(problems, "service cache: secret api_key is not declared under secrets");
        assertContains(problems, "service web: depends_on cache with unknown condition service_ready");
        assertContains(problems, "service web: no healthcheck (a long-running service needs one)");
    }

    @Test
    void listsAQuorumWhoseVotersNameANodeThatIsNotThere() throws IOException {
        Path file = shippedWith("3@kafka-3:9093", "3@kafka-4:9093");
        assertContains(CHECK.problems(ComposeFile.read(file)),
                "kafka: voters [1@kafka-1:9093, 2@kafka-2:9093, 3@kafka-4:9093] are not the nodes as configured");
    }

    @Test
    void listsBootstrapServersThatAreNoBroker() throws IOException {
        Path file = shippedWith("AVQA_BOOTSTRAP_SERVERS: kafka-1:9092,", "AVQA_BOOTSTRAP_SERVERS: kafka-1:29092,");
        assertContains(CHECK.problems(ComposeFile.read(file)),
                "service features-1: bootstrap server kafka-1:29092 is not an advertised Kafka listener");
    }

    @Test
    void listsMoreReasonerStreamThreadsThanPartitions() throws IOException {
        Path file = shippedWith("      AVQA_THREADS: 2\n      AVQA_OPS_PORT: 9103\n\n  reasoner-2:",
                "      AVQA_THREADS: 5\n      AVQA_OPS_PORT: 9103\n\n  reasoner-2:");
        assertContains(CHECK.problems(ComposeFile.read(file)), "reasoner application avqa-reasoner: 7 consumers "
                + "(instances or stream threads) for 6 partitions; the extra ones would idle");
    }

    @Test
    void listsScrapeTargetsAndBalancerServersThatMissTheirService() throws IOException {
        Path prometheus = write("prometheus.yml", """
                scrape_configs:
                  - job_name: avqa
                    static_configs:
                      - targets: ["features-1:9103", "features-2:9102", "reasoner-1:9103", "reasoner-2:9103",
                                  "gateway-1:8080", "gateway-2:8080", "features-gpu:9102", "ingest:9101", "kafka-1:9092"]
                """);
        Path haproxy = write("haproxy.cfg", """
                backend gateways
                    balance roundrobin
                    cookie SRV insert indirect
                    server gateway-1 gateway-1:8081 check
                """);
        Path file = shippedWith("./prometheus/prometheus.yml", prometheus.toString(), "./haproxy/haproxy.cfg", haproxy.toString());
        List<String> problems = CHECK.problems(ComposeFile.read(file));
        assertContains(problems, "prometheus.yml: target features-1:9103, but features-1 serves /metrics on 9102");
        assertContains(problems, "prometheus.yml: target kafka-1:9092 is not an avqa service");
        assertContains(problems, "haproxy.cfg: server gateway-1:8081, but gateway-1 listens on 8080");
        assertContains(problems, "haproxy.cfg: gateway gateway-2 is not behind the load balancer");
        assertContains(problems, "haproxy.cfg: no `timeout tunnel`");
        assertContains(problems, "haproxy.cfg: sticky sessions configured");
    }

    /** The shipped compose file in a temporary folder, with paths made absolute and the given replacements. */
    private Path shippedWith(String... fromTo) throws IOException {
        String text = Files.readString(COMPOSE).replace("context: ..", "context: " + ROOT)
                .replace("\"./", "\"" + ROOT.resolve("docker") + "/").replace("file: ./", "file: " + ROOT.resolve("docker") + "/");
        for (int i = 0; i < fromTo.length; i += 2) {
            String from = fromTo[i].startsWith("./") ? ROOT.resolve("docker") + fromTo[i].substring(1) : fromTo[i];
            assertTrue(text.contains(from), "the shipped compose file no longer contains " + from);
            text = text.replace(from, fromTo[i + 1]);
        }
        return write("compose.yml", text);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void assertContains(List<String> problems, String start) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)),
                "no problem starting with:\n  " + start + "\nin:\n  " + String.join("\n  ", problems));
    }
}
