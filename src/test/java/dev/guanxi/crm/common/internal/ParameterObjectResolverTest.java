package dev.guanxi.crm.common.internal;

import org.junit.jupiter.api.Test;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.MethodParameter;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Filter records bound from query parameters as Spring's binding would, and its errors where a value is wrong. */
class ParameterObjectResolverTest {

    enum Tier { VIP, SMALL }

    record Filters(String q, Tier tier, Long ownerId, Boolean deleted, String city) {
    }

    @SuppressWarnings("unused")
    void list(@ParameterObject Filters filters, Filters plain) {
    }

    final DefaultFormattingConversionService conversion = new DefaultFormattingConversionService();
    final ParameterObjectResolver resolver = new ParameterObjectResolver(conversion);

    MethodParameter parameter(int index) throws NoSuchMethodException {
        Method method = getClass().getDeclaredMethod("list", Filters.class, Filters.class);
        MethodParameter parameter = new MethodParameter(method, index);
        parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        return parameter;
    }

    Object resolve(MockHttpServletRequest request) throws Exception {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversion);
        return resolver.resolveArgument(parameter(0), new ModelAndViewContainer(), new ServletWebRequest(request),
                new ServletRequestDataBinderFactory(List.of(), initializer));
    }

    @Test
    void onlyAnnotatedRecords() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).as("left to Spring's @ModelAttribute binding").isFalse();
    }

    @Test
    void convertsEachParameterToItsComponentsType() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/customers");
        request.addParameter("q", "王明");
        request.addParameter("tier", "VIP");
        request.addParameter("ownerId", "42");
        request.addParameter("deleted", "true");
        request.addParameter("unknown", "ignored");
        assertThat(resolve(request)).isEqualTo(new Filters("王明", Tier.VIP, 42L, true, null));

        MockHttpServletRequest empty = new MockHttpServletRequest("GET", "/api/v1/customers");
        empty.addParameter("tier", "");
        empty.addParameter("ownerId", "");
        empty.addParameter("city", "");
        assertThat(resolve(empty)).as("an empty value is no filter; an empty text stays as given")
                .isEqualTo(new Filters(null, null, null, null, ""));
    }

    @Test
    void aValueThatDoesNotConvertIsReportedForItsField() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/customers");
        request.addParameter("tier", "GOLD");
        request.addParameter("ownerId", "x");
        assertThatThrownBy(() -> resolve(request)).isInstanceOfSatisfying(MethodArgumentNotValidException.class,
                e -> assertThat(e.getBindingResult().getFieldErrors()).extracting(f -> f.getField() + ":" + f.getCode())
                        .containsExactlyInAnyOrder("tier:typeMismatch", "ownerId:typeMismatch"));
    }
}
