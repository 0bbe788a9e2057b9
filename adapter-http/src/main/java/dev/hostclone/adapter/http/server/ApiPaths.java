package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.api.Door;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which API and door a request's method and path are for, for a request answered before its API's
 * handler named them in its {@link RequestContext}: a body over the limit (the body reader refuses it
 * before any API's route runs), a client that left mid-body. The access log and the request meters then
 * say which API was refused, where they said {@code api=- door=-}. The lookup runs only for requests
 * that no handler named (those refusals and unknown paths), never on a served request's path.
 */
final class ApiPaths {

    /** The API and door a request named by its method and path. */
    record Named(String api, Door door) {
    }

    private record Templated(HttpMethod method, Pattern path, Named named) {
    }

    /** By method and path, both joined by a space: the ESB paths in both spellings, the v3 paths without parameters. */
    private final Map<String, Named> exact = new HashMap<>();
    /** The paths of {@link #exact}, whatever their method. */
    private final Set<String> literal = new HashSet<>();
    private final List<Templated> templated = new ArrayList<>();

    ApiPaths(List<? extends ApiEndpoint<?, ?>> endpoints) {
        for (ApiEndpoint<?, ?> endpoint : endpoints) {
            ApiRoute route = endpoint.route();
            Named esb = new Named(route.name(), Door.ESB);
            for (HttpMethod method : route.esbMethods()) {
                exact.put(key(method, route.esbPath()), esb);
                exact.put(key(method, route.esbPath().substring(0, route.esbPath().length() - 1)), esb);
            }
            Named v3 = new Named(route.name(), Door.V3);
            for (HttpMethod method : ApiRoute.methodsServing(route.v3Method())) {
                for (String v3Path : route.v3Paths()) {
                    if (route.v3PathParameters().isEmpty()) {
                        exact.put(key(method, v3Path), v3);
                    } else {
                        templated.add(new Templated(method, ApiRoute.pathPattern(v3Path), v3));
                    }
                }
            }
        }
        exact.keySet().forEach(key -> literal.add(key.substring(key.indexOf(' ') + 1)));
    }

    /**
     * By the path as the router matched it: normalised ({@code //}, {@code ..}, escapes of unreserved
     * characters) and, as the router does, with a trailing slash or none. A literal path with another method
     * is none: the router answers it 405 before any path with parameters may take it
     * ({@code GET /api/v3/hosts/property/clone} is no get_host_base_info).
     */
    Optional<Named> find(HttpMethod method, String normalizedPath) {
        if (normalizedPath == null) {
            return Optional.empty();
        }
        String path = exact.containsKey(key(method, normalizedPath)) ? normalizedPath : withoutTrailingSlash(normalizedPath);
        Named named = exact.get(key(method, path));
        if (named != null) {
            return Optional.of(named);
        }
        if (literal.contains(normalizedPath) || literal.contains(path)) {
            return Optional.empty();
        }
        return templated.stream()
                .filter(candidate -> candidate.method().equals(method) && candidate.path().matcher(path).matches())
                .map(Templated::named)
                .findFirst();
    }

    /**
     * The methods some API takes on {@code normalizedPath} (with a trailing slash or none), for a 405's
     * {@code Allow}: those of its literal path when it is one, as {@link #find} names them.
     */
    Set<HttpMethod> methodsOf(String normalizedPath) {
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        for (HttpMethod method : HttpMethod.values()) {
            find(method, normalizedPath).ifPresent(named -> methods.add(method));
        }
        return methods;
    }

    /** {@code path} without its trailing slash, as Vert.x matches a route's path: {@code /} stays itself. */
    static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String key(HttpMethod method, String path) {
        return method.name() + " " + path;
    }
}
