package dev.guanxi.crm;

import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every UI text exists in English and Simplified Chinese, and every key the code or templates use exists. */
class MessagesTest {

    private static final Path MAIN = Path.of("src/main");

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> chinese = keys("messages_zh_CN.properties");
        assertThat(difference(english, chinese)).as("keys missing from messages_zh_CN.properties").isEmpty();
        assertThat(difference(chinese, english)).as("keys missing from messages.properties").isEmpty();
    }

    @Test
    void chineseTextIsChinese() throws IOException {
        Properties zh = load("messages_zh_CN.properties");
        assertThat(zh.getProperty("nav.customers")).isEqualTo("客户");
        long untranslated = zh.stringPropertyNames().stream()
                .filter(k -> zh.getProperty(k).equals(load0("messages.properties").getProperty(k)))
                .filter(k -> zh.getProperty(k).matches(".*[a-z]{4,}.*") && !zh.getProperty(k).matches(".*\\p{IsHan}.*"))
                .count();
        assertThat(untranslated).as("entries still in English in messages_zh_CN.properties").isZero();
    }

    @Test
    void everyKeyUsedInTemplatesAndCodeExists() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> used = new TreeSet<>();
        collect(MAIN.resolve("resources/templates"), Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]"), used);
        collect(MAIN.resolve("java"), Pattern.compile("\\{((?:validation|typeMismatch)[\\w.-]*)}"), used);
        collect(MAIN.resolve("java"), Pattern.compile(
                "\"((?:validation|customer|contact|tokens|users|teams|login|audit|order|payment|product|opportunity|lead|target|quote|activity|activities|calendar|notifications|notification)\\.[a-z][\\w.-]*[a-z])\""), used);
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(difference(used, english)).as("keys used but not defined").isEmpty();
    }

    @Test
    void everyEnumValueHasALabel() throws IOException {
        Set<String> english = keys("messages.properties");
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(CustomerKind.class, CustomerType.class,
                ValueTier.class, LoyaltyStatus.class, Settlement.class, CreditTerms.class, LifecycleStage.class,
                RelationshipLevel.class, Gender.class, Role.class, dev.guanxi.crm.sales.OrderStatus.class,
                dev.guanxi.crm.sales.PaymentMethod.class, dev.guanxi.crm.sales.LeadStatus.class,
                dev.guanxi.crm.sales.TargetMetric.class,
                dev.guanxi.crm.activity.ActivityType.class)) {
            for (Enum<?> value : type.getEnumConstants()) {
                assertThat(english).contains("enum." + type.getSimpleName() + "." + value.name());
            }
        }
    }

    private static void collect(Path root, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> keys(String file) throws IOException {
        return new TreeSet<>(load(file).stringPropertyNames());
    }

    private static Properties load0(String file) {
        try {
            return load(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(Files.newInputStream(MAIN.resolve("resources").resolve(file)),
                StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
