package io.avqa.ops.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class LayeredDefaultsTest {
    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();

    @Command(name = "svc")
    static final class Svc {
        @Mixin
        ConfigOption config;

        @Option(names = "--batch-size", defaultValue = "8")
        int batchSize;

        @Option(names = "--bootstrap-servers")
        String bootstrapServers;

        @Option(names = "--eager-stream", split = ",")
        List<String> eagerStreams = List.of();

        @Secret
        @Option(names = "--api-token")
        String apiToken;
    }

    private Svc parse(String... args) {
        Svc svc = new Svc();
        CommandLine cl = new CommandLine(svc);
        LayeredDefaults.install(cl, args, env::get);
        cl.parseArgs(args);
        return svc;
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void annotationDefaultWhenNoOtherLayerSetsTheKey() {
        assertEquals(8, parse().batchSize);
    }

    @Test
    void fileOverridesTheAnnotationDefault() throws IOException {
        Path f = file("svc.properties", "batch-size=16\nbootstrap-servers=kafka:9092\n");
        Svc svc = parse("--config", f.toString());
        assertEquals(16, svc.batchSize);
        assertEquals("kafka:9092", svc.bootstrapServers);
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path f = file("svc.yaml", "batch-size: 16\n");
        env.put("AVQA_BATCH_SIZE", "32");
        assertEquals(32, parse("--config=" + f).batchSize);
    }

    @Test
    void flagOverridesTheEnvironment() throws IOException {
        Path f = file("svc.yaml", "batch-size: 16\n");
        env.put("AVQA_BATCH_SIZE", "32");
        assertEquals(4, parse("--config", f.toString(), "--batch-size", "4").batchSize);
    }

    @Test
    void configFileCanBeNamedByTheEnvironment() throws IOException {
        env.put("AVQA_CONFIG", file("svc.properties", "batch-size=12").toString());
        assertEquals(12, parse().batchSize);
    }

    @Test
    void yamlListBecomesTheValuesOfARepeatableOption() throws IOException {
        Path f = file("svc.yml", "eager-stream:\n  - cam1\n  - cam2\n");
        assertEquals(List.of("cam1", "cam2"), parse("--config", f.toString()).eagerStreams);
    }

    @Test
    void secretFromTheEnvironmentIsAccepted() {
        env.put("AVQA_API_TOKEN", "s3cret");
        assertEquals("s3cret", parse().apiToken);
    }

    @Test
    void secretInAPlainConfigFileIsRefusedNamingItsVariable() throws IOException {
        Path f = file("svc.properties", "api-token=s3cret\n");
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--config", f.toString()));
        assertTrue(e.getMessage().contains("AVQA_API_TOKEN"), e.getMessage());
    }

    @Test
    void unreadableConfigFileSaysWhichFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--config", dir.resolve("missing.yaml").toString()));
        assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
    }

    @Command(name = "avqa")
    static final class Root {
    }

    @Test
    void installedOnTheLauncherReachesTheSubcommandAndItsConfigFile() throws IOException {
        Path f = file("svc.properties", "batch-size=24\n");
        Svc svc = new Svc();
        CommandLine root = new CommandLine(new Root()).addSubcommand("svc", svc);
        String[] args = {"svc", "--config", f.toString()};
        LayeredDefaults.install(root, args, env::get);
        root.parseArgs(args);
        assertEquals(24, svc.batchSize);
        svc.config.requireLoaded(root.getSubcommands().get("svc").getCommandSpec());
    }

    @Test
    void configFlagThatNobodyReadIsAnErrorNotSilence() throws IOException {
        Path f = file("svc.properties", "batch-size=24\n");
        Svc svc = new Svc();
        CommandLine cl = new CommandLine(svc);
        cl.parseArgs("--config", f.toString());
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> svc.config.requireLoaded(cl.getCommandSpec()));
        assertTrue(e.getMessage().contains("LayeredDefaults.install"), e.getMessage());
        assertEquals(8, svc.batchSize);
    }

    @Test
    void environmentNamesFollowTheFixedConvention() {
        assertEquals("AVQA_BOOTSTRAP_SERVERS", LayeredDefaults.envName("bootstrap-servers"));
        assertEquals("AVQA_KAFKA_SSL_TRUSTSTORE_LOCATION", LayeredDefaults.envName("kafka-ssl-truststore-location"));
    }

    @Test
    void recordsWhichLayerEachValueCameFrom() throws IOException {
        Path f = file("svc.properties", "bootstrap-servers=kafka:9092\n");
        env.put("AVQA_BATCH_SIZE", "32");
        Svc svc = new Svc();
        CommandLine cl = new CommandLine(svc);
        String[] args = {"--config", f.toString(), "--eager-stream", "a"};
        LayeredDefaults layers = LayeredDefaults.install(cl, args, env::get);
        cl.parseArgs(args);
        var spec = cl.getCommandSpec();
        assertEquals(ValueSource.ENV, layers.sourceOf(spec.findOption("--batch-size")));
        assertEquals(ValueSource.FILE, layers.sourceOf(spec.findOption("--bootstrap-servers")));
        assertEquals(ValueSource.DEFAULT, layers.sourceOf(spec.findOption("--api-token")));
    }
}
