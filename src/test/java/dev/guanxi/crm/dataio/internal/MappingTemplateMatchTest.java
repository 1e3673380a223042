package dev.guanxi.crm.dataio.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MappingTemplateMatchTest {

    static MappingTemplate template(Map<String, String> mapping) {
        return new MappingTemplate(1, ImportEntity.CUSTOMER, "t", mapping, null, null, 1, "Rep", Instant.now());
    }

    @Test
    void matchesTheSameTitlesInAnyOrderCaseAndSpacing() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("客户名称", "name");
        mapping.put("Mobile No", "phone");
        mapping.put("Internal", MappingTemplate.IGNORED);
        MappingTemplate t = template(mapping);

        List<String> header = List.of(" internal ", "MOBILE NO", "客户名称 ");
        assertThat(t.matches(header)).isTrue();
        assertThat(t.columns(header)).isEqualTo(Arrays.asList(null, "phone", "name"));
        assertThat(t.matches(List.of("客户名称", "Mobile No"))).as("a title missing").isFalse();
        assertThat(t.matches(List.of("客户名称", "Mobile No", "Internal", "Extra"))).as("a title more").isFalse();
        assertThat(t.matches(List.of("客户名称", "Mobile  No", "Internal"))).as("inner spaces count").isFalse();
    }
}
