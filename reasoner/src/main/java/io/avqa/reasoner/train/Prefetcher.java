package io.avqa.reasoner.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.avqa.reasoner.model.Window;

/**
 * Reads the next batch of clips from disk on a background thread while the model works on the current one,
 * so feature decoding (float16 to float32) overlaps with compute. Iterate with {@link #next()}.
 */
final class Prefetcher implements AutoCloseable {
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clip-prefetch");
        t.setDaemon(true);
        return t;
    });
    private final SplitData data;
    private final Window window;
    private final List<List<String>> batches;
    private int next;
    private CompletableFuture<List<ClipData>> pending;

    Prefetcher(SplitData data, Window window, List<List<String>> batches) {
        this.data = data;
        this.window = window;
        this.batches = batches;
        schedule();
    }

    boolean hasNext() {
        return pending != null;
    }

    List<ClipData> next() throws IOException {
        try {
            List<ClipData> clips = pending.get();
            schedule();
            return clips;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("reading clips failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading clips", e);
        }
    }

    private void schedule() {
        if (next >= batches.size()) {
            pending = null;
            return;
        }
        List<String> ids = batches.get(next++);
        pending = CompletableFuture.supplyAsync(() -> {
            List<ClipData> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                try {
                    out.add(data.load(id, window));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }, pool);
    }

    /** Splits clip ids into consecutive batches; a last batch of one clip joins the previous one. */
    static List<List<String>> batches(List<String> clips, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i += size) {
            out.add(new ArrayList<>(clips.subList(i, Math.min(clips.size(), i + size))));
        }
        if (out.size() > 1 && out.get(out.size() - 1).size() == 1) {
            out.get(out.size() - 2).addAll(out.remove(out.size() - 1));
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
