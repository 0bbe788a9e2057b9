package dev.hostclone.adapter.http.api;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one API lives on both doors. {@code v3Path} names path parameters in braces
 * ({@code /api/v3/hosts/{bk_supplier_account}/{bk_host_id}}). {@code esbFieldsUnder} names the key
 * the ESB door nests the API's fields under ({@code "data"} for create_business), or is null when
 * the ESB body is flat like the v3 one. {@code v3BodyOptional}: the v3 door takes a request with no body
 * as one of {@code {}}, for an API whose BlueKing handler reads nothing from it. {@code esbGetAndPost}: the ESB
 * door of an API that only reads takes both GET with a query string and POST with a JSON body, whichever
 * {@code esbMethod} is, as BlueKing's ESB serves a component by both unless told otherwise (its
 * {@code ChannelManager}): BlueKing's Java SDK posts get_host_base_info, and scripts GET search_business. An API that
 * writes keeps its one method: a GET that writes is one a crawler or a prefetch can send.
 */
public record ApiRoute(String name, HttpMethod esbMethod, HttpMethod v3Method, String v3Path, String esbFieldsUnder,
                       boolean v3BodyOptional, boolean esbGetAndPost) {

    public static final String ESB_PREFIX = "/api/c/compapi/v2/cc/";
    /** Where every v3 path begins. */
    public static final String V3_PREFIX = "/api/v3/";
    /**
     * Where BlueKing's API gateway publishes each v3 resource to apps outside BlueKing, beside its own path: CMDB's
     * build registers every "open" resource at {@code /api/v3/open/<path>} too, the public one, forwarded to the
     * same backend path.
     */
    public static final String V3_OPEN_PREFIX = "/api/v3/open/";

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public ApiRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(esbMethod, "esbMethod");
        Objects.requireNonNull(v3Method, "v3Method");
        Objects.requireNonNull(v3Path, "v3Path");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("API name must be snake_case: " + name);
        }
        if (!v3Path.startsWith(V3_PREFIX)) {
            throw new IllegalArgumentException("v3 path must start with '" + V3_PREFIX + "': " + v3Path);
        }
    }

    /** An API whose ESB body is flat. */
    public static ApiRoute of(String name, HttpMethod esbMethod, HttpMethod v3Method, String v3Path) {
        return new ApiRoute(name, esbMethod, v3Method, v3Path, null, false, false);
    }

    /** The same API, its ESB door nesting the fields under {@code key}. */
    public ApiRoute withEsbFieldsUnder(String key) {
        return new ApiRoute(name, esbMethod, v3Method, v3Path, key, v3BodyOptional, esbGetAndPost);
    }

    /**
     * The same API, its v3 door taking no body as {@code {}}: its input is all in the path, and BlueKing's handler
     * reads nothing from the body, so {@code curl -X POST} without {@code -d} is answered there. The ESB door's
     * body holds the credentials, and is never optional.
     */
    public ApiRoute withV3BodyOptional() {
        return new ApiRoute(name, esbMethod, v3Method, v3Path, esbFieldsUnder, true, esbGetAndPost);
    }

    /** The same API, its ESB door taking GET with a query string and POST with a JSON body: for an API that only reads. */
    public ApiRoute withEsbGetAndPost() {
        return new ApiRoute(name, esbMethod, v3Method, v3Path, esbFieldsUnder, v3BodyOptional, true);
    }

    /** The methods the ESB door serves the API by: its own, or GET (with HEAD) and POST for an API that only reads. */
    public List<HttpMethod> esbMethods() {
        return esbGetAndPost ? List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST) : methodsServing(esbMethod);
    }

    /**
     * The methods that serve a door that takes {@code method}: HEAD too where it is GET, answered as the GET
     * without its body (RFC 9110 §9.3.2); a door of any other method writes, and takes no HEAD.
     */
    public static List<HttpMethod> methodsServing(HttpMethod method) {
        return method.equals(HttpMethod.GET) ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(method);
    }

    /**
     * The v3 paths the API is served at: its own, and the API gateway's public one ({@link #V3_OPEN_PREFIX}), so that a
     * caller of BlueKing's gateway works with its base URL pointed here.
     */
    public List<String> v3Paths() {
        return List.of(v3Path, v3OpenPath());
    }

    /** The API gateway's public path of the API ({@link #V3_OPEN_PREFIX}). */
    public String v3OpenPath() {
        return V3_OPEN_PREFIX + v3Path.substring(V3_PREFIX.length());
    }

    public String esbPath() {
        return ESB_PREFIX + name + "/";
    }

    /** The names of the v3 path parameters, in path order. */
    public List<String> v3PathParameters() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(v3Path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /** The v3 path in Vert.x Web's notation ({@code :name}). */
    public String v3RouterPath() {
        return routerPath(v3Path);
    }

    /** {@code path}, one of {@link #v3Paths()}, in Vert.x Web's notation ({@code :name}). */
    public static String routerPath(String path) {
        return PARAMETER.matcher(path).replaceAll(":$1");
    }

    /**
     * The paths the v3 door serves, as a pattern: each parameter one segment of anything but a slash, as
     * the router matches {@link #v3RouterPath()}; the rest literally.
     */
    public Pattern v3PathPattern() {
        return pathPattern(v3Path);
    }

    /** {@code path}, one of {@link #v3Paths()}, as a pattern, as {@link #v3PathPattern()} is the v3 path's. */
    public static Pattern pathPattern(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PARAMETER.matcher(path);
        int literalFrom = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(path.substring(literalFrom, matcher.start()))).append("[^/]+");
            literalFrom = matcher.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(path.substring(literalFrom))).toString());
    }

    /** Whether the door takes its input from the query string rather than a JSON body. */
    public boolean readsQueryString(Door door) {
        return takesQueryString(door == Door.ESB ? esbMethod : v3Method);
    }

    /** Whether a request of {@code method} carries its input in the query string rather than a JSON body. */
    public static boolean takesQueryString(HttpMethod method) {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.DELETE);
    }
}
