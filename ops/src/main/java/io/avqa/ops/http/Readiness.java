package io.avqa.ops.http;

/**
 * Whether a service can do its job now: Kafka reachable and, for a consumer, partitions assigned (or Kafka
 * Streams RUNNING). Called on the ops server's thread for each {@code /ready} request; must answer within a few
 * seconds and never throw for a "not ready" state.
 */
@FunctionalInterface
public interface Readiness {

    /** The answer: ready, or not with a reason an operator can act on. */
    State check();

    /** @param reason why not ready (null when ready) */
    record State(boolean ready, String reason) {
        public static State ok() {
            return new State(true, null);
        }

        public static State notReady(String reason) {
            return new State(false, reason);
        }
    }

    /** Ready only when every check is; the first failing check's reason. */
    static Readiness all(Readiness... checks) {
        return () -> {
            for (Readiness r : checks) {
                State s = r.check();
                if (!s.ready()) {
                    return s;
                }
            }
            return State.ok();
        };
    }
}
