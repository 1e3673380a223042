package dev.guanxi.crm.common;

import org.springframework.http.ETag;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** Optimistic locking over HTTP: the version a client read travels as an ETag / If-Match or a version parameter. */
public final class Versions {

    private Versions() {
    }

    /** 200 with the body and its version as ETag. */
    public static <T> ResponseEntity<T> ok(T body, int version) {
        return ResponseEntity.ok().eTag(etag(version)).body(body);
    }

    /** 201 with the new resource's location, body and version as ETag. */
    public static <T> ResponseEntity<T> created(URI location, T body, int version) {
        return ResponseEntity.created(location).eTag(etag(version)).body(body);
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version the client expects to change: from If-Match when sent, else the version parameter; required. */
    public static int expected(String ifMatch, Integer version) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            try {
                return Integer.parseInt(ETag.create(ifMatch.strip()).tag());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("If-Match", "validation.if-match");
            }
        }
        if (version == null) {
            throw new InvalidInputException("version", "validation.version-required");
        }
        return version;
    }
}
