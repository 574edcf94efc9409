package io.avqa.ops.http;

import picocli.CommandLine.Option;

/**
 * The interface of a service's ops endpoint (a picocli {@code @Mixin}). The port is declared by each service
 * itself, because each has its own default (ingest 9101, features 9102, reasoner 9103) so they can share a host.
 */
public final class OpsEndpointOptions {
    @Option(names = "--ops-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Interface of the /health, /ready and /metrics endpoint (127.0.0.1 keeps it local).")
    String host;

    public String host() {
        return host;
    }
}
