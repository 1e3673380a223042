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
import java.util.ArrayList;
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

    /** The shared bundle and one bundle per module (spring.messages.basename), English file names. */
    private static List<String> bundles() throws IOException {
        List<String> bundles = new ArrayList<>(List.of("messages.properties"));
        try (Stream<Path> files = Files.list(MAIN.resolve("resources/i18n"))) {
            files.map(f -> "i18n/" + f.getFileName()).filter(f -> !f.contains("_")).sorted().forEach(bundles::add);
        }
        return bundles;
    }

    private static String chineseOf(String bundle) {
        return bundle.replace(".properties", "_zh_CN.properties");
    }

    @Test
    void everyBundleIsConfigured() throws IOException {
        String configured = Files.readString(MAIN.resolve("resources/application.yml"));
        for (String bundle : bundles()) {
            assertThat(configured).as("spring.messages.basename lists " + bundle)
                    .containsPattern("basename: .*\\b" + Pattern.quote(bundle.replace(".properties", "")) + "\\b");
        }
    }

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Set<String> all = new TreeSet<>();
        for (String bundle : bundles()) {
            Set<String> english = keys(bundle);
            Set<String> chinese = keys(chineseOf(bundle));
            assertThat(difference(english, chinese)).as("keys missing from " + chineseOf(bundle)).isEmpty();
            assertThat(difference(chinese, english)).as("keys missing from " + bundle).isEmpty();
            Set<String> twice = new TreeSet<>(english);
            twice.retainAll(all);
            assertThat(twice).as("keys of " + bundle + " defined in another bundle too").isEmpty();
            all.addAll(english);
        }
    }

    @Test
    void chineseTextIsChinese() throws IOException {
        assertThat(load("messages_zh_CN.properties").getProperty("nav.customers")).isEqualTo("客户");
        for (String bundle : bundles()) {
            Properties zh = load(chineseOf(bundle));
            Properties en = load(bundle);
            List<String> untranslated = zh.stringPropertyNames().stream()
                    .filter(k -> zh.getProperty(k).equals(en.getProperty(k)))
                    .filter(k -> zh.getProperty(k).matches(".*[a-z]{4,}.*") && !zh.getProperty(k).matches(".*\\p{IsHan}.*"))
                    .sorted().toList();
            assertThat(untranslated).as("entries still in English in " + chineseOf(bundle)).isEmpty();
        }
    }

    @Test
    void everyKeyUsedInTemplatesAndCodeExists() throws IOException {
        Set<String> english = allEnglishKeys();
        // string literals in code starting with these prefixes are message keys: the shared ones, and the first
        // segment of every key of a module bundle
        Set<String> prefixes = new TreeSet<>(List.of("validation", "customer", "contact", "tokens", "users", "teams",
                "login", "audit", "order", "payment", "product", "opportunity", "lead", "target", "quote", "activity",
                "activities", "calendar", "notifications", "notification"));
        for (String bundle : bundles().subList(1, bundles().size())) {
            keys(bundle).stream().filter(k -> !k.startsWith("enum.")).map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
                    .forEach(prefixes::add);
        }
        Set<String> used = new TreeSet<>();
        collect(MAIN.resolve("resources/templates"), Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]"), used);
        collect(MAIN.resolve("java"), Pattern.compile("\\{((?:validation|typeMismatch)[\\w.-]*)}"), used);
        collect(MAIN.resolve("java"), Pattern.compile(
                "\"((?:" + String.join("|", prefixes) + ")\\.[a-z][\\w.-]*[a-z])\""), used);
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(difference(used, english)).as("keys used but not defined").isEmpty();
    }

    @Test
    void everyEnumValueHasALabel() throws IOException, ClassNotFoundException {
        Set<String> english = allEnglishKeys();
        // any enum of the application with a label for one value needs one for every value
        try (Stream<Path> files = Files.walk(MAIN.resolve("java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = Pattern.compile("\\benum\\s+(\\w+)").matcher(Files.readString(file));
                if (!m.find() || !file.getFileName().toString().equals(m.group(1) + ".java")) {
                    continue;
                }
                String name = MAIN.resolve("java").relativize(file).toString().replace(".java", "").replace('/', '.');
                Class<?> type = Class.forName(name);
                String prefix = "enum." + type.getSimpleName() + ".";
                if (english.stream().anyMatch(k -> k.startsWith(prefix))) {
                    for (Object value : type.getEnumConstants()) {
                        assertThat(english).contains(prefix + ((Enum<?>) value).name());
                    }
                }
            }
        }
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

    private static Set<String> allEnglishKeys() throws IOException {
        Set<String> all = new TreeSet<>();
        for (String bundle : bundles()) {
            all.addAll(keys(bundle));
        }
        return all;
    }

    private static Set<String> keys(String file) throws IOException {
        return new TreeSet<>(load(file).stringPropertyNames());
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
