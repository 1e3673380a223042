package dev.guanxi.crm.demo;

import dev.guanxi.crm.CrmApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModuleTest {

    @Test
    void demoDataIsAModuleThatUsesOnlyThePublicApisOfOtherModules() {
        ApplicationModules modules = ApplicationModules.of(CrmApplication.class);

        assertThat(modules.getModuleByName("demo")).get().extracting(ApplicationModule::getDisplayName)
                .isEqualTo("Demo data");
        assertThat(modules.detectViolations().getMessages())
                .filteredOn(message -> message.contains("dev.guanxi.crm.demo"))
                .isEmpty();
    }
}
