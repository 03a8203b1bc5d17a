package dev.incidentkit.adapters.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a {@link RecordedRequest} against a vendor's published API description (Swagger 2.0 or OpenAPI
 * 3.0) from {@code ../shared/api-specs}. Deliberately simple, and honest about what it checks:
 *
 * <ul>
 *   <li>the path (after the description's base path) and method exist, path templates such as
 *       {@code /repos/{owner}/{repo}/issues} included;
 *   <li>every required query, form and header parameter is present, and present ones have the declared
 *       type ({@code string}, {@code integer}, {@code number}, {@code boolean}, {@code array});
 *   <li>for OpenAPI 3 JSON bodies: required properties, declared types and string enums, following local
 *       {@code $ref}s and {@code allOf}, a few levels deep. {@code oneOf}/{@code anyOf}, formats and
 *       lengths are not checked.
 * </ul>
 *
 * <p>Swagger 2 describes Slack's arguments as form fields; Slack accepts the same fields in a JSON body,
 * so for a JSON request the body's top-level fields are checked against the form parameters, by name and
 * type. A structured JSON value (an array or object, such as {@code blocks}) where the description says
 * {@code string} is accepted, since the form encoding carries it as a JSON string. Fields the description
 * does not know are reported as notes, not violations: descriptions lag behind the vendors.
 */
public final class ApiDescriptionValidator {

    /**
     * The outcome of one check.
     *
     * @param violations what contradicts the description; empty if none
     * @param notes what could not be checked, or was accepted with a caveat
     */
    public record Result(List<String> violations, List<String> notes) {
        /** Copies. */
        public Result {
            violations = List.copyOf(violations);
            notes = List.copyOf(notes);
        }

        /** Whether nothing contradicts the description. */
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode spec;
    private final boolean swagger2;
    private final String basePath;
    private final Set<String> ignoredParameters = new HashSet<>();
    private final Map<String, String> methodAliases = new HashMap<>();
    private final Set<String> undescribed = new HashSet<>();

    private ApiDescriptionValidator(String name, JsonNode spec) {
        this.name = name;
        this.spec = spec;
        this.swagger2 = spec.has("swagger");
        if (swagger2) {
            basePath = trimSlash(spec.path("basePath").asText(""));
        } else {
            String server = spec.path("servers").path(0).path("url").asText("");
            basePath = server.isEmpty() ? "" : trimSlash(URI.create(server).getPath() == null ? "" : URI.create(server).getPath());
        }
    }

    /**
     * Where {@link #load(String, Lookup)} looks: the environment, the system properties and the working
     * directory. Injectable so that tests of the lookup itself do not depend on the real ones.
     *
     * @param env reads an environment variable, {@code null} if unset
     * @param property reads a system property, {@code null} if unset
     * @param workingDirectory where the search for {@code shared/api-specs} starts
     */
    public record Lookup(Function<String, String> env, Function<String, String> property, Path workingDirectory) {
        /** Checks. */
        public Lookup {
            requireNonNull(env, "env");
            requireNonNull(property, "property");
            requireNonNull(workingDirectory, "workingDirectory");
        }

        /**
         * The real environment, system properties and working directory.
         *
         * @return the lookup
         */
        public static Lookup system() {
            return new Lookup(System::getenv, System::getProperty, Path.of("").toAbsolutePath());
        }

        /**
         * Whether this is a CI build: the environment variable {@code CI} is set, not empty and not
         * {@code false}.
         *
         * @return true on CI
         */
        public boolean onCi() {
            String ci = env.apply("CI");
            return ci != null && !ci.isBlank() && !ci.strip().equalsIgnoreCase("false");
        }
    }

    /**
     * Loads a description as {@link #load(String, Lookup)} does, with the real environment.
     *
     * @param fileName e.g. {@code slack-web-openapi-v2.json}
     * @return the validator, or empty if the file is not there and this is not a CI build
     * @throws IllegalStateException on a CI build (environment variable {@code CI} set) when the file is missing
     */
    public static Optional<ApiDescriptionValidator> load(String fileName) {
        return load(fileName, Lookup.system());
    }

    /**
     * Loads a description from {@code shared/api-specs/<fileName>}, looked for in the working directory and
     * each of its parents (so {@code ../shared/api-specs} from the repository root is found from a module
     * directory), or under the directory named by the system property {@code incidentkit.apiSpecs}.
     *
     * <p>Outside CI a missing file gives an empty result and tests skip validation. On CI (environment
     * variable {@code CI} set, see {@link Lookup#onCi()}) a missing file fails instead: a build that is meant
     * to check requests against the vendors' descriptions must not pass silently without them.
     *
     * @param fileName e.g. {@code slack-web-openapi-v2.json}
     * @param lookup where to look
     * @return the validator, or empty if the file is not there and this is not a CI build
     * @throws IllegalStateException on a CI build when the file is missing
     */
    public static Optional<ApiDescriptionValidator> load(String fileName, Lookup lookup) {
        Optional<Path> found = locate(fileName, lookup);
        if (found.isEmpty() && lookup.onCi()) {
            throw new IllegalStateException("CI is set but the API description shared/api-specs/" + fileName
                    + " was not found (searched from " + lookup.workingDirectory() + " upwards"
                    + (lookup.property().apply("incidentkit.apiSpecs") == null ? ""
                    : " and under -Dincidentkit.apiSpecs=" + lookup.property().apply("incidentkit.apiSpecs"))
                    + "); check out ../shared/api-specs next to the repository or set -Dincidentkit.apiSpecs,"
                    + " since CI must not skip spec validation");
        }
        return found.map(p -> {
            try {
                return new ApiDescriptionValidator(fileName, JSON.readTree(p.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + p, e);
            }
        });
    }

    /**
     * Finds {@code shared/api-specs/<fileName>} as {@link #load} does, with the real environment.
     *
     * @param fileName the file's name
     * @return its path, if present
     */
    public static Optional<Path> locate(String fileName) {
        return locate(fileName, Lookup.system());
    }

    /**
     * Finds {@code shared/api-specs/<fileName>} as {@link #load(String, Lookup)} does.
     *
     * @param fileName the file's name
     * @param lookup where to look
     * @return its path, if present
     */
    public static Optional<Path> locate(String fileName, Lookup lookup) {
        String override = lookup.property().apply("incidentkit.apiSpecs");
        if (override != null) {
            Path p = Path.of(override, fileName);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = lookup.workingDirectory().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("api-specs").resolve(fileName);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Ignores a parameter everywhere, e.g. Slack's {@code token}, which real clients send as a bearer header. */
    public ApiDescriptionValidator ignoreParameter(String parameter) {
        ignoredParameters.add(parameter);
        return this;
    }

    /**
     * Accepts {@code actualMethod} where the description documents {@code describedMethod} for a path,
     * for known errors in the description (Slack's {@code views.open} is described as GET, but the method
     * page says POST).
     */
    public ApiDescriptionValidator acceptMethod(String path, String actualMethod, String describedMethod) {
        methodAliases.put(actualMethod.toUpperCase(Locale.ROOT) + " " + path, describedMethod.toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * Accepts a path the description lacks, with a note instead of a violation (Slack's
     * {@code bookmarks.add} is missing from the 2021 description).
     */
    public ApiDescriptionValidator acceptUndescribed(String path) {
        undescribed.add(path);
        return this;
    }

    /**
     * Checks a request.
     *
     * @param request the recorded request; its path includes the description's base path, if any
     * @return the result
     */
    public Result validate(RecordedRequest request) {
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String path = request.path();
        if (!basePath.isEmpty()) {
            if (!path.startsWith(basePath + "/")) {
                violations.add(request + ": path is not under the base path " + basePath + " of " + name);
                return new Result(violations, notes);
            }
            path = path.substring(basePath.length());
        }
        Optional<Map.Entry<String, JsonNode>> item = findPath(path);
        if (item.isEmpty()) {
            if (undescribed.contains(path)) {
                notes.add(request + ": " + path + " is not in " + name + " (accepted as a known gap)");
            } else {
                violations.add(request + ": " + path + " is not a path in " + name);
            }
            return new Result(violations, notes);
        }
        String method = request.method().toLowerCase(Locale.ROOT);
        String alias = methodAliases.get(request.method() + " " + path);
        JsonNode operation = item.get().getValue().get(method);
        if (operation == null && alias != null) {
            operation = item.get().getValue().get(alias);
            notes.add(request + ": described as " + alias.toUpperCase(Locale.ROOT) + " (accepted as a known error)");
        }
        if (operation == null) {
            violations.add(request + ": " + name + " has no " + request.method() + " for " + item.get().getKey());
            return new Result(violations, notes);
        }
        List<JsonNode> parameters = new ArrayList<>();
        item.get().getValue().path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);

        Map<String, JsonNode> fields = fields(request);
        Set<String> described = new HashSet<>();
        for (JsonNode raw : parameters) {
            JsonNode p = resolve(raw);
            String pname = p.path("name").asText();
            String in = p.path("in").asText();
            described.add(pname);
            if (ignoredParameters.contains(pname)) {
                continue;
            }
            boolean required = p.path("required").asBoolean(false);
            String type = swagger2 ? p.path("type").asText("") : resolve(p.path("schema")).path("type").asText("");
            switch (in) {
                case "query", "formData" -> {
                    JsonNode value = fields.get(pname);
                    if (value == null) {
                        if (required) {
                            violations.add(request + ": required parameter '" + pname + "' is missing");
                        }
                    } else {
                        checkType(request + ": parameter '" + pname + "'", type, value, true, violations, notes);
                    }
                }
                case "header" -> {
                    if (required && request.header(pname).isEmpty()) {
                        violations.add(request + ": required header '" + pname + "' is missing");
                    }
                }
                case "body" -> {
                    if (request.body().length == 0) {
                        if (required) {
                            violations.add(request + ": the required body is missing");
                        }
                    } else {
                        checkSchema(request + ": body", p.path("schema"), request.json(), 0, violations, notes);
                    }
                }
                default -> { } // path parameters matched the template already
            }
        }
        JsonNode requestBody = resolve(operation.path("requestBody"));
        if (!requestBody.isMissingNode()) {
            JsonNode schema = requestBody.path("content").path("application/json").path("schema");
            if (request.body().length == 0) {
                if (requestBody.path("required").asBoolean(false)) {
                    violations.add(request + ": the required JSON body is missing");
                }
            } else if (schema.isMissingNode()) {
                notes.add(request + ": no application/json schema described; body not checked");
            } else {
                checkSchema(request + ": body", schema, request.json(), 0, violations, notes);
            }
        } else if (swagger2) {
            for (String field : fields.keySet()) {
                if (!described.contains(field)) {
                    notes.add(request + ": field '" + field + "' is not in " + name);
                }
            }
        }
        return new Result(violations, notes);
    }

    /**
     * Checks a request and fails with every violation.
     *
     * @param request the request
     * @return the notes
     * @throws AssertionError listing the violations
     */
    public List<String> check(RecordedRequest request) {
        Result r = validate(request);
        if (!r.ok()) {
            throw new AssertionError(String.join("\n", r.violations()));
        }
        return r.notes();
    }

    private Map<String, JsonNode> fields(RecordedRequest request) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        request.query().forEach((k, v) -> fields.put(k, TextNode.valueOf(v)));
        if (request.body().length > 0) {
            if (request.isJson()) {
                Iterator<Map.Entry<String, JsonNode>> it = request.json().fields();
                it.forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            } else if (request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
                request.form().forEach((k, v) -> fields.put(k, TextNode.valueOf(v)));
            }
        }
        return fields;
    }

    private Optional<Map.Entry<String, JsonNode>> findPath(String path) {
        JsonNode paths = spec.path("paths");
        if (paths.has(path)) {
            return Optional.of(Map.entry(path, paths.get(path)));
        }
        String[] segments = path.split("/", -1);
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] template = e.getKey().split("/", -1);
            if (template.length != segments.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < template.length && match; i++) {
                boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
                match = variable ? !segments[i].isEmpty() : template[i].equals(segments[i]);
            }
            if (match) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return n; // external refs are not followed
            }
            n = spec.at(ref.substring(1).replace("~1", "/"));
        }
        return n;
    }

    private void checkSchema(String where, JsonNode rawSchema, JsonNode value, int depth,
                             List<String> violations, List<String> notes) {
        JsonNode schema = resolve(rawSchema);
        if (depth > 4 || schema.isMissingNode()) {
            return;
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                checkSchema(where, part, value, depth + 1, violations, notes);
            }
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            notes.add(where + ": oneOf/anyOf not checked");
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !checkType(where, type, value, false, violations, notes)) {
            return;
        }
        if (schema.has("enum") && value.isTextual()) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(value.asText());
            }
            if (!listed) {
                violations.add(where + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    violations.add(where + ": required property '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (properties.has(e.getKey())) {
                    checkSchema(where + "." + e.getKey(), properties.get(e.getKey()), e.getValue(), depth + 1,
                            violations, notes);
                } else if (properties.size() > 0 && !schema.has("additionalProperties")) {
                    notes.add(where + ": property '" + e.getKey() + "' is not described");
                }
            }
        }
    }

    private static boolean checkType(String where, String type, JsonNode value, boolean fromForm,
                                     List<String> violations, List<String> notes) {
        boolean ok;
        switch (type) {
            case "string" -> {
                ok = value.isTextual();
                if (!ok && fromForm && value.isContainerNode()) {
                    ok = true; // form encoding carries structured values as JSON strings
                }
            }
            case "boolean" -> ok = value.isBoolean()
                    || value.isTextual() && Set.of("true", "false", "1", "0").contains(value.asText());
            case "integer" -> ok = value.isIntegralNumber()
                    || value.isTextual() && value.asText().matches("-?\\d+");
            case "number" -> ok = value.isNumber()
                    || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?");
            case "array" -> ok = value.isArray() || fromForm && value.isTextual();
            case "object" -> ok = value.isObject();
            case "" -> ok = true;
            default -> {
                notes.add(where + ": type '" + type + "' not checked");
                ok = true;
            }
        }
        if (!ok) {
            violations.add(where + ": expected " + type + ", got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return ok;
    }

    @Override
    public String toString() {
        return "ApiDescriptionValidator[" + name + (swagger2 ? ", Swagger 2" : ", OpenAPI 3") + ", base path '"
                + basePath + "']";
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
