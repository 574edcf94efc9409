package io.avqa.app.ask;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code avqa ask}: a terminal client of the gateway's WebSocket protocol. Asks one question about a stream and
 * prints the answer, its confidence, how the question was understood and the temporal attention as a
 * sparkline; with {@code --standing} it keeps printing each update until Ctrl-C (which cancels the question).
 * The gateway and token come from the flags, else {@code AVQA_TOKEN}, else the running {@code avqa demo}.
 *
 * <p>Exit status: 0 answered, 2 the question was refused (the reason and suggestions are printed), 1 anything
 * else (no gateway, bad token, timeout, no data yet).
 *
 * <pre>
 * avqa ask --stream concert-1 "how many instruments are playing?"
 * avqa ask --stream concert-1 --standing "is the violin always playing?"
 * </pre>
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Ask a question about a live stream through the gateway and print the answer.",
                "Prints the answer, its confidence, how the question was understood and a sparkline of where in the"
                        + " window the model looked."})
public final class AskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question, as you would type it.")
    String question;

    @Option(names = "--stream", required = true, description = "The stream to ask about, e.g. concert-1.")
    String stream;

    @Option(names = "--standing", description = "Keep the question standing: print every change until Ctrl-C.")
    boolean standing;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Option(names = "--timeout-s", defaultValue = "10", description = "Seconds to wait for an answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        Optional<GatewayOptions.Target> target = gateway.resolve();
        if (target.isEmpty()) {
            err.println(gateway.noTokenMessage());
            return 1;
        }
        GatewaySession session;
        try {
            session = GatewaySession.connect(target.get().url(), target.get().token());
        } catch (Exception e) {
            err.println("cannot connect to the gateway at " + target.get().url() + " (" + GatewayOptions.rootMessage(e) + "); is it"
                    + " running, and is the token valid for it?");
            return 1;
        }
        try (session) {
            session.send(Map.of("v", 1, "type", "ask", "id", "ask-1", "stream", stream, "question", question,
                    "mode", standing ? "standing" : "once"));
            return standing ? follow(session) : once(session);
        }
    }

    private int once(GatewaySession session) throws InterruptedException {
        while (true) {
            JsonNode m = session.next("ask-1", timeoutSeconds * 1000L);
            if (m == null) {
                err.println("no answer within " + timeoutSeconds + " s (--timeout-s)");
                return 1;
            }
            if (m.path("type").asText().equals("accepted")) {
                continue;
            }
            return print(m);
        }
    }

    /** Prints every update of a standing question until the final one or Ctrl-C, which cancels it. */
    private int follow(GatewaySession session) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        String[] questionId = new String[1];
        Thread cancel = new Thread(() -> {
            if (questionId[0] != null && done.getCount() > 0) {
                try {
                    session.send(Map.of("v", 1, "type", "cancel", "id", "cancel-1", "questionId", questionId[0]));
                } catch (Exception e) {
                    err.println("could not cancel the standing question: " + GatewayOptions.rootMessage(e));
                }
            }
        }, "ask-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        int status = 1;
        try {
            while (true) {
                JsonNode m = session.next("ask-1", Long.MAX_VALUE / 4);
                if (m == null) {
                    return status;
                }
                if (m.path("type").asText().equals("accepted")) {
                    questionId[0] = m.path("questionId").asText();
                    continue;
                }
                status = print(m);
                if (!m.path("type").asText().equals("answer") || m.path("final").asBoolean(true)) {
                    return status;
                }
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and cancels the question
            }
        }
    }

    private int print(JsonNode m) {
        if (m.path("type").asText().equals("error")) {
            err.println(m.path("code").asText() + ": " + m.path("message").asText());
            return 1;
        }
        AnswerLines.of(m).forEach(out::println);
        out.flush();
        return switch (m.path("status").asText()) {
            case "OK" -> 0;
            case "UNSUPPORTED_QUESTION" -> 2;
            default -> 1;
        };
    }
}
