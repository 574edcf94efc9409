package io.avqa.gateway.protocol;

import java.util.Locale;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Turns the text of one WebSocket message into a typed {@link ClientMessage}, or throws a
 * {@link GatewayError} naming what is wrong and carrying the client's {@code id} whenever the text had
 * a readable one. Shape only: limits (question length, rate, permissions) are checked by the caller.
 */
public final class MessageParser {
    /** The protocol version this gateway speaks; every message carries it as {@code "v"}. */
    public static final int VERSION = 1;

    private MessageParser() {
    }

    public static ClientMessage parse(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new GatewayError(ErrorCode.BAD_JSON, "message is not a JSON object: " + firstLine(e.getMessage()));
        }
        String id = readId(json);
        Object version = json.getValue("v");
        if (version == null) {
            throw new GatewayError(ErrorCode.UNSUPPORTED_VERSION, "missing \"v\"; this gateway speaks v" + VERSION, id);
        }
        if (!(version instanceof Number n) || n.doubleValue() != VERSION) {
            throw new GatewayError(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this gateway speaks v" + VERSION, id);
        }
        String type = requiredString(json, "type", id);
        return switch (type) {
            case "ask" -> new ClientMessage.Ask(id, requiredString(json, "stream", id),
                    requiredString(json, "question", id), mode(json, id));
            case "cancel" -> new ClientMessage.Cancel(id, requiredString(json, "questionId", id));
            case "subscribe" -> new ClientMessage.Subscribe(id, requiredString(json, "stream", id));
            case "unsubscribe" -> new ClientMessage.Unsubscribe(id, requiredString(json, "stream", id));
            case "ping" -> new ClientMessage.Ping(id);
            case "auth" -> new ClientMessage.Authenticate(id, requiredString(json, "token", id));
            default -> throw new GatewayError(ErrorCode.UNKNOWN_TYPE, "unknown message type \"" + type
                    + "\"; expected ask, cancel, subscribe, unsubscribe, ping or auth", id);
        };
    }

    private static String readId(JsonObject json) {
        Object id = json.getValue("id");
        if (id == null) {
            throw new GatewayError(ErrorCode.MISSING_FIELD, "missing \"id\": every message needs a client id (a string)");
        }
        if (!(id instanceof String s) || s.isEmpty()) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "\"id\" must be a non-empty string, got " + id);
        }
        if (s.length() > 128) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "\"id\" is longer than 128 characters");
        }
        return s;
    }

    private static String requiredString(JsonObject json, String field, String id) {
        Object value = json.getValue(field);
        if (value == null) {
            throw new GatewayError(ErrorCode.MISSING_FIELD, "missing \"" + field + "\"", id);
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new GatewayError(ErrorCode.INVALID_FIELD, "\"" + field + "\" must be a non-empty string", id);
        }
        return s;
    }

    private static AskMode mode(JsonObject json, String id) {
        Object value = json.getValue("mode");
        if (value == null) {
            return AskMode.ONCE;
        }
        if (value instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "once":
                    return AskMode.ONCE;
                case "standing":
                    return AskMode.STANDING;
                default:
                    break;
            }
        }
        throw new GatewayError(ErrorCode.INVALID_FIELD, "\"mode\" must be \"once\" or \"standing\", got " + value, id);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
