package dev.guanxi.crm.common;

import tools.jackson.databind.ObjectMapper;

/**
 * A JSON response body that is serialized once and then written as the same bytes to every request that gets this
 * instance. For results kept in memory (a {@link VersionedCache} entry): a kept customer list page was serialized
 * anew on every request, a fifth of what such a request cost. The value must not change after it is wrapped.
 * The API documentation shows the value's type (the wrapper is ignored there).
 *
 * @param <T> the body's type
 */
public final class KeptJson<T> {

    private final T value;
    private volatile byte[] json;

    public KeptJson(T value) {
        this.value = value;
    }

    public T value() {
        return value;
    }

    /**
     * The value as JSON, serialized by {@code mapper} the first time (concurrent first callers may each serialize it;
     * they get equal bytes). Callers must not change the array.
     */
    public byte[] json(ObjectMapper mapper) {
        byte[] bytes = json;
        if (bytes == null) {
            bytes = mapper.writeValueAsBytes(value);
            json = bytes;
        }
        return bytes;
    }
}
