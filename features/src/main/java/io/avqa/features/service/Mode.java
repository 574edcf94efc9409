package io.avqa.features.service;

/** How the service treats a backlog of live segments. */
public enum Mode {
    /** Skip (and count) live segments too far behind their stream's newest: stay current. */
    LIVE,
    /** Process everything in order, however late: evaluation and replays lose nothing. */
    REPLAY
}
