package io.avqa.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.avqa.app.deploy.Dockerfile.Instruction;
import io.avqa.app.deploy.Dockerfile.Stage;

/**
 * What each avqa Dockerfile must do: build the jar in a Maven stage named {@code build} (every module's POM
 * copied before the dependency layer, since Maven reads them all), then a runtime stage that copies only the
 * jar, runs as a user other than root, has a HEALTHCHECK against a port its ENV sets, and starts the jar with
 * the launcher's JVM flags and a real avqa subcommand.
 */
final class DockerfileCheck {
    /** The port of the HEALTHCHECK's URL: digits, {@code $VAR}, {@code ${VAR}} or {@code ${VAR:-default}}. */
    private static final Pattern HEALTH_PORT =
            Pattern.compile("http://[^/:\\s\"]+:(\\$\\{?(\\w+)(:-\\d+)?}?|\\d+)/");

    private final Path repoRoot;
    private final AvqaCommands commands;

    DockerfileCheck(Path repoRoot, AvqaCommands commands) {
        this.repoRoot = repoRoot;
        this.commands = commands;
    }

    /** Modules the parent POM lists, in order. */
    List<String> modules() {
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(read(repoRoot.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    /** The JVM flags the {@code avqa} launcher passes before {@code -jar} (system properties, exports, modules). */
    List<String> launcherFlags() {
        String script = read(repoRoot.resolve("avqa"));
        int exec = script.indexOf("java_cmd=(java"); // the one JVM command line, run by exec or by the demo's wait
        int jar = script.indexOf("-jar", Math.max(exec, 0));
        if (exec < 0 || jar < 0) {
            throw new IllegalStateException("./avqa no longer builds its JVM command as `java_cmd=(java ... -jar`: "
                    + "update DockerfileCheck");
        }
        List<String> flags = new ArrayList<>();
        Matcher m = Pattern.compile("(-D\\S+|--add-(?:exports|modules)\\s+\\S+|--enable-native-access=\\S+)").matcher(script.substring(exec, jar));
        while (m.find()) {
            flags.add(m.group(1).replaceAll("\\s+", " "));
        }
        return flags;
    }

    /** Every problem found, each naming the file; empty when the Dockerfile keeps its promises. */
    List<String> problems(Dockerfile file) {
        List<String> problems = new ArrayList<>();
        String where = file.name();
        if (file.stages().size() < 2) {
            problems.add(where + ": not multi-stage (want `FROM ... AS build`, then a runtime FROM)");
            return problems;
        }
        Stage build = file.stages().get(0);
        Stage runtime = file.last();
        if (!"build".equalsIgnoreCase(build.alias())) {
            problems.add(where + ": the first stage must be `FROM <maven image> AS build`, was FROM " + build.image()
                    + (build.alias() == null ? "" : " AS " + build.alias()));
        }
        buildStage(where, build, problems);
        runtimeStage(where, file, runtime, problems);
        return problems;
    }

    private void buildStage(String where, Stage build, List<String> problems) {
        int firstMaven = -1;
        boolean packagesApp = false;
        for (int i = 0; i < build.instructions().size(); i++) {
            Instruction in = build.instructions().get(i);
            if (in.keyword().equals("RUN") && in.args().matches("(?s).*\\bmvn\\b.*")) {
                firstMaven = firstMaven < 0 ? i : firstMaven;
                packagesApp |= in.args().contains(" package") && in.args().contains("-pl app") && in.args().contains("-am");
            }
        }
        if (!packagesApp) {
            problems.add(where + ": the build stage never runs `mvn ... package -pl app -am`");
        }
        List<Instruction> beforeMaven = firstMaven < 0 ? build.instructions() : build.instructions().subList(0, firstMaven);
        for (String module : modules()) {
            boolean copied = beforeMaven.stream().anyMatch(in -> in.keyword().equals("COPY")
                    && Dockerfile.words(in.args()).contains(module + "/pom.xml"));
            if (!copied) {
                problems.add(where + ": module " + module + " (listed in pom.xml) has no `COPY " + module
                        + "/pom.xml` before the first mvn RUN; Maven needs every module's POM");
            }
        }
    }

    private void runtimeStage(String where, Dockerfile file, Stage runtime, List<String> problems) {
        if (runtime.alias() != null && runtime.alias().equalsIgnoreCase("build")) {
            problems.add(where + ": the last stage is the build stage; the image would carry Maven and the sources");
        }
        boolean copiesJar = runtime.all("COPY").stream()
                .anyMatch(c -> c.args().contains("avqa.jar") && jarFromBuild(file, c.args()));
        if (!copiesJar) {
            problems.add(where + ": the runtime stage does not `COPY --from=build` the avqa jar (directly, or from a "
                    + "stage `FROM ${ARG}` whose default is build)");
        }
        Optional<Instruction> user = runtime.last("USER");
        String name = user.map(u -> u.args().strip().split(":")[0]).orElse("root");
        if (name.equals("root") || name.equals("0")) {
            problems.add(where + ": the runtime stage runs as root (add a USER that is not root)");
        }
        Map<String, String> env = runtime.env();
        Optional<Instruction> health = runtime.last("HEALTHCHECK");
        if (health.isEmpty() || health.get().args().strip().toUpperCase(Locale.ROOT).startsWith("NONE")) {
            problems.add(where + ": the runtime stage has no HEALTHCHECK");
        } else {
            Matcher port = HEALTH_PORT.matcher(health.get().args());
            if (!port.find()) {
                problems.add(where + ": the HEALTHCHECK asks no http://host:port/ URL");
            } else if (port.group(2) != null && port.group(3) == null && !env.containsKey(port.group(2))) {
                problems.add(where + ": the HEALTHCHECK port ${" + port.group(2) + "} is not set by an ENV of the image");
            }
        }
        List<String> entrypoint = runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElse(List.of());
        int jar = entrypoint.indexOf("-jar");
        if (entrypoint.isEmpty() || !entrypoint.get(0).equals("java") || jar < 0 || jar + 1 >= entrypoint.size()
                || !entrypoint.get(jar + 1).endsWith("avqa.jar")) {
            problems.add(where + ": the ENTRYPOINT must be exec form [\"java\", ..., \"-jar\", \".../avqa.jar\"], was "
                    + runtime.last("ENTRYPOINT").map(Instruction::args).orElse("(none)"));
            return;
        }
        String jvmFlags = String.join(" ", entrypoint.subList(1, jar));
        for (String flag : launcherFlags()) {
            if (!jvmFlags.contains(flag)) {
                problems.add(where + ": the ENTRYPOINT lacks the launcher's JVM flag `" + flag + "` (see ./avqa)");
            }
        }
        List<String> cmd = runtime.last("CMD").flatMap(Instruction::execForm).orElse(List.of());
        if (cmd.isEmpty()) {
            problems.add(where + ": no exec-form CMD naming the avqa subcommand to run");
            return;
        }
        AvqaCommands.Invocation invocation = commands.check(where + " CMD", cmd, env);
        problems.addAll(invocation.problems());
        health.map(h -> HEALTH_PORT.matcher(h.args())).filter(Matcher::find)
                .filter(port -> port.group(3) != null)
                .ifPresent(port -> healthDefault(where, invocation, port.group(2), port.group(3).substring(2), problems));
    }

    /**
     * Whether a COPY takes its file from the Maven stage: {@code --from=build}, or {@code --from=S} where stage S is
     * {@code FROM ${ARG}} and that ARG defaults to {@code build} (the jar can then come from elsewhere, e.g. the host,
     * when the build says so, but a plain build still compiles it).
     */
    private static boolean jarFromBuild(Dockerfile file, String copyArgs) {
        Matcher from = Pattern.compile("^--from=(\\S+)").matcher(copyArgs);
        if (!from.find()) {
            return false;
        }
        String stage = from.group(1);
        return stage.equalsIgnoreCase("build")
                || file.stage(stage).map(s -> file.resolve(s.image()).equalsIgnoreCase("build")).orElse(false);
    }

    /** A HEALTHCHECK's {@code ${AVQA_X:-port}} fallback must be the default of the option AVQA_X stands for. */
    private static void healthDefault(String where, AvqaCommands.Invocation invocation, String key, String port,
            List<String> problems) {
        var option = AvqaCommands.byEnvironmentKey(invocation.spec()).get(key);
        String actual = option == null ? null : invocation.option(option.longestName());
        if (!port.equals(actual)) {
            problems.add(where + ": the HEALTHCHECK falls back to port " + port + " but `" + invocation.command() + "` "
                    + (option == null ? "has no option for " + key : "defaults " + option.longestName() + " to " + actual));
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
