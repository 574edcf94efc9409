package io.avqa.gateway.http;

import java.util.Optional;
import java.util.function.Supplier;

import io.avqa.gateway.GatewayServices;
import io.avqa.gateway.auth.BearerToken;
import io.avqa.gateway.auth.Grant;
import io.avqa.gateway.protocol.AskMode;
import io.avqa.gateway.protocol.ErrorCode;
import io.avqa.gateway.protocol.GatewayError;
import io.avqa.gateway.protocol.ServerMessages;
import io.avqa.gateway.routing.IncomingAnswer;
import io.avqa.gateway.routing.PendingQuestion;
import io.avqa.gateway.routing.QuestionDesk;
import io.avqa.gateway.routing.Recipient;
import io.avqa.gateway.specs.StreamAdmin;
import io.avqa.gateway.specs.StreamSpecRequest;
import io.avqa.schemas.Insight;
import io.avqa.schemas.StreamSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

/**
 * The HTTP routes: the stream API and questions (token needed; adding and removing streams needs the admin
 * grant), templates, health, readiness, metrics (open) and the dashboard's static files at {@code /}. Errors are the protocol's {@code error} objects
 * with the matching HTTP status. Threading: handlers run on the gateway's context and never block.
 */
public final class HttpApi {
    /** How long a GET may take before it is answered 503. */
    static final long GET_TIMEOUT_MS = 10_000;

    private final long getTimeoutMs;
    private final GatewayServices services;
    private final QuestionTemplates templates;
    private final Supplier<Future<JsonObject>> readiness;

    /**
     * @param readiness completes with a readiness report; its {@code "ready"} boolean picks 200 or 503
     */
    public HttpApi(GatewayServices services, QuestionTemplates templates, Supplier<Future<JsonObject>> readiness) {
        this(services, templates, readiness, GET_TIMEOUT_MS);
    }

    HttpApi(GatewayServices services, QuestionTemplates templates, Supplier<Future<JsonObject>> readiness,
            long getTimeoutMs) {
        this.services = services;
        this.templates = templates;
        this.readiness = readiness;
        this.getTimeoutMs = getTimeoutMs;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        // a GET that cannot be served (a readiness probe whose Kafka call never completes, say) ends in a 503 that
        // says so instead of holding the client's connection; questions wait for their answer timeout instead
        router.get().handler(TimeoutHandler.create(getTimeoutMs, 503));
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")
                .put("instanceId", services.instanceId())));
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type",
                "text/plain; version=0.0.4; charset=utf-8").end(services.metrics().scrape()));
        router.get("/api/questions/templates").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(templates.encoded()));
        router.get("/api/streams").handler(ctx -> authenticated(ctx).onSuccess(g -> listStreams(ctx, g)));
        router.get("/api/streams/:id").handler(ctx -> authenticated(ctx).onSuccess(g -> showStream(ctx, g)));
        router.post("/api/streams")
                .handler(BodyHandler.create().setBodyLimit(services.limits().maxFrameBytes()))
                .handler(ctx -> authenticated(ctx).onSuccess(g -> addStream(ctx, g)));
        router.delete("/api/streams/:id").handler(ctx -> authenticated(ctx).onSuccess(g -> removeStream(ctx, g)));
        router.post("/api/streams/:id/questions")
                .handler(BodyHandler.create().setBodyLimit(services.limits().maxFrameBytes()))
                .handler(ctx -> authenticated(ctx).onSuccess(g -> ask(ctx, g)));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(this::failure);
        return router;
    }

    private void ready(RoutingContext ctx) {
        readiness.get().onComplete(ar -> {
            JsonObject body = ar.succeeded() ? ar.result()
                    : new JsonObject().put("ready", false).put("reason", String.valueOf(ar.cause()));
            json(ctx, body.getBoolean("ready", false) ? 200 : 503, body);
        });
    }

    /** {"admin": bool, "streams": [...]}: the dashboard shows its add and remove controls when admin is true. */
    private void listStreams(RoutingContext ctx, Grant grant) {
        JsonArray streams = StreamListing.of(grant, services.directory().statuses(),
                services.streamAdmin().streams().all(), services.streamAdmin().streams()::wasRemoved);
        json(ctx, 200, new JsonObject().put("admin", grant.admin()).put("streams", streams));
    }

    private void showStream(RoutingContext ctx, Grant grant) {
        String stream = ctx.pathParam("id");
        Optional<StreamSpec> spec = services.streamAdmin().streams().get(stream);
        try {
            if (!(grant.admin() && spec.isPresent())) {
                QuestionDesk.requireStream(grant, stream, null);
            }
        } catch (GatewayError e) {
            error(ctx, e);
            return;
        }
        Optional<JsonObject> shown = StreamListing.one(services.directory().status(stream), spec);
        if (shown.isEmpty()) {
            error(ctx, new GatewayError(ErrorCode.UNKNOWN_STREAM, "no status has been published for stream \""
                    + stream + "\" and it is not a managed stream"));
            return;
        }
        JsonArray insights = new JsonArray();
        for (Insight insight : services.directory().recentInsights(stream)) {
            insights.add(ServerMessages.insightBody(insight));
        }
        json(ctx, 200, shown.get().put("recentInsights", insights));
    }

    /** POST /api/streams {"id", "source", "rate", "loop"}: 201 with the spec (source redacted) once Kafka has it. */
    private void addStream(RoutingContext ctx, Grant grant) {
        StreamSpecRequest request;
        try {
            StreamAdmin.requireAdmin(grant);
            request = StreamSpecRequest.parse(jsonBody(ctx));
        } catch (GatewayError e) {
            error(ctx, e);
            return;
        }
        services.streamAdmin().add(grant, request).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 201, ServerMessages.specBody(ar.result()));
            } else {
                error(ctx, asError(ar.cause()));
            }
        });
    }

    /** DELETE /api/streams/{id}: the tombstone is written; 200 with the removed spec (source redacted). */
    private void removeStream(RoutingContext ctx, Grant grant) {
        services.streamAdmin().remove(grant, ctx.pathParam("id")).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 200, ServerMessages.specBody(ar.result()).put("removed", true));
            } else {
                error(ctx, asError(ar.cause()));
            }
        });
    }

    /** The body as a JSON object, or null when it is empty or not a JSON object. */
    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static GatewayError asError(Throwable t) {
        return t instanceof GatewayError e ? e : new GatewayError(ErrorCode.INTERNAL, String.valueOf(t));
    }

    /** POST /api/streams/{id}/questions {"question": "..."}: waits for the answer up to the answer timeout. */
    private void ask(RoutingContext ctx, Grant grant) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            error(ctx, new GatewayError(ErrorCode.BAD_JSON, "body is not a JSON object"));
            return;
        }
        Object question = body == null ? null : body.getValue("question");
        if (!(question instanceof String text) || text.isBlank()) {
            error(ctx, new GatewayError(body == null || question == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD,
                    "body needs {\"question\": \"...\"}"));
            return;
        }
        Promise<JsonObject> reply = Promise.promise();
        Recipient recipient = new Recipient() {
            @Override
            public void answer(PendingQuestion q, IncomingAnswer answer, boolean terminal) {
                reply.tryComplete(ServerMessages.answer(null, answer.answer()));
            }

            @Override
            public void failed(PendingQuestion q, GatewayError error) {
                reply.tryFail(error);
            }
        };
        try {
            services.desk().ask(grant, null, ctx.pathParam("id"), text, AskMode.ONCE, grant.subject() + "/http",
                    recipient);
        } catch (GatewayError e) {
            error(ctx, e);
            return;
        }
        reply.future().onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 200, ar.result());
            } else {
                error(ctx, ar.cause() instanceof GatewayError e ? e
                        : new GatewayError(ErrorCode.INTERNAL, String.valueOf(ar.cause())));
            }
        });
    }

    private Future<Grant> authenticated(RoutingContext ctx) {
        return services.authenticator().authenticate(BearerToken.from(ctx.request()))
                .onFailure(e -> error(ctx, e instanceof GatewayError g ? g
                        : new GatewayError(ErrorCode.INTERNAL, String.valueOf(e))));
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 503 && ctx.failure() == null) {
            json(ctx, 503, new JsonObject().put("status", 503).put("reason", "no response within " + getTimeoutMs
                    + " ms; try again, and see the gateway log if it repeats"));
        } else if (status == 413) {
            error(ctx, new GatewayError(ErrorCode.FRAME_TOO_LARGE, "request body is larger than "
                    + services.limits().maxFrameBytes() + " bytes"));
        } else if (status > 0 && status < 500) {
            json(ctx, status, new JsonObject().put("status", status));
        } else {
            error(ctx, new GatewayError(ErrorCode.INTERNAL, String.valueOf(ctx.failure())));
        }
    }

    private void error(RoutingContext ctx, GatewayError e) {
        services.metrics().error(e.code());
        json(ctx, e.code().httpStatus(), ServerMessages.error(e));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
        }
    }
}
