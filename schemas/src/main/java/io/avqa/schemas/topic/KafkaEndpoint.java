package io.avqa.schemas.topic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Kafka cluster a service talks to: the {@code --bootstrap-servers} flag when given, else the
 * {@code AVQA_BOOTSTRAP_SERVERS} environment variable, else the embedded broker of a running
 * {@code avqa demo} / {@code avqa broker} (which writes its address to {@link #demoFile()}).
 */
public final class KafkaEndpoint {
    public static final String ENV = "AVQA_BOOTSTRAP_SERVERS";

    private KafkaEndpoint() {
    }

    /** Where a running embedded broker advertises itself: {@code ~/.avqa/broker.address}. */
    public static Path demoFile() {
        return Path.of(System.getProperty("user.home"), ".avqa", "broker.address");
    }

    /**
     * @param flag the value of {@code --bootstrap-servers}, or null
     * @return bootstrap servers, e.g. {@code 127.0.0.1:9092}
     * @throws IllegalStateException naming what to do when no broker is configured or running
     */
    public static String resolve(String flag) {
        if (flag != null && !flag.isBlank()) {
            return flag.trim();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path file = demoFile();
        if (Files.isReadable(file)) {
            try {
                String address = Files.readString(file).trim();
                if (!address.isEmpty()) {
                    return address;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no Kafka broker found: pass --bootstrap-servers HOST:PORT, set " + ENV
                + ", or start one with `./avqa broker` (or `./avqa demo`) in another terminal");
    }

    /**
     * Where {@link #resolve} takes the address from, for messages: {@code --bootstrap-servers},
     * {@code $AVQA_BOOTSTRAP_SERVERS} or the path of {@link #demoFile()}.
     */
    public static String origin(String flag) {
        if (flag != null && !flag.isBlank()) {
            return "--bootstrap-servers";
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return "$" + ENV;
        }
        return demoFile().toString();
    }
}
