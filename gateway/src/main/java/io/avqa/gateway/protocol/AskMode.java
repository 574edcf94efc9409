package io.avqa.gateway.protocol;

/** How long a question lives: answered once, or re-answered as the stream changes until cancelled. */
public enum AskMode {
    ONCE, STANDING
}
