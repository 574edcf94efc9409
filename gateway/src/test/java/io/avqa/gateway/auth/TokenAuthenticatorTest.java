package io.avqa.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.gateway.support.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

@ExtendWith(VertxExtension.class)
class TokenAuthenticatorTest {
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256";
    private final TestVertx testVertx = TestVertx.create();
    private final Vertx vertx = testVertx.vertx();
    private final TokenAuthenticator auth = new TokenAuthenticator(vertx, StaticTokens.parse("key1=cam1"), SECRET);

    @AfterEach
    void noBlockedEventLoop() throws Exception {
        testVertx.assertNoBlockedEventLoop();
        testVertx.close();
    }

    private String jwt(String secret, JsonObject claims, JWTOptions options) {
        return TokenAuthenticator.hs256(vertx, secret).generateToken(claims, options.setAlgorithm("HS256"));
    }

    @Test
    void staticKeyGrantsItsStreams(VertxTestContext ctx) {
        auth.authenticate("key1").onComplete(ctx.succeeding(grant -> ctx.verify(() -> {
            assertTrue(grant.allows("cam1"));
            assertFalse(grant.allows("cam2"));
            ctx.completeNow();
        })));
    }

    @Test
    void hs256JwtWithStreamsClaimIsAccepted(VertxTestContext ctx) {
        String token = jwt(SECRET, new JsonObject().put("sub", "alice").put("streams", new JsonArray().add("cam2")),
                new JWTOptions().setExpiresInMinutes(5));
        auth.authenticate(token).onComplete(ctx.succeeding(grant -> ctx.verify(() -> {
            assertEquals("jwt:alice", grant.subject());
            assertEquals(Set.of("cam2"), grant.streams());
            ctx.completeNow();
        })));
    }

    @Test
    void jwtSignedWithAnotherSecretIsInvalid(VertxTestContext ctx) {
        String token = jwt("some-other-secret-also-long-enough-to-sign", new JsonObject().put("streams", "*"),
                new JWTOptions());
        expectError(ctx, token, ErrorCode.INVALID_TOKEN);
    }

    @Test
    void expiredJwtIsInvalid(VertxTestContext ctx) {
        long past = System.currentTimeMillis() / 1000 - 3600;
        String token = jwt(SECRET, new JsonObject().put("streams", "*").put("exp", past).put("iat", past - 60),
                new JWTOptions().setNoTimestamp(true));
        expectError(ctx, token, ErrorCode.INVALID_TOKEN);
    }

    @Test
    void jwtWithoutStreamsClaimIsInvalid(VertxTestContext ctx) {
        expectError(ctx, jwt(SECRET, new JsonObject().put("sub", "bob"), new JWTOptions()), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void jwtWithAdminTrueGrantsAdminAndNeedsNoStreams(VertxTestContext ctx) {
        String admin = jwt(SECRET, new JsonObject().put("sub", "ops").put("admin", true), new JWTOptions());
        String viewer = jwt(SECRET, new JsonObject().put("sub", "eve").put("streams", "*").put("admin", false),
                new JWTOptions());
        auth.authenticate(admin).compose(a -> auth.authenticate(viewer).map(v -> new Grant[] {a, v}))
                .onComplete(ctx.succeeding(g -> ctx.verify(() -> {
                    assertTrue(g[0].admin());
                    assertEquals("jwt:ops", g[0].subject());
                    assertEquals(Set.of(), g[0].streams());
                    assertFalse(g[1].admin());
                    assertTrue(g[1].allows("cam9"));
                    ctx.completeNow();
                })));
    }

    @Test
    void jwtWithAnAdminClaimThatIsNotABooleanIsInvalid(VertxTestContext ctx) {
        String token = jwt(SECRET, new JsonObject().put("streams", "*").put("admin", "true"), new JWTOptions());
        auth.authenticate(token).onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertEquals(ErrorCode.INVALID_TOKEN, ((GatewayError) e).code());
            assertTrue(e.getMessage().contains("\"admin\" must be the JSON boolean"), e.getMessage());
            ctx.completeNow();
        })));
    }

    @Test
    void unknownAndMissingTokensAreRefused(VertxTestContext ctx) {
        var checkpoint = ctx.checkpoint(2);
        auth.authenticate("not-a-key").onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertEquals(ErrorCode.INVALID_TOKEN, ((GatewayError) e).code());
            checkpoint.flag();
        })));
        auth.authenticate(null).onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertEquals(ErrorCode.UNAUTHENTICATED, ((GatewayError) e).code());
            checkpoint.flag();
        })));
    }

    private void expectError(VertxTestContext ctx, String token, ErrorCode code) {
        auth.authenticate(token).onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertEquals(code, ((GatewayError) e).code(), e.getMessage());
            ctx.completeNow();
        })));
    }
}
