package io.avqa.gateway.support;

import io.vertx.core.json.JsonObject;

/** Protocol v1 client messages, as a client would write them. */
public final class Messages {
    private Messages() {
    }

    public static JsonObject message(String type, String id) {
        return new JsonObject().put("v", 1).put("type", type).put("id", id);
    }

    public static JsonObject ping(String id) {
        return message("ping", id);
    }

    public static JsonObject ask(String id, String stream, String question) {
        return message("ask", id).put("stream", stream).put("question", question);
    }

    public static JsonObject askStanding(String id, String stream, String question) {
        return ask(id, stream, question).put("mode", "standing");
    }

    public static JsonObject cancel(String id, String questionId) {
        return message("cancel", id).put("questionId", questionId);
    }

    public static JsonObject subscribe(String id, String stream) {
        return message("subscribe", id).put("stream", stream);
    }

    public static JsonObject auth(String id, String token) {
        return message("auth", id).put("token", token);
    }
}
