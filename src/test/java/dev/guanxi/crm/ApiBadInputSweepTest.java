package dev.guanxi.crm;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.BadInput;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every operation of the API document: ids that are not numbers, do not exist or overflow, query
 * parameters of the wrong type, malformed bodies and bodies whose every field has the wrong type or an extreme value.
 * Each answer must be a 4xx problem (or a success), never a 500 and never an error without problem details.
 * Operations that send, delete, undo or run something get only ids that do not exist.
 */
@IntegrationTest
class ApiBadInputSweepTest {

    private static final Pattern ACTS = Pattern.compile(
            "export|/undo|/run|/send|/delete|/merge|/start|/bulk|/activate|/launch|/rebuild|/scan");
    private static final List<String> QUERY_VALUES = java.util.stream.Stream.concat(BadInput.VALUES.stream(),
            java.util.stream.Stream.of("%00")).toList();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private JsonNode schemas;

    @Test
    void noOperationAnswersBadInputWithA500OrWithoutProblemDetails() {
        Api api = new Api(port, new TestAccounts(context).user(Role.ADMIN, null).token());
        JsonNode doc = api.get("/v3/api-docs").json();
        schemas = doc.at("/components/schemas");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                for (String[] request : requests(path.getKey(), method, op.getValue())) {
                    sent++;
                    Api.Response r = api.send(method, request[0], request[1]);
                    String type = String.valueOf(r.header("Content-Type"));
                    if (r.status() >= 500 || (r.status() >= 400 && !type.contains("application/problem+json"))) {
                        failures.add(method + " " + request[0] + " " + abbreviate(request[1]) + " -> " + r.status()
                                + " " + type + " " + abbreviate(r.body()));
                    }
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(500);
        assertThat(failures).isEmpty();
    }

    /** Path and body of each request for an operation ({path, json or null}). */
    private List<String[]> requests(String path, String method, JsonNode op) {
        List<String[]> requests = new ArrayList<>();
        boolean acts = method.equals("DELETE") || (method.equals("POST") && ACTS.matcher(path).find());
        if (acts) {
            if (path.contains("{")) {
                for (String id : BadInput.IDS) {
                    requests.add(new String[] {BadInput.withIds(path, id), method.equals("DELETE") ? null : "{"});
                    requests.add(new String[] {BadInput.withIds(path, id), method.equals("DELETE") ? null : "{}"});
                }
            }
            return requests;
        }
        JsonNode body = op.at("/requestBody/content/application~1json/schema");
        boolean takesBody = !body.isMissingNode() && !method.equals("GET");
        if (!takesBody && !method.equals("GET")) {
            // a POST without a JSON body (e.g. a multipart upload): ids only
            if (path.contains("{")) {
                BadInput.IDS.forEach(id -> requests.add(new String[] {BadInput.withIds(path, id), null}));
            }
            return requests;
        }
        String valid = BadInput.withIds(path, "1");
        if (path.contains("{")) {
            BadInput.IDS.forEach(id -> requests.add(new String[] {BadInput.withIds(path, id), takesBody ? "{}" : null}));
        }
        List<String> query = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asString())) {
                query.add(p.get("name").asString());
            }
        }
        if (!query.isEmpty()) {
            for (String value : QUERY_VALUES) {
                String q = String.join("&", query.stream().map(n -> n + "=" + value).toList());
                requests.add(new String[] {valid + "?" + q, takesBody ? "{}" : null});
            }
        }
        if (takesBody) {
            for (String b : Arrays.asList("", "{", "[]", "null", "{}", Api.json(wrong(body, 0)), Api.json(extreme(body, 0)))) {
                requests.add(new String[] {valid, b});
            }
        }
        return requests;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    /** A value of the wrong type for the schema (objects: every property wrong). */
    private Object wrong(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        return switch (s.path("type").asString("")) {
            case "integer", "number" -> "abc";
            case "string" -> s.has("enum") ? "NOT_A_VALUE" : 12345;
            case "boolean" -> "maybe";
            case "array" -> "not-a-list";
            default -> s.has("properties") && depth < 2 ? properties(s, depth, this::wrong) : "x";
        };
    }

    /** A value of the right type at an extreme: huge numbers, a 100,000-character text, a list of one null. */
    private Object extreme(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        return switch (s.path("type").asString("")) {
            case "integer" -> new BigInteger("99999999999999999999");
            case "number" -> -1e308;
            case "string" -> s.has("enum") ? "" : "x".repeat(100_000);
            case "array" -> Arrays.asList((Object) null);
            default -> s.has("properties") && depth < 2 ? properties(s, depth, this::extreme) : null;
        };
    }

    private Map<String, Object> properties(JsonNode schema, int depth, BiFunction<JsonNode, Integer, Object> value) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
            map.put(p.getKey(), value.apply(p.getValue(), depth + 1));
        }
        return map;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
