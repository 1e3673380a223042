package dev.guanxi.crm;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.BadInput;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Bad input on every page of the application, as an administrator: ids that are not numbers, do not exist or
 * overflow, and every request parameter of the handler set to values of the wrong kind. No page may answer with a
 * 500. Forms are posted only to records that do not exist (posting to real ones would change the shared test data).
 */
@IntegrationTest
class PageBadInputSweepTest {

    private static final Pattern SKIPPED = Pattern.compile("^/(api|actuator|v3|swagger-ui|error|logout|login)\\b.*");
    private static final List<String> VALUES = java.util.stream.Stream.concat(BadInput.VALUES.stream(),
            java.util.stream.Stream.of("\u0000", "x".repeat(300))).toList();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    @Test
    void noPageAnswersBadInputWithA500() throws Exception {
        Account admin = new TestAccounts(context).user(Role.ADMIN, null);
        MockHttpSession session = Sessions.login(mvc, admin.username(), TestAccounts.PASSWORD);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            RequestMethod method = methods.isEmpty() ? RequestMethod.GET : methods.iterator().next();
            if (method != RequestMethod.GET && method != RequestMethod.POST) {
                continue;
            }
            List<String> params = requestParams(e.getValue());
            for (String pattern : info.getPatternValues()) {
                if (SKIPPED.matcher(pattern).matches()) {
                    continue;
                }
                boolean hasIds = pattern.contains("{");
                if (method == RequestMethod.POST && !hasIds) {
                    continue;
                }
                List<String> paths = new ArrayList<>();
                if (hasIds) {
                    BadInput.IDS.forEach(id -> paths.add(BadInput.withIds(pattern, id)));
                } else {
                    paths.add(pattern);
                }
                for (String path : paths) {
                    List<List<String>> values = new ArrayList<>();
                    values.add(null); // the parameters left out
                    if (!params.isEmpty()) {
                        VALUES.forEach(v -> values.add(List.of(v)));
                    }
                    for (List<String> value : values) {
                        MockHttpServletRequestBuilder r = request(method.asHttpMethod(), path).session(session);
                        if (method == RequestMethod.POST) {
                            r.with(csrf());
                        }
                        if (value != null) {
                            params.forEach(p -> r.param(p, value.get(0)));
                        }
                        sent++;
                        try {
                            int status = mvc.perform(r).andReturn().getResponse().getStatus();
                            if (status >= 500) {
                                failures.add(method + " " + path + " " + value + " -> " + status);
                            }
                        } catch (Exception ex) {
                            failures.add(method + " " + path + " " + value + " -> " + ex);
                        }
                    }
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    /** The names of the handler's {@code @RequestParam}s (those without a name are bound by parameter name). */
    private static List<String> requestParams(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (MethodParameter p : handler.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param == null || Map.class.isAssignableFrom(p.getParameterType())) {
                continue;
            }
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                    : p.getParameterName();
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
