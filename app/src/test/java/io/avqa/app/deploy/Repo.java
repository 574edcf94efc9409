package io.avqa.app.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (Maven runs tests in the module folder). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker/compose.yml above " + Path.of("").toAbsolutePath());
    }
}
