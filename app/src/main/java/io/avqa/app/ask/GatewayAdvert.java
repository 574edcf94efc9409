package io.avqa.app.ask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running {@code avqa demo} can be reached: its gateway's base URL and access token, in
 * {@code <home>/gateway.properties}, readable by the owner only (the token grants every stream). Written when
 * the demo's gateway listens, removed when it stops; {@code avqa ask} reads it when no token is given.
 *
 * @param url   the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param token the access token
 */
public record GatewayAdvert(String url, String token) {
    static final String FILE = "gateway.properties";

    public static Path file(Path home) {
        return home.resolve(FILE);
    }

    /** Writes the advert (owner read/write only where the file system has POSIX permissions). */
    public void write(Path home) throws IOException {
        Files.createDirectories(home);
        Path file = file(home);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, "url=" + url + "\ntoken=" + token + "\n");
    }

    public static void remove(Path home) throws IOException {
        Files.deleteIfExists(file(home));
    }

    /** The advert of a running demo under {@code home}, if one is there. */
    public static Optional<GatewayAdvert> read(Path home) throws IOException {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String url = p.getProperty("url");
        String token = p.getProperty("token");
        return url == null || token == null ? Optional.empty() : Optional.of(new GatewayAdvert(url, token));
    }
}
