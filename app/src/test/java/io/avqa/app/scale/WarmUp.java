package io.avqa.app.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Before the measured load: the services are up, but the windows are still filling. Asks about every stream
 * through every gateway until each has answered OK once, so the load starts on a system that answers.
 */
final class WarmUp {
    private WarmUp() {
    }

    /** Re-asks every 2 s what has not been answered OK yet; fails after 180 s naming where to look. */
    static void untilEveryStreamAnswers(List<QuestionLoad.Gateway> gateways, List<String> ids, QuestionBank bank)
            throws Exception {
        QuestionLedger warm = new QuestionLedger();
        List<AskingClient> clients = new ArrayList<>();
        try {
            for (QuestionLoad.Gateway g : gateways) {
                clients.add(AskingClient.connect("warm-" + g.name(), g.name(), g.port(), g.token(), warm));
            }
            int[] n = {0};
            Waits.until("an OK answer about every stream through every gateway (see app/target/scale-out/*.log)",
                    Duration.ofSeconds(180), Duration.ofSeconds(2), () -> {
                        boolean all = true;
                        for (AskingClient c : clients) {
                            for (String id : ids) {
                                boolean ok = warm.all().stream().anyMatch(a -> a.gateway().equals(c.gateway())
                                        && a.stream().equals(id) && a.terminal() != null && a.terminal().ok());
                                if (!ok) {
                                    all = false;
                                    c.ask(id, bank.get(n[0]++));
                                }
                            }
                        }
                        return all;
                    });
        } finally {
            clients.forEach(AskingClient::close);
        }
    }
}
