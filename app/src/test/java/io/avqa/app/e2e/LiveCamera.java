package io.avqa.app.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a network camera: ffmpeg loops a clip forever at real time ({@code -re}), stream-copied into
 * MPEG-TS on a free local UDP port, so ingest reads a live network source as it would a camera's. Closing stops
 * ffmpeg.
 */
final class LiveCamera implements AutoCloseable {
    private final Process ffmpeg;
    private final String url;

    private LiveCamera(Process ffmpeg, String url) {
        this.ffmpeg = ffmpeg;
        this.url = url;
    }

    /** Starts ffmpeg (Debian's, which {@code .ci/test-deps} installs) publishing {@code clip}. */
    static LiveCamera loop(Path clip) throws IOException {
        String url = "udp://127.0.0.1:" + freeUdpPort();
        ProcessBuilder command = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "mpegts", url + "?pkt_size=1316")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            return new LiveCamera(command.start(), url);
        } catch (IOException e) {
            throw new AssertionError("ffmpeg is needed for the live camera stand-in: run .ci/test-deps", e);
        }
    }

    /** The URL ingest reads the stream from. */
    String url() {
        return url;
    }

    /** Stops ffmpeg; fails when it had stopped by itself, i.e. the camera was not live all along. */
    @Override
    public void close() {
        if (!ffmpeg.isAlive()) {
            throw new AssertionError("the camera stand-in (ffmpeg) stopped before the end, exit " + ffmpeg.exitValue());
        }
        ffmpeg.destroy();
        try {
            if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        } catch (InterruptedException e) {
            ffmpeg.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
