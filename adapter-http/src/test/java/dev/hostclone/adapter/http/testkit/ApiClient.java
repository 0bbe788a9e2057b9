package dev.hostclone.adapter.http.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.RunningHttpServer;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/** Sends one API call by name through either door (ESB or v3) of a running HostClone server and returns status, headers and parsed envelope. */
public final class ApiClient {

    /** Floats stay BigDecimal, zeroes kept, so the fields sent are the fields given (1e400 stays 1e400, 2.0 stays 2.0). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http;
    private final String baseUri;
    private final Map<String, ApiRoute> routes;
    private final Map<String, String> common;
    private final Map<String, String> headers;

    private ApiClient(HttpClient http, String baseUri, Map<String, ApiRoute> routes, Map<String, String> common,
                      Map<String, String> headers) {
        this.http = http;
        this.baseUri = baseUri;
        this.routes = routes;
        this.common = common;
        this.headers = headers;
    }

    /** A client of the server at {@code baseUri} ({@code http://127.0.0.1:8080}) serving these APIs, without credentials. */
    public static ApiClient of(String baseUri, List<ApiRoute> routes) {
        Map<String, ApiRoute> byName = new LinkedHashMap<>();
        routes.forEach(route -> byName.put(route.name(), route));
        return new ApiClient(HTTP, baseUri, byName, Map.of(), Map.of());
    }

    /** The same client sending its requests through {@code client} (one that trusts a test CA, for HTTPS). */
    public ApiClient through(HttpClient client) {
        return new ApiClient(client, baseUri, routes, common, headers);
    }

    /** A client of a server started by {@code HttpApi.start()} on this machine. */
    public static ApiClient of(RunningHttpServer server) {
        return of("http://127.0.0.1:" + server.port(), server.routes());
    }

    /** The same client acting as this app and user (ESB: in the body or query; v3: in X-Bkapi-Authorization). */
    public ApiClient as(String appCode, String appSecret, String username) {
        return withCommon("bk_app_code", appCode).withCommon("bk_app_secret", appSecret).withCommon("bk_username", username);
    }

    /** The same client with one common parameter set ({@code bk_token}, {@code bk_supplier_account}, ...), or removed when null. */
    public ApiClient withCommon(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(common);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new ApiClient(http, baseUri, routes, Map.copyOf(changed), headers);
    }

    /** The same client sending no common parameters at all. */
    public ApiClient withoutCredentials() {
        return new ApiClient(http, baseUri, routes, Map.of(), headers);
    }

    /** The same client sending one more header on every request ({@code X-Bkcmdb-Language}, {@code X-Request-ID}, {@code Cookie}). */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(name, value);
        return new ApiClient(http, baseUri, routes, common, Map.copyOf(changed));
    }

    /** Through the ESB door: {@code POST /api/c/compapi/v2/cc/<api>/} (or GET with a query string). */
    public ApiResponse esb(String api, String jsonBody) {
        return call(Door.ESB, api, jsonBody);
    }

    /** Through the v3 door: the API's native method and path. */
    public ApiResponse v3(String api, String jsonBody) {
        return call(Door.V3, api, jsonBody);
    }

    /**
     * Calls {@code api} with the fields of {@code jsonBody} (a JSON object, may be null) through
     * {@code door}, placing them as that door wants: ESB GET and v3 GET in the query string, the
     * ESB body nested where the API nests it (create_business: under {@code data}); v3 path
     * parameters are taken out of the fields ({@code bk_supplier_account} defaults to "0").
     */
    public ApiResponse call(Door door, String api, String jsonBody) {
        ApiRoute route = routes.get(api);
        if (route == null) {
            throw new IllegalArgumentException("unknown API: " + api + "; known: " + routes.keySet());
        }
        ObjectNode fields = fieldsOf(jsonBody);
        return door == Door.ESB ? esbCall(route, fields) : v3Call(route, fields);
    }

    /** Sends exactly this request (plus the client's headers, no common parameters) to {@code pathAndQuery}. */
    public ApiResponse send(String method, String pathAndQuery, String body) {
        return send(method, pathAndQuery, body, Map.of());
    }

    /** Sends exactly this request with these headers in addition to the client's. */
    public ApiResponse send(String method, String pathAndQuery, String body, Map<String, String> extraHeaders) {
        return sendBytes(method, pathAndQuery, body == null ? null : body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    /**
     * Sends exactly these bytes as the body (which need not be UTF-8, nor JSON) with these headers in
     * addition to the client's; declared {@code application/json} unless those headers declare a type.
     */
    public ApiResponse sendBytes(String method, String pathAndQuery, byte[] body, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && Stream.concat(headers.keySet().stream(), extraHeaders.keySet().stream())
                .noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), parsed(response.body()));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    private ApiResponse esbCall(ApiRoute route, ObjectNode fields) {
        if (isQueryMethod(route.esbMethod().name())) {
            Map<String, String> query = new LinkedHashMap<>(common);
            query.putAll(texts(fields));
            return send(route.esbMethod().name(), route.esbPath() + queryString(query), null);
        }
        ObjectNode body = MAPPER.createObjectNode();
        common.forEach(body::put);
        if (route.esbFieldsUnder() != null) {
            body.set(route.esbFieldsUnder(), fields);
        } else {
            body.setAll(fields);
        }
        return send(route.esbMethod().name(), route.esbPath(), body.toString());
    }

    private ApiResponse v3Call(ApiRoute route, ObjectNode fields) {
        String path = route.v3Path();
        for (String parameter : route.v3PathParameters()) {
            JsonNode value = fields.remove(parameter);
            String text = value == null || value.isNull()
                    ? ("bk_supplier_account".equals(parameter) ? "0" : null)
                    : value.isTextual() ? value.textValue() : value.toString();
            if (text == null) {
                throw new IllegalArgumentException("path parameter " + parameter + " missing from the fields of " + route.name());
            }
            path = path.replace("{" + parameter + "}", URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        Map<String, String> authorization = new LinkedHashMap<>(common);
        authorization.remove("bk_supplier_account");
        Map<String, String> extra = authorization.isEmpty() ? Map.of()
                : Map.of("X-Bkapi-Authorization", MAPPER.valueToTree(authorization).toString());
        if (isQueryMethod(route.v3Method().name())) {
            return send(route.v3Method().name(), path + queryString(texts(fields)), null, extra);
        }
        return send(route.v3Method().name(), path, fields.toString(), extra);
    }

    private static boolean isQueryMethod(String method) {
        return method.equals("GET") || method.equals("DELETE");
    }

    private static ObjectNode fieldsOf(String jsonBody) {
        if (jsonBody == null || jsonBody.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(jsonBody);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("call(...) takes a JSON object; use send(...) for other bodies");
            }
            return object;
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("call(...) takes a JSON object; use send(...) for other bodies", malformed);
        }
    }

    private static Map<String, String> texts(ObjectNode fields) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            texts.put(field.getKey(), value.isTextual() ? value.textValue() : value.toString());
        }
        return texts;
    }

    private static String queryString(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static JsonNode parsed(String body) {
        try {
            return body == null || body.isEmpty() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** The names of the APIs this client knows. */
    public List<String> apis() {
        return new ArrayList<>(routes.keySet());
    }
}
