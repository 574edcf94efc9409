package io.avqa.gateway.auth;

import java.util.HashSet;
import java.util.Set;

import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Turns a bearer token into a {@link Grant}: first as a static key, then (when a secret is configured) as
 * an HS256 JWT whose {@code streams} claim lists the streams (a JSON array, or one space/comma separated
 * string; {@code *} for all) and whose {@code sub} names the subject; {@code "admin": true} (a JSON boolean) adds
 * the admin capability (managing streams), and such a JWT may leave {@code streams} out. Expired or badly signed
 * JWTs, JWTs without a {@code streams} claim (and not admin) and an {@code admin} claim that is not a boolean
 * fail with {@link ErrorCode#INVALID_TOKEN}.
 *
 * <p>Threading: {@link #authenticate} may be called on any Vert.x context; the returned future completes
 * on that context (JWT checking is HMAC arithmetic, cheap enough for the event loop).
 */
public final class TokenAuthenticator {
    public static final String STREAMS_CLAIM = "streams";
    public static final String ADMIN_CLAIM = "admin";

    private final StaticTokens keys;
    private final JWTAuth jwt;

    public TokenAuthenticator(Vertx vertx, StaticTokens keys, String jwtSecret) {
        this.keys = keys;
        this.jwt = jwtSecret == null || jwtSecret.isBlank() ? null : hs256(vertx, jwtSecret);
    }

    /** An HS256 JWT provider over this shared secret, for signing tokens (demo, tests) and checking them. */
    public static JWTAuth hs256(Vertx vertx, String secret) {
        return JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    }

    public boolean acceptsJwt() {
        return jwt != null;
    }

    public Future<Grant> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Future.failedFuture(new GatewayError(ErrorCode.UNAUTHENTICATED,
                    "a token is needed: send \"Authorization: Bearer <token>\", ?token=<token>, or an auth message"));
        }
        Grant key = keys.lookup(token);
        if (key != null) {
            return Future.succeededFuture(key);
        }
        if (jwt == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Future.failedFuture(new GatewayError(ErrorCode.INVALID_TOKEN, "unknown token"));
        }
        return jwt.authenticate(new TokenCredentials(token))
                .recover(e -> Future.failedFuture(new GatewayError(ErrorCode.INVALID_TOKEN,
                        "JWT rejected: " + e.getMessage())))
                .compose(TokenAuthenticator::grantOf);
    }

    private static Future<Grant> grantOf(User user) {
        JsonObject claims = user.principal();
        Object raw = claims.getValue(STREAMS_CLAIM);
        Set<String> streams = new HashSet<>();
        if (raw instanceof JsonArray array) {
            array.forEach(s -> streams.add(String.valueOf(s)));
        } else if (raw instanceof String s) {
            for (String part : s.split("[ ,]+")) {
                if (!part.isBlank()) {
                    streams.add(part);
                }
            }
        }
        Object adminClaim = claims.getValue(ADMIN_CLAIM);
        if (adminClaim != null && !(adminClaim instanceof Boolean)) {
            return Future.failedFuture(new GatewayError(ErrorCode.INVALID_TOKEN,
                    "JWT claim \"" + ADMIN_CLAIM + "\" must be the JSON boolean true or false"));
        }
        boolean admin = Boolean.TRUE.equals(adminClaim);
        if (streams.isEmpty() && !admin) {
            return Future.failedFuture(new GatewayError(ErrorCode.INVALID_TOKEN,
                    "JWT has no \"" + STREAMS_CLAIM + "\" claim naming the streams it may see"));
        }
        String sub = claims.getString("sub");
        return Future.succeededFuture(new Grant(sub == null || sub.isBlank() ? "jwt:anonymous" : "jwt:" + sub, streams,
                admin));
    }
}
