package io.avqa.app;

import picocli.CommandLine;

/** Entry point of the {@code avqa} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AvqaCommand.commandLine().execute(args));
    }
}
