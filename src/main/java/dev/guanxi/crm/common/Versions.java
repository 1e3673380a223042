package dev.guanxi.crm.common;

import org.springframework.http.ETag;

/** Optimistic locking over HTTP: the version a client read travels as an ETag / If-Match or a version parameter. */
public final class Versions {

    private Versions() {
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
