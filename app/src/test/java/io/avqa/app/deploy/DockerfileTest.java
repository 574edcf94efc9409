package io.avqa.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The Dockerfiles under docker/: what each promises (see {@link DockerfileCheck}), and the CUDA variant's natives. */
class DockerfileTest {
    private static final Path ROOT = Repo.root();
    private static final DockerfileCheck CHECK = new DockerfileCheck(ROOT, new AvqaCommands());

    /** The avqa services' Dockerfiles (docker/offline/ holds the registry-free infrastructure images). */
    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("docker"))) {
            return files.filter(p -> !p.startsWith(ROOT.resolve("docker/offline")))
                    .filter(p -> p.getFileName().toString().matches("Dockerfile(\\.\\w+)?"))
                    .filter(p -> !p.getFileName().toString().endsWith(".dockerignore")).sorted().toList();
        }
    }

    @Test
    void everyServiceHasADockerfileAndEachKeepsItsPromises() throws IOException {
        List<Path> files = dockerfiles();
        assertEquals(List.of("features/Dockerfile", "features/Dockerfile.cuda", "gateway/Dockerfile", "ingest/Dockerfile",
                "reasoner/Dockerfile"), files.stream().map(p -> ROOT.resolve("docker").relativize(p).toString()).toList());
        for (Path file : files) {
            assertEquals(List.of(), CHECK.problems(Dockerfile.read(file)), file.toString());
        }
    }

    @Test
    void eachDockerfileSendsOnlySourcesToTheBuild() throws IOException {
        for (Path file : dockerfiles()) {
            // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile: without it the context carries
            // data/ (gigabytes of clips), every target/ folder and .git.
            Path ignore = file.resolveSibling(file.getFileName() + ".dockerignore");
            assertTrue(Files.isRegularFile(ignore), "missing " + ignore);
            List<String> patterns = Files.readAllLines(ignore).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertEquals("*", patterns.get(0), ignore + " should start by excluding everything");
            assertTrue(patterns.contains("**/target/") && patterns.contains("!*/src/"), ignore + ": " + patterns);
        }
    }

    @Test
    void listsEveryBrokenPromiseOfABadDockerfile() {
        Dockerfile bad = Dockerfile.parse("bad/Dockerfile", """
                FROM maven:3.9-eclipse-temurin-17 AS build
                COPY pom.xml ./
                RUN mvn -B -DskipTests package
                FROM eclipse-temurin:17-jre-jammy
                COPY --from=build /src/app/target/avqa.jar /opt/avqa.jar
                USER root
                ENTRYPOINT ["java", "-jar", "/opt/avqa.jar"]
                CMD ["featurez", "--batch-size", "8"]
                """);
        List<String> problems = CHECK.problems(bad);
        assertTrue(problems.contains("bad/Dockerfile: the build stage never runs `mvn ... package -pl app -am`"), problems::toString);
        assertTrue(problems.contains("bad/Dockerfile: module schemas (listed in pom.xml) has no `COPY schemas/pom.xml` "
                + "before the first mvn RUN; Maven needs every module's POM"), problems::toString);
        assertTrue(problems.contains("bad/Dockerfile: the runtime stage runs as root (add a USER that is not root)"), problems::toString);
        assertTrue(problems.contains("bad/Dockerfile: the runtime stage has no HEALTHCHECK"), problems::toString);
        assertTrue(problems.contains("bad/Dockerfile: the ENTRYPOINT lacks the launcher's JVM flag `-Dai.djl.offline=true` "
                + "(see ./avqa)"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("bad/Dockerfile CMD: `featurez --batch-size 8` runs no avqa "
                + "subcommand")), problems::toString);
    }

    @Test
    void aJarFromTheHostIsAnOptionNotTheDefault() {
        String text = """
                ARG JAR=%s
                FROM maven:3.9-eclipse-temurin-17 AS build
                COPY pom.xml ./
                RUN mvn -B -DskipTests package -pl app -am
                FROM scratch AS host
                COPY app/target/avqa.jar /src/app/target/avqa.jar
                FROM ${JAR} AS jar
                FROM eclipse-temurin:17-jre-jammy
                COPY --from=jar /src/app/target/avqa.jar /opt/avqa.jar
                """;
        String problem = "x/Dockerfile: the runtime stage does not `COPY --from=build` the avqa jar (directly, or from a "
                + "stage `FROM ${ARG}` whose default is build)";
        assertTrue(!CHECK.problems(Dockerfile.parse("x/Dockerfile", text.formatted("build"))).contains(problem));
        assertTrue(CHECK.problems(Dockerfile.parse("x/Dockerfile", text.formatted("host"))).contains(problem));
    }

    @Test
    void offlineImagesRunAsTheirOwnUsersOnTheSharedBase() throws IOException {
        for (String name : List.of("kafka", "haproxy", "prometheus")) {
            Dockerfile file = Dockerfile.read(ROOT.resolve("docker/offline/" + name + "/Dockerfile"));
            String base = file.args().getOrDefault("JRE_IMAGE", file.args().get("BASE_IMAGE"));
            assertEquals("avqa/base:bookworm", base, file.name() + ": FROM the image docker/offline/base/make-base.sh makes");
            String user = file.last().last("USER").map(Dockerfile.Instruction::args).orElse("root");
            assertTrue(!user.equals("root") && !user.equals("0"), file.name() + " runs as root");
        }
    }

    @Test
    void aSingleStageDockerfileIsRefused() {
        Dockerfile single = Dockerfile.parse("single/Dockerfile", """
                FROM eclipse-temurin:17-jre-jammy
                COPY avqa.jar /opt/avqa.jar
                CMD ["java", "-jar", "/opt/avqa.jar", "gateway"]
                """);
        assertEquals(List.of("single/Dockerfile: not multi-stage (want `FROM ... AS build`, then a runtime FROM)"),
                CHECK.problems(single));
    }

    @Test
    void cudaVariantLoadsALibtorchThatTheBundledJniSupports() throws IOException {
        Dockerfile cuda = Dockerfile.read(ROOT.resolve("docker/features/Dockerfile.cuda"));
        Dockerfile.Stage runtime = cuda.last();
        Map<String, String> env = runtime.env();
        String flavor = env.get("PYTORCH_FLAVOR");
        String version = env.get("PYTORCH_VERSION");
        assertNotNull(env.get("PYTORCH_LIBRARY_PATH"), "DJL must load libtorch from PYTORCH_LIBRARY_PATH");
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.args().endsWith(" " + env.get("PYTORCH_LIBRARY_PATH"))),
                "nothing is copied to " + env.get("PYTORCH_LIBRARY_PATH"));
        // The JNI glue is taken from pytorch-jni in the jar (offline): it must ship this flavour and version.
        assertNotNull(getClass().getResource("/jnilib/linux-x86_64/" + flavor + "/libdjl_torch.so"),
                "pytorch-jni on the class path has no " + flavor + " build; flavours it has decide PYTORCH_FLAVOR");
        Properties jni = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/jnilib/pytorch.properties")) {
            jni.load(in);
        }
        assertTrue(jni.getProperty("jni_version").startsWith(version + "-"), "jni " + jni + " vs PYTORCH_VERSION " + version);
        // cu128 needs a CUDA 12.8 runtime image.
        String cudaVersion = flavor.substring(2, 4) + "." + flavor.substring(4);
        assertTrue(runtime.image().startsWith("nvidia/cuda:" + cudaVersion + "."), runtime.image() + " vs " + flavor);
        assertEquals(List.of("features", "--device", "gpu"),
                runtime.last("CMD").flatMap(Dockerfile.Instruction::execForm).orElseThrow());
    }
}
