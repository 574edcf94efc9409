package io.avqa.gateway.ws;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.gateway.GatewayServices;
import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.protocol.AskMode;
import io.avqa.gateway.protocol.ClientMessage;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.gateway.protocol.MessageParser;
import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.gateway.routing.IncomingAnswer;
import io.avqa.gateway.routing.PendingQuestion;
import io.avqa.gateway.routing.QuestionDesk;
import io.avqa.gateway.routing.Recipient;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.vertx.core.http.ServerWebSocket;

/**
 * One WebSocket connection speaking protocol v1: parses each text message, applies the limits, and
 * answers with the client's {@code id}. A bad message never closes the socket; only a slow reader (1013),
 * a token over its connection limit or a socket left unauthenticated too long (1008) are closed.
 * Holds the connection's questions, standing-question count and subscriptions; releases them all when
 * the socket closes. Threading: the gateway's context only.
 */
final class ClientSession implements Recipient {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final short POLICY_VIOLATION = 1008;
    static final long AUTH_DEADLINE_MS = 30_000;

    private final ServerWebSocket socket;
    private final GatewayServices services;
    private final long connectionNumber;
    private final SocketWriter writer;
    private final Map<String, PendingQuestion> questions = new HashMap<>();
    private final SessionFeeds feeds;
    private Grant grant;
    private GatewayError connectFailure;
    private int standing;
    private long authDeadlineTimer = -1;

    ClientSession(ServerWebSocket socket, GatewayServices services, long connectionNumber) {
        this.socket = socket;
        this.services = services;
        this.connectionNumber = connectionNumber;
        this.writer = new SocketWriter(socket, services.limits().writeQueueBytes(), services.metrics());
        this.feeds = new SessionFeeds(services.directory(), writer);
    }

    /**
     * Starts serving the socket, already authenticated by its handshake ({@code grant}), or not
     * ({@code grant == null}, with {@code failure} saying why when a token was given but refused).
     */
    void start(Grant handshakeGrant, GatewayError failure) {
        services.metrics().connectionOpened();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(b -> sendError(new GatewayError(ErrorCode.BINARY_NOT_SUPPORTED,
                "protocol v1 uses text (JSON) messages only")));
        socket.exceptionHandler(e -> LOG.debug("WebSocket {}: {}", connectionNumber, e.toString()));
        socket.closeHandler(v -> onClose());
        if (handshakeGrant != null) {
            adopt(handshakeGrant, null);
        } else {
            connectFailure = failure;
            if (failure != null) {
                sendError(failure);
            }
            authDeadlineTimer = services.vertx().setTimer(AUTH_DEADLINE_MS, id -> {
                if (grant == null) {
                    writer.close(POLICY_VIOLATION, "not authenticated within " + AUTH_DEADLINE_MS / 1000 + " s");
                }
            });
        }
    }

    private void onText(String text) {
        int maxBytes = services.limits().maxFrameBytes();
        if (text.length() > maxBytes || (text.length() * 3L > maxBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
            sendError(new GatewayError(ErrorCode.FRAME_TOO_LARGE, "message is larger than " + maxBytes + " bytes"));
            return;
        }
        try {
            handle(MessageParser.parse(text));
        } catch (GatewayError e) {
            sendError(e);
        } catch (RuntimeException e) {
            LOG.error("WebSocket {}: failed on a message: {}", connectionNumber, e.toString(), e);
            sendError(new GatewayError(ErrorCode.INTERNAL, "internal error: " + e));
        }
    }

    private void handle(ClientMessage message) {
        // Java 17: no pattern matching for switch yet, so the sealed variants are tested in turn.
        if (message instanceof ClientMessage.Ping ping) {
            writer.send(ServerMessages.pong(ping.id(), System.currentTimeMillis()));
        } else if (message instanceof ClientMessage.Authenticate auth) {
            services.authenticator().authenticate(auth.token()).onComplete(ar -> {
                if (ar.succeeded()) {
                    adopt(ar.result(), auth.id());
                } else {
                    sendError(asError(ar.cause()).withClientId(auth.id()));
                }
            });
        } else if (message instanceof ClientMessage.Ask ask) {
            ask(ask);
        } else if (message instanceof ClientMessage.Cancel cancel) {
            cancel(cancel);
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            subscribe(subscribe);
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            feeds.unsubscribe(unsubscribe.id(), unsubscribe.stream());
        } else {
            throw new IllegalStateException("unhandled message " + message);
        }
    }

    private void ask(ClientMessage.Ask ask) {
        Grant g = requireGrant(ask.id());
        if (ask.mode() == AskMode.STANDING && standing >= services.limits().maxStandingPerConnection()) {
            throw new GatewayError(ErrorCode.TOO_MANY_STANDING, "this connection already holds " + standing
                    + " standing questions (the limit); cancel one first", ask.id());
        }
        PendingQuestion pending = services.desk().ask(g, ask.id(), ask.stream(), ask.question(), ask.mode(), asker(),
                this);
        questions.put(pending.questionId(), pending);
        if (pending.mode() == AskMode.STANDING) {
            standing++;
        }
        writer.send(ServerMessages.accepted(ask.id(), pending.questionId(), pending.stream(), pending.mode()));
    }

    private void cancel(ClientMessage.Cancel cancel) {
        requireGrant(cancel.id());
        PendingQuestion pending = questions.remove(cancel.questionId());
        if (pending == null) {
            throw new GatewayError(ErrorCode.UNKNOWN_QUESTION, "no open question " + cancel.questionId()
                    + " on this connection (already answered, timed out or never asked)", cancel.id());
        }
        services.desk().router().cancel(pending.questionId());
        if (pending.mode() == AskMode.STANDING) {
            standing--;
            services.desk().cancelStanding(pending, asker());
        }
        // The cancelled question's terminal reply, made here: the reasoner's own CANCELLED answer is late.
        Answer cancelled = Answer.newBuilder().setQuestionId(pending.questionId()).setStreamId(pending.stream())
                .setReplyTo(services.instanceId()).setStatus(AnswerStatus.CANCELLED)
                .setReason("cancelled by the client (message " + cancel.id() + ")").setFinal$(true)
                .setAnsweredMs(System.currentTimeMillis()).build();
        writer.send(ServerMessages.answer(pending.clientId(), cancelled));
    }

    private void subscribe(ClientMessage.Subscribe subscribe) {
        Grant g = requireGrant(subscribe.id());
        String stream = subscribe.stream();
        QuestionDesk.requireStream(g, stream, subscribe.id());
        services.desk().requireRate(g, subscribe.id());
        feeds.subscribe(subscribe.id(), stream);
    }

    private Grant requireGrant(String id) {
        if (grant == null) {
            String why = connectFailure == null ? "no token given" : "the token given at connect was refused ("
                    + connectFailure.getMessage() + ")";
            throw new GatewayError(ErrorCode.UNAUTHENTICATED, why + "; send {\"v\":1,\"type\":\"auth\",\"id\":...,"
                    + "\"token\":...} first", id);
        }
        return grant;
    }

    private void adopt(Grant newGrant, String id) {
        if (grant != null && grant.subject().equals(newGrant.subject())) {
            grant = newGrant;
        } else {
            if (!services.connections().tryOpen(newGrant.subject())) {
                sendError(new GatewayError(ErrorCode.TOO_MANY_CONNECTIONS, "this token already holds "
                        + services.connections().maxPerSubject() + " WebSocket connections (the limit)", id));
                writer.close(POLICY_VIOLATION, "too many connections for this token");
                return;
            }
            if (grant != null) {
                services.connections().close(grant.subject());
            }
            grant = newGrant;
        }
        if (authDeadlineTimer >= 0) {
            services.vertx().cancelTimer(authDeadlineTimer);
            authDeadlineTimer = -1;
        }
        feeds.keepOnly(grant);
        writer.send(ServerMessages.authenticated(id, grant.subject(), grant.streamList(), grant.admin()));
    }

    private void onClose() {
        services.metrics().connectionClosed();
        if (authDeadlineTimer >= 0) {
            services.vertx().cancelTimer(authDeadlineTimer);
        }
        if (grant != null) {
            services.connections().close(grant.subject());
        }
        feeds.clear();
        for (PendingQuestion pending : questions.values()) {
            services.desk().router().cancel(pending.questionId());
            if (pending.mode() == AskMode.STANDING) {
                services.desk().cancelStanding(pending, asker());
            }
        }
        questions.clear();
    }

    @Override
    public void answer(PendingQuestion question, IncomingAnswer answer, boolean terminal) {
        if (terminal) {
            forget(question);
        }
        writer.send(ServerMessages.withId(answer.json(), question.clientId()));
    }

    @Override
    public void failed(PendingQuestion question, GatewayError error) {
        forget(question);
        services.metrics().error(error.code());
        writer.send(ServerMessages.questionFailed(question.clientId(), question.questionId(), question.stream(), error));
    }

    private void forget(PendingQuestion question) {
        if (questions.remove(question.questionId()) != null && question.mode() == AskMode.STANDING) {
            standing--;
        }
    }

    private void sendError(GatewayError error) {
        services.metrics().error(error.code());
        writer.send(ServerMessages.error(error));
    }

    private String asker() {
        return (grant == null ? "anonymous" : grant.subject()) + "/ws-" + connectionNumber;
    }

    static GatewayError asError(Throwable t) {
        return t instanceof GatewayError e ? e : new GatewayError(ErrorCode.INTERNAL, t.toString());
    }
}
