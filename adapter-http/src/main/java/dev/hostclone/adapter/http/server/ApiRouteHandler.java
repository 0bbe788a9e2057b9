package dev.hostclone.adapter.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiRequest;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.auth.Credentials;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonBodyParser.ParsedBody;
import dev.hostclone.adapter.http.json.JsonBodyParser.ScannedBody;
import dev.hostclone.adapter.http.json.JsonBodyParser.WellFormedBody;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one API behind one door, in the order every API shares: what was sent read (no content coding on the body, 415;
 * the body read as a JSON object, 1199000; the path's and query string's parameters), credentials read and the caller
 * authenticated (401), the app's rate on this API checked (429), room claimed for the body's tree (503 / 413,
 * {@link BodyBudget#claimTree}), the tree built and its common parameters dropped, no NUL in the rest of its texts
 * (1199006), request decoded (1199000 / validation), use case called, result or refusal written in the envelope. The v3 door, whose credentials are a header, reads and authenticates them first,
 * before what was sent, as BlueKing's gateway does; until 2026-12-07 a v3 caller without credentials and with a
 * malformed body heard 1199000, not 401. A request whose timer fired before its caller was proven has been answered by
 * {@link RequestTimeoutHandler}: it goes no further, and spends none of its app's rate; nor does one whose client left
 * by then (until 2026-12-07 its use case was called once its caller was proven, and its app's rate spent). Stays on
 * the event loop: use-case stages are brought back onto the request's context, where the request's timer fires too.
 */
final class ApiRouteHandler<C, R> implements Handler<RoutingContext> {

    private static final String IDENTITY = "identity";

    private final ApiEndpoint<C, R> endpoint;
    private final Door door;
    private final RequestGuards guards;
    private final Envelopes envelopes;
    /** The door's path parameters, and the segment of the path that holds each (0 the one before the first slash). */
    private final String[] pathParameters;
    private final int[] pathSegments;
    /** The door's common parameters, never data: the ESB door's hold the ESB's older names of the credentials too. */
    private final Set<String> commonNames;

    /** {@code v3Path}: which of the route's v3 paths this handler serves ({@link ApiRoute#v3Paths()}); unread on the ESB door. */
    ApiRouteHandler(ApiEndpoint<C, R> endpoint, Door door, String v3Path, RequestGuards guards, Envelopes envelopes) {
        this.endpoint = endpoint;
        this.door = door;
        this.guards = guards;
        this.envelopes = envelopes;
        List<String> names = door == Door.V3 ? endpoint.route().v3PathParameters() : List.of();
        List<String> template = List.of(v3Path.split("/", -1));
        this.pathParameters = names.toArray(String[]::new);
        this.pathSegments = names.stream().mapToInt(name -> template.indexOf("{" + name + "}")).toArray();
        this.commonNames = door == Door.ESB ? CommonParameters.ESB_NAMES : CommonParameters.NAMES;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestContext context = RequestContext.of(ctx);
        ApiRoute route = endpoint.route();
        context.api(route.name(), door.label());
        Context eventLoop = ctx.vertx().getOrCreateContext();
        Future<JsonNode> answer;
        try {
            // the ESB door of an API that only reads takes either, by the request's method
            boolean fromQuery = door == Door.ESB && route.esbGetAndPost()
                    ? ApiRoute.takesQueryString(ctx.request().method())
                    : route.readsQueryString(door);
            // the v3 door's credentials are in a header, checked before the rest is read, as BlueKing's gateway does:
            // a caller without them hears 401 whatever its body; the ESB door's are in that header too when it sends
            // one, else in what it sends, as BlueKing's ESB reads them (RequestHandler.get_request_authorization)
            Sent sent = door == Door.V3 ? null : sent(ctx, fromQuery);
            Credentials credentials;
            if (sent == null) {
                credentials = CommonParameters.fromHeaders(ctx.request().headers().getAll(CommonParameters.AUTHORIZATION_HEADER));
            } else {
                List<String> headers = esbHeaders(ctx);
                credentials = headers.isEmpty() ? sent.credentials().get() : CommonParameters.fromEsbHeaders(headers);
            }
            if (credentials.appCode() != null) {
                context.app(credentials.appCode());
            }
            answer = Future.fromCompletionStage(guards.authenticator().authenticate(credentials, context.requestId()), eventLoop)
                    .compose(actor -> {
                        context.caller(actor.appCode(), actor.user());
                        if (context.missedDeadline() || ctx.response().closed()) {
                            // answered by its timer before its caller was proven, or no one left to hear: nothing more
                            // is done for it, none of its app's rate spent, no tree built nor room claimed for one,
                            // and no write a client cannot learn the end of
                            throw new HttpProblemException(new HttpProblem.RequestTimedOut());
                        }
                        // as soon as the app is known, as BlueKing's gateway does: one over its rate costs no tree
                        if (!guards.rateLimits().tryAcquire(actor.appCode(), route.name())) {
                            throw new HttpProblemException(new HttpProblem.TooManyRequests(guards.rateLimits().perSecond()));
                        }
                        Input input = sent == null ? read(ctx, fromQuery) : sent.rest().get();
                        // never data, so never checked nor quoted: the v3 door does not even read them
                        CommonParameters.stripFrom(input.body().object(), commonNames);
                        ObjectNode body = input.body().checked();
                        return run(actor, body, input.params(), context, eventLoop);
                    });
        } catch (RuntimeException refused) {
            answer = Future.failedFuture(refused);
        }
        answer.onComplete(done -> {
            if (context.missedDeadline()) {
                return; // answered 503 when the timer fired
            }
            if (done.succeeded()) {
                envelopes.success(ctx, done.result());
            } else {
                envelopes.failure(ctx, done.cause());
            }
        });
    }

    private Future<JsonNode> run(Actor actor, ObjectNode body, Map<String, String> params, RequestContext context,
                                 Context eventLoop) {
        Language language = context.language();
        JsonFields fields = JsonFields.of(body);
        String nestedUnder = endpoint.route().esbFieldsUnder();
        if (door == Door.ESB && nestedUnder != null) {
            fields = fields.optionalObject(nestedUnder)
                    .orElseThrow(() -> RejectedException.because(new Failure.MissingField(nestedUnder)));
        }
        Map<String, String> apiParams = new HashMap<>(params);
        apiParams.keySet().removeAll(commonNames);
        C command = endpoint.decode(new ApiRequest(door, fields, apiParams, language));
        if (!context.meetDeadline()) {
            return Future.failedFuture(new HttpProblemException(new HttpProblem.RequestTimedOut()));
        }
        return Future.fromCompletionStage(endpoint.call(actor, command), eventLoop)
                .map(result -> endpoint.encode(result, language));
    }

    /** What a request sent: its body parsed, its texts not yet checked, and its path's and query string's parameters. */
    private record Input(ParsedBody body, Map<String, String> params) {}

    /**
     * What the ESB door sent: the credentials it carries (read only when no {@code X-Bkapi-Authorization} header
     * holds them), and the rest, made into an input once the caller is proven.
     */
    private record Sent(Supplier<Credentials> credentials, Supplier<Input> rest) {}

    /**
     * The {@code X-Bkapi-Authorization} headers an ESB request sent, none when none of them holds anything: when sent,
     * their credentials count and the body's or query string's do not, as BlueKing's ESB reads them; bk-ci's client,
     * for one, sends them so, with a body of the API's fields alone. Until 2026-12-08 the ESB door read its body alone,
     * and such a caller heard 401. Sent twice, one of them not blank, they are refused as on the v3 door.
     */
    private static List<String> esbHeaders(RoutingContext ctx) {
        if (!ctx.request().headers().contains(CommonParameters.AUTHORIZATION_HEADER)) {
            return List.of(); // nearly every ESB request: no list made for a header it does not have
        }
        List<String> headers = ctx.request().headers().getAll(CommonParameters.AUTHORIZATION_HEADER);
        return headers.stream().allMatch(String::isBlank) ? List.of() : headers;
    }

    /**
     * The ESB door's credentials, from its query string or its body, and the rest. Its body is read through and
     * refused as malformed (1199000) before the credentials are read, as ever, but only its credentials are taken
     * out: the tree, many times the body's bytes, is built once the caller is authenticated. Until 2026-12-07 it
     * was built first, and held while the secret was checked, by anyone who sent a body.
     */
    private Sent sent(RoutingContext ctx, boolean fromQuery) {
        if (fromQuery) {
            Map<String, String> query = params(ctx, true);
            Input input = endpoint.route().readsQueryString(door) ? new Input(emptyBody(), query) : fieldsFromQuery(query);
            return new Sent(() -> CommonParameters.fromQuery(query), () -> input);
        }
        requireNoContentCoding(ctx);
        WellFormedBody body = guards.bodyParser().check(bodyBytes(ctx), CommonParameters.ESB_NAMES);
        return new Sent(() -> CommonParameters.fromBody(body.members()),
                () -> new Input(built(ctx, body.scanned(), true), params(ctx, false)));
    }

    /**
     * The body (none for a door that reads the query string, nor for a v3 route whose body is optional and that
     * sent none; 415 in a content coding, 1199000 malformed), then the parameters.
     */
    private Input read(RoutingContext ctx, boolean fromQuery) {
        if (fromQuery) {
            return new Input(emptyBody(), params(ctx, true));
        }
        requireNoContentCoding(ctx);
        byte[] bytes = bodyBytes(ctx);
        boolean noneTaken = bytes.length == 0 && door == Door.V3 && endpoint.route().v3BodyOptional();
        ParsedBody body = noneTaken ? emptyBody() : built(ctx, guards.bodyParser().scan(bytes), false);
        return new Input(body, params(ctx, false));
    }

    /**
     * The tree of a body read, built once the body budget has room for it ({@code wellFormed}: read through already,
     * and found so, else read through before it is refused room, so that a body Jackson would refuse is answered
     * 1199000 as ever, not 413, nor 503 to be sent again).
     */
    private ParsedBody built(RoutingContext ctx, ScannedBody body, boolean wellFormed) {
        if (body.bytes().length == 0) {
            return guards.bodyParser().build(body); // no tree to make room for: Jackson's refusal of no content
        }
        Runnable readThrough = wellFormed ? () -> { } : () -> guards.bodyParser().check(body.bytes(), Set.of());
        guards.bodyBudget().claimTree(ctx, body.bytes().length, body.treeWeight(), readThrough);
        return guards.bodyParser().build(body);
    }

    /**
     * A GET on the ESB door of an API whose own method takes a JSON body: its query string's parameters are the body's
     * fields, each a text, as BlueKing's ESB passes a GET's parameters on to CMDB (a search with none is the search of
     * everything); the common parameters among them are taken out with the body's.
     */
    private static Input fieldsFromQuery(Map<String, String> query) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        query.forEach(fields::put);
        return new Input(new ParsedBody(fields, true), Map.of());
    }

    private static ParsedBody emptyBody() {
        return new ParsedBody(Json.MAPPER.createObjectNode(), false);
    }

    /**
     * The server undoes no content coding: a gzip body was parsed as it came, and refused for its zero
     * bytes. RFC 9110 §15.5.16 answers 415, and §12.5.3 lets the answer say what is taken.
     */
    private static void requireNoContentCoding(RoutingContext ctx) {
        if (!ctx.request().headers().contains(HttpHeaders.CONTENT_ENCODING)) {
            return; // nearly every request: no list made for a field it does not have
        }
        for (String codings : ctx.request().headers().getAll(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : codings.split(",")) {
                String name = coding.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase(IDENTITY)) {
                    ctx.response().putHeader(HttpHeaders.ACCEPT_ENCODING, IDENTITY);
                    throw new HttpProblemException(new HttpProblem.ContentCodingNotSupported(name));
                }
            }
        }
    }

    private static byte[] bodyBytes(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        return buffer == null ? new byte[0] : buffer.getBytes();
    }

    /**
     * The path parameters, and for a door that takes its input from the query string (GET, DELETE) the
     * query string's parameters, still with the common parameters, for the ESB GET credentials. A door that
     * takes a JSON body reads nothing from the query string: a parameter there took precedence over the
     * body's, and {@code ?id=12} on an ESB delete_object_unique whose body said 13 deleted rule 12. A
     * parameter given twice, in the query string or there and in the path, is refused as a JSON body's
     * duplicate key is: the first one ran, and {@code bk_username=bob&bk_username=admin} ran as bob. One
     * that is not percent-encoded UTF-8 is refused as a body's bytes are ({@link QueryParameters}), and so is
     * a path parameter that is not.
     */
    private Map<String, String> params(RoutingContext ctx, boolean fromQuery) {
        Map<String, String> path = pathParams(ctx);
        if (!fromQuery) {
            return path;
        }
        Map<String, String> params = QueryParameters.of(ctx.request().uri());
        for (String name : params.keySet()) {
            if (path.containsKey(name)) {
                throw new HttpProblemException(new HttpProblem.DuplicateKey(name));
            }
        }
        params.putAll(path);
        return params;
    }

    /**
     * The path parameters, each decoded strictly from the path the router matched (Vert.x decoded bytes that
     * are not UTF-8 to U+FFFD); none on the ESB door and the doors without, the clone's among them.
     */
    private Map<String, String> pathParams(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        if (pathParameters.length == 0) {
            return params;
        }
        String path = ctx.normalizedPath();
        for (int i = 0; i < pathParameters.length; i++) {
            String value = QueryParameters.pathSegment(segment(path, pathSegments[i]));
            if (value == null) {
                throw new HttpProblemException(new HttpProblem.PathParameterNotUtf8(pathParameters[i]));
            }
            params.put(pathParameters[i], value);
        }
        return params;
    }

    /** The {@code index}th segment of {@code path}, undecoded. */
    private static String segment(String path, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = path.indexOf('/', start) + 1;
        }
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }
}
