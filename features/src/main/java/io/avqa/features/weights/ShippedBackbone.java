package io.avqa.features.weights;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@link Backbone#SHIPPED} above the running code: the repository the jar or classes were built in. */
final class ShippedBackbone {
    private ShippedBackbone() {
    }

    static Optional<Path> locate() {
        try {
            var source = Backbone.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            // <root>/app/target/avqa.jar or <root>/features/target/classes: a few levels up at most
            for (Path dir = Path.of(source.getLocation().toURI()).getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(Backbone.SHIPPED);
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
