package io.avqa.gateway.bench;

import io.avqa.gateway.cli.GatewayCommand;
import picocli.CommandLine;

/** {@code avqa gateway} as a plain main, so the load benchmark can run the gateway in its own JVM. */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayCommand()).execute(args));
    }
}
