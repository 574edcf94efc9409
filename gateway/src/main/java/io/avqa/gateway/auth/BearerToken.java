package io.avqa.gateway.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request carries its token: the {@code Authorization: Bearer} header (programs) or the
 * {@code token} query parameter (browsers, whose WebSocket API cannot set headers).
 */
public final class BearerToken {
    private BearerToken() {
    }

    public static String from(HttpServerRequest request) {
        String header = fromHeaders(request.headers());
        return header != null ? header : request.getParam("token");
    }

    public static String from(MultiMap headers, String query) {
        String header = fromHeaders(headers);
        return header != null ? header : fromQuery(query);
    }

    static String fromHeaders(MultiMap headers) {
        String value = headers.get("Authorization");
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    static String fromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
