package dev.guanxi.crm.common.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ServletModelAttributeMethodProcessor;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds an API's filter record ({@code @ParameterObject CustomerQuery query}) from the query parameters, with the
 * record's constructor, names and types looked up once per record type instead of on every request.
 *
 * <p>Spring's constructor binding (the same record as a {@code @ModelAttribute}) inspects each constructor parameter
 * reflectively on every request (its annotations, nullness, generic type): for the customer list's nineteen filters
 * that was about a fifth of a kept API list page's CPU. Values are converted by the same conversion service as there,
 * so every filter value means the same. When a value does not convert (a tier that does not exist, an owner id that is
 * not a number) or the record is to be validated, Spring's own binding runs instead and reports the fields as
 * always (a 400 problem naming them). The annotation also makes the API documentation list the record's components
 * as query parameters.
 */
final class ParameterObjectResolver implements HandlerMethodArgumentResolver {

    private record Shape(Constructor<?> constructor, String[] names, TypeDescriptor[] types) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("No canonical constructor in " + type, e);
            }
            String[] names = new String[components.length];
            TypeDescriptor[] types = new TypeDescriptor[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = new TypeDescriptor(MethodParameter.forFieldAwareConstructor(constructor, i, names[i]));
            }
            return new Shape(constructor, names, types);
        }
    }

    private final ConversionService conversion;
    private final ServletModelAttributeMethodProcessor spring = new ServletModelAttributeMethodProcessor(true);
    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    ParameterObjectResolver(ConversionService conversion) {
        this.conversion = conversion;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(ParameterObject.class) && parameter.getParameterType().isRecord();
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws Exception {
        boolean validated = parameter.hasParameterAnnotation(Valid.class)
                || parameter.hasParameterAnnotation(Validated.class);
        Object bound = validated ? null : construct(parameter.getParameterType(), webRequest);
        return bound != null ? bound : spring.resolveArgument(parameter, mavContainer, webRequest, binderFactory);
    }

    /** The record from the request's parameters, or null when a value does not convert to its component's type. */
    private Object construct(Class<?> type, NativeWebRequest webRequest) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            return null;
        }
        Shape shape = shapes.computeIfAbsent(type, Shape::of);
        Map<String, String[]> parameters = request.getParameterMap();
        Object[] args = new Object[shape.names().length];
        for (int i = 0; i < args.length; i++) {
            Object value = ParameterMapDataBinding.value(parameters.get(shape.names()[i]));
            TypeDescriptor target = shape.types()[i];
            try {
                args[i] = value == null ? null : conversion.convert(value, TypeDescriptor.forObject(value), target);
            } catch (ConversionException e) {
                return null;
            }
            if (args[i] == null && target.getType().isPrimitive()) {
                return null;
            }
        }
        return BeanUtils.instantiateClass(shape.constructor(), args);
    }
}
