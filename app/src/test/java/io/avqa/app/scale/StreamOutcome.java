package io.avqa.app.scale;

import java.util.Map;

/**
 * What happened to one stream around the kill, for the checks and the summary.
 *
 * @param stream         stream id
 * @param partition      its partition (segments, embeddings and questions alike)
 * @param reasonerMoved  its reasoner task was on the killed reasoner
 * @param featuresMoved  its segment partition was on the killed features process
 * @param preKillToSeq   window end of the newest OK answer received before the kill (-1: none)
 * @param firstOk        first OK answer to a question asked after the kill (null: none)
 * @param firstAdvanced  first OK answer asked after the kill whose window ends beyond the pre-kill window
 *                       by more than the in-flight margin: the stream's features flow again (null: none)
 * @param lastSeq        newest seq ingest reported on the streams topic (-1: unknown)
 * @param ingestDropped  segments ingest reported lost (gaps) on the streams topic
 * @param skippedBy      segments of this stream each features process logged as skipped by its live
 *                       backlog policy, by process name
 * @param afterKill      terminal replies to the questions about it asked after the kill, by outcome
 */
record StreamOutcome(String stream, int partition, boolean reasonerMoved, boolean featuresMoved, long preKillToSeq,
        Asked.Reply firstOk, Asked.Reply firstAdvanced, long lastSeq, long ingestDropped, Map<String, Long> skippedBy,
        Map<String, Integer> afterKill) {

    /** Seconds from {@code killMs} to a reply, or -1 when there is none. */
    static double secondsAfter(long killMs, Asked.Reply reply) {
        return reply == null ? -1 : (reply.receivedMs() - killMs) / 1000.0;
    }

    long skipped() {
        return skippedBy.values().stream().mapToLong(Long::longValue).sum();
    }
}
