package io.avqa.app.ask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * How a client command finds the gateway and its token ({@code avqa ask}, {@code avqa streams}): the flags, else
 * {@code AVQA_TOKEN}, else what a running {@code avqa demo} advertises ({@link GatewayAdvert}), else
 * {@code http://127.0.0.1:8080} without a token. A picocli mixin, so every client spells the options alike.
 */
public final class GatewayOptions {
    public static final String TOKEN_ENV = "AVQA_TOKEN";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** Where to send requests, and with which token. */
    public record Target(String url, String token) {
        /** The base URL without trailing slashes, so paths can be appended. */
        public String base() {
            return url.replaceAll("/+$", "");
        }
    }

    @Option(names = "--token", description = "Access token (default: $" + TOKEN_ENV + ", else the running avqa demo's).")
    String token;

    @Option(names = "--url", description = "Gateway base URL (default: the running avqa demo's, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--home", description = "Where a running avqa demo advertises itself (default: ~/.avqa).")
    Path home = Path.of(System.getProperty("user.home"), ".avqa");

    /** The gateway and token, or empty when no token is found anywhere ({@link #noTokenMessage()} says where to get one). */
    public Optional<Target> resolve() throws IOException {
        Optional<GatewayAdvert> demo = GatewayAdvert.read(home);
        String base = url != null ? url : demo.map(GatewayAdvert::url).orElse(DEFAULT_URL);
        String key = token != null ? token : System.getenv(TOKEN_ENV) != null ? System.getenv(TOKEN_ENV)
                : demo.map(GatewayAdvert::token).orElse(null);
        return key == null ? Optional.empty() : Optional.of(new Target(base, key));
    }

    public String noTokenMessage() {
        return "no access token: pass --token, set " + TOKEN_ENV + ", or start `avqa demo` (it advertises its token in "
                + GatewayAdvert.file(home) + ")";
    }

    /** Why a call to the gateway failed, for people: the innermost cause's message ("Connection refused"). */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
