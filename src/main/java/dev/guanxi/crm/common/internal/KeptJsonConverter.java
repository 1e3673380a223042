package dev.guanxi.crm.common.internal;

import dev.guanxi.crm.common.KeptJson;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Writes a {@link KeptJson} body: its bytes, serialized with the same mapper as every other JSON response (once per
 * kept value). Only for JSON: a request that accepts no JSON gets 406 as with any other body. Never reads.
 */
final class KeptJsonConverter extends AbstractHttpMessageConverter<KeptJson<?>> {

    private final ObjectMapper mapper;

    KeptJsonConverter(ObjectMapper mapper) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.mapper = mapper;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return KeptJson.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected KeptJson<?> readInternal(Class<? extends KeptJson<?>> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A kept JSON body is never read", input);
    }

    @Override
    protected Long getContentLength(KeptJson<?> body, MediaType contentType) {
        return (long) body.json(mapper).length;
    }

    @Override
    protected void writeInternal(KeptJson<?> body, HttpOutputMessage output) throws IOException {
        output.getBody().write(body.json(mapper));
    }
}
