package io.avqa.app.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka services (official {@code apache/kafka} image, KRaft) must form one three-voter quorum: every node
 * both broker and controller, one voters list naming exactly these nodes at their controller ports, one
 * cluster id, replication that survives one lost broker; and every avqa service's bootstrap servers must be
 * the brokers' advertised listeners.
 */
final class KafkaQuorumCheck {
    static final int VOTERS = 3;
    private static final Pattern VOTER = Pattern.compile("(\\d+)@([^:,\\s]+):(\\d+)");

    /** One node as its environment describes it. */
    record Node(String service, int id, String host, int controllerPort, String advertised) {
    }

    private final Map<String, Map<String, Object>> services;
    private final Map<String, ComposeCheck.AvqaService> avqa;

    KafkaQuorumCheck(Map<String, Map<String, Object>> services, Map<String, ComposeCheck.AvqaService> avqa) {
        this.services = services;
        this.avqa = avqa;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> kafka = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            if (ComposeFile.image(s).startsWith("apache/kafka")) {
                kafka.put(name, ComposeFile.environment(s));
            }
        });
        if (kafka.size() != VOTERS) {
            problems.add("kafka: " + kafka.size() + " apache/kafka services " + kafka.keySet() + ", want " + VOTERS);
            if (kafka.isEmpty()) {
                return problems;
            }
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> voterLists = new TreeSet<>();
        Set<String> clusterIds = new TreeSet<>();
        kafka.forEach((name, env) -> {
            String roles = env.getOrDefault("KAFKA_PROCESS_ROLES", "");
            if (!roles.contains("broker") || !roles.contains("controller")) {
                problems.add("kafka service " + name + ": KAFKA_PROCESS_ROLES must be broker,controller, was '" + roles + "'");
            }
            voterLists.add(env.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", ""));
            clusterIds.add(env.getOrDefault("CLUSTER_ID", ""));
            Matcher controller = Pattern.compile("CONTROLLER://[^:,]*:(\\d+)").matcher(env.getOrDefault("KAFKA_LISTENERS", ""));
            Matcher advertised = Pattern.compile("PLAINTEXT://([^,\\s]+)").matcher(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
            String id = env.getOrDefault("KAFKA_NODE_ID", "");
            if (!id.matches("\\d+") || !controller.find() || !advertised.find()) {
                problems.add("kafka service " + name + ": needs KAFKA_NODE_ID, a CONTROLLER:// listener in KAFKA_LISTENERS "
                        + "and a PLAINTEXT:// address in KAFKA_ADVERTISED_LISTENERS");
                return;
            }
            String host = String.valueOf(services.get(name).getOrDefault("hostname", name));
            nodes.add(new Node(name, Integer.parseInt(id), host, Integer.parseInt(controller.group(1)), advertised.group(1)));
        });
        if (voterLists.size() != 1) {
            problems.add("kafka: the nodes disagree on KAFKA_CONTROLLER_QUORUM_VOTERS: " + voterLists);
        }
        if (clusterIds.size() != 1 || clusterIds.contains("")) {
            problems.add("kafka: the nodes need one shared CLUSTER_ID, found " + clusterIds);
        }
        voters(voterLists.isEmpty() ? "" : voterLists.iterator().next(), nodes, problems);
        replication(kafka, problems);
        bootstrap(nodes, problems);
        return problems;
    }

    private static void voters(String voterList, List<Node> nodes, List<String> problems) {
        Set<String> voters = new TreeSet<>();
        Matcher m = VOTER.matcher(voterList);
        while (m.find()) {
            voters.add(m.group());
        }
        Set<String> expected = new TreeSet<>();
        nodes.forEach(n -> expected.add(n.id() + "@" + n.host() + ":" + n.controllerPort()));
        if (voters.size() != VOTERS) {
            problems.add("kafka: KAFKA_CONTROLLER_QUORUM_VOTERS names " + voters.size() + " voters " + voters + ", want " + VOTERS);
        }
        if (!voters.equals(expected)) {
            problems.add("kafka: voters " + voters + " are not the nodes as configured " + expected
                    + " (node id @ hostname : controller port)");
        }
        if (nodes.stream().map(Node::id).distinct().count() != nodes.size()) {
            problems.add("kafka: two nodes share a KAFKA_NODE_ID");
        }
    }

    private void replication(Map<String, Map<String, String>> kafka, List<String> problems) {
        kafka.forEach((name, env) -> {
            int rf = Integer.parseInt(env.getOrDefault("KAFKA_DEFAULT_REPLICATION_FACTOR", "1"));
            int isr = Integer.parseInt(env.getOrDefault("KAFKA_MIN_INSYNC_REPLICAS", "1"));
            if (rf > kafka.size() || isr >= rf) {
                problems.add("kafka service " + name + ": replication factor " + rf + " with min ISR " + isr + " on "
                        + kafka.size() + " brokers cannot survive losing one broker");
            }
        });
        avqa.values().forEach(s -> {
            String rf = s.invocation().options().get("--replication-factor");
            if (rf != null && Integer.parseInt(rf) > kafka.size()) {
                problems.add("service " + s.name() + ": --replication-factor " + rf + " exceeds the " + kafka.size() + " brokers");
            }
        });
    }

    private void bootstrap(List<Node> nodes, List<String> problems) {
        Set<String> advertised = new TreeSet<>();
        nodes.forEach(n -> advertised.add(n.advertised()));
        avqa.values().forEach(s -> {
            String servers = s.invocation().options().get("--bootstrap-servers");
            if (servers == null) {
                problems.add("service " + s.name() + ": no --bootstrap-servers / AVQA_BOOTSTRAP_SERVERS (it would look "
                        + "for a local demo broker)");
                return;
            }
            for (String server : servers.split(",")) {
                if (!advertised.contains(server.strip())) {
                    problems.add("service " + s.name() + ": bootstrap server " + server.strip()
                            + " is not an advertised Kafka listener " + advertised);
                }
            }
        });
    }
}
