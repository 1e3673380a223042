package dev.guanxi.crm.dataio;

import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports of any entity through the REST API, as the tests of each entity run them. */
final class EntityImports {

    private final int port;

    EntityImports(int port) {
        this.port = port;
    }

    /** Uploads a file as the entity (e.g. "contacts"); the answer holds the draft job and the preview. */
    JsonNode upload(Account account, String entity, String fileName, byte[] content) {
        Api.Response r = new Api(port, account.token()).upload("/api/v1/imports?entity=" + entity, fileName, content);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Starts the uploaded import (run to its end in the calling thread by the tests' configuration); the job. */
    JsonNode start(Account account, long id, String mode, String matchKey, String... columns) {
        Api api = new Api(port, account.token());
        Api.Response r = api.post("/api/v1/imports/" + id + "/start",
                Api.json(Map.of("columns", Arrays.asList(columns), "mode", mode, "matchKey", matchKey)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return api.get("/api/v1/imports/" + id).json();
    }

    /** Uploads and runs an import; the finished job. */
    JsonNode run(Account account, String entity, byte[] content, String mode, String matchKey, String... columns) {
        long id = upload(account, entity, entity + ".csv", content).get("job").get("id").asLong();
        JsonNode job = start(account, id, mode, matchKey, columns);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        return job;
    }

    /** The rejected rows as the error report CSV gives them. */
    String errors(Account account, long id) {
        Api.Response r = new Api(port, account.token()).get("/api/v1/imports/" + id + "/errors");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    JsonNode undo(Account account, long id) {
        Api api = new Api(port, account.token());
        Api.Response r = api.post("/api/v1/imports/" + id + "/undo", "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return api.get("/api/v1/imports/" + id).json();
    }
}
