package io.avqa.reasoner.stream.window;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.avqa.reasoner.model.Window;
import io.avqa.schemas.Embedding;

/**
 * Keeps each stream's window up to date: stores a new segment, evicts segments no window can reach any more,
 * ignores duplicates (same seq) and segments older than a full window (counted in the index). Forwards the
 * stream id when the window changed, so the eager path can react.
 */
public final class WindowUpdater implements Processor<String, Embedding, String, Embedding> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowUpdater.class);

    private final Window window;
    private ProcessorContext<String, Embedding> context;
    private StreamWindows windows;

    public WindowUpdater(Window window) {
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, Embedding> context) {
        this.context = context;
        this.windows = StreamWindows.from(context, window);
    }

    @Override
    public void process(Record<String, Embedding> record) {
        Embedding e = record.value();
        MDC.put("streamId", e.getStreamId());
        WindowIndex index = windows.index(e.getStreamId());
        WindowIndex.Update update = (index == null ? WindowIndex.EMPTY : index).add(e.getSeq(), window);
        windows.put(e.getStreamId(), update.index());
        switch (update.outcome()) {
            case DUPLICATE -> LOG.debug("ignored duplicate segment {}#{}", e.getStreamId(), e.getSeq());
            case LATE -> LOG.debug("ignored late segment {}#{} (window starts at {}; {} late so far)",
                    e.getStreamId(), e.getSeq(), update.index().select(window)[0], update.index().late());
            case ADDED -> {
                windows.segments().put(e);
                for (long seq : update.evicted()) {
                    windows.segments().delete(e.getStreamId(), seq);
                }
                context.forward(record);
            }
        }
    }
}
