package io.avqa.ingest.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who published a segment: every segment carries its ingest instance's id in the {@link #HEADER} header, so
 * "no stream was ever published by two instances at once" can be checked from the topic itself.
 */
public final class IngestInstance {
    public static final String HEADER = "avqa-ingest-instance";

    private IngestInstance() {
    }

    /** host-pid-random: unique per process run, readable in logs. */
    public static String newId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
