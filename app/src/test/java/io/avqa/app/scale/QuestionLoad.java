package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The question load: {@code clients} WebSocket clients split evenly across the gateways, each asking a ONCE
 * question every {@code interval} (clients staggered over the interval), cycling over every stream and over
 * the question bank. Runs from {@link #start} until {@link #stop}; every question and reply goes to the ledger.
 * A client whose socket closes (its gateway was killed) moves to the next gateway that accepts it and asks its
 * unanswered questions again there; each move is recorded ({@link #moves()}).
 */
final class QuestionLoad implements AutoCloseable {
    /** A gateway to spread clients over: its name (for the summary), port and token. */
    record Gateway(String name, int port, String token) {
    }

    private final List<AskingClient> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> moves = new ConcurrentLinkedQueue<>();
    private List<Gateway> gateways = List.of();

    private QuestionLoad(int threads) {
        this.scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "question-load");
            t.setDaemon(true);
            return t;
        });
    }

    static QuestionLoad start(List<Gateway> gateways, int clientCount, Duration interval, List<String> streams,
            QuestionBank bank, QuestionLedger ledger) throws Exception {
        QuestionLoad load = new QuestionLoad(2);
        load.gateways = List.copyOf(gateways);
        AtomicInteger questionNo = new AtomicInteger();
        for (int c = 0; c < clientCount; c++) {
            Gateway g = gateways.get(c % gateways.size());
            AskingClient client = AskingClient.connect("c" + c, g.name(), g.port(), g.token(), ledger);
            load.clients.add(client);
            AtomicInteger turn = new AtomicInteger(c);
            long stagger = interval.toMillis() * c / clientCount;
            load.scheduler.scheduleAtFixedRate(() -> {
                if (client.closed() != null && !load.moveToAnotherGateway(client)) {
                    return;
                }
                String stream = streams.get(Math.floorMod(turn.getAndIncrement(), streams.size()));
                try {
                    client.ask(stream, bank.get(questionNo.getAndIncrement()));
                } catch (Exception e) {
                    load.failures.add(client.name() + " could not send to " + client.gateway() + ": " + e);
                }
            }, stagger, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return load;
    }

    /** Tries the gateways after the client's own, in order (its own last: behind a load balancer it is the only one). */
    private boolean moveToAnotherGateway(AskingClient client) {
        String why = client.closed();
        int from = 0;
        for (int i = 0; i < gateways.size(); i++) {
            if (gateways.get(i).name().equals(client.gateway())) {
                from = i;
            }
        }
        for (int k = 1; k <= gateways.size(); k++) {
            Gateway g = gateways.get((from + k) % gateways.size());
            try {
                String old = client.gateway();
                int again = client.reconnect(g.name(), g.port(), g.token());
                moves.add(String.format("%s: %s -> %s at %d (%s), asked again %d", client.name(), old, g.name(),
                        System.currentTimeMillis(), why, again));
                return true;
            } catch (Exception e) {
                // that gateway is down too: the next one
            }
        }
        failures.add(client.name() + " found no gateway to move to after: " + why);
        return false;
    }

    /** The clients' moves to another gateway, one line each (who, from, to, when, why, how many asked again). */
    List<String> moves() {
        return List.copyOf(moves);
    }

    /** Stops asking; replies still on their way keep arriving until {@link #close()}. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(15, TimeUnit.SECONDS);
    }

    /** Sends that failed, and sockets still closed, each with the reason (should be none). */
    List<String> failures() {
        List<String> out = new ArrayList<>(failures);
        for (AskingClient c : clients) {
            if (c.closed() != null) {
                out.add(c.name() + " socket " + c.closed());
            }
        }
        return out;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        clients.forEach(AskingClient::close);
    }
}
