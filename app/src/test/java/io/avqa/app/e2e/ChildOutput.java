package io.avqa.app.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The output of a child process the end-to-end tests start, read line by line on a thread of its own. */
final class ChildOutput {
    private ChildOutput() {
    }

    /**
     * Reads the process's output on a daemon thread into {@code output} (synchronised on it) until the process
     * ends, and waits up to {@code seconds} for a line that contains {@code marker}; returns that line.
     */
    static String awaitLine(Process process, List<String> output, String marker, int seconds) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains(marker)) {
                        found.complete(line);
                    }
                }
                found.completeExceptionally(new AssertionError("exited before '" + marker + "': " + output));
            } catch (Exception e) {
                found.completeExceptionally(e);
            }
        }, "output-" + marker);
        reader.setDaemon(true);
        reader.start();
        return found.get(seconds, TimeUnit.SECONDS);
    }
}
