package dev.guanxi.crm.common;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeptJsonTest {

    @Test
    void serializesOnceWithTheMapperItIsGiven() {
        JsonMapper mapper = JsonMapper.builder().build();
        KeptJson<Map<String, Object>> kept = new KeptJson<>(Map.of("items", List.of("王明", 7)));
        byte[] first = kept.json(mapper);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("{\"items\":[\"王明\",7]}");
        assertThat(kept.json(mapper)).as("the bytes of the first serialization, not a second one").isSameAs(first);
    }
}
