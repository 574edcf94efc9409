package io.avqa.broker;

import java.nio.file.Path;

/** Another process for {@code EmbeddedKafkaBrokerTest}: exits 0 when it got the lock on args[0], 3 when refused. */
public final class DataDirLockProbe {
    private DataDirLockProbe() {
    }

    public static void main(String[] args) {
        try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
