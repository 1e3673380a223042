package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.Gender;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * A customer CSV for benchmarks with the demo data's realistic variety (names by surname frequency, cities by
 * weight, unique mobile numbers, personal and company e-mail addresses, birth dates), written as a stream. About one
 * row in 200 repeats an earlier person's e-mail address under a new phone number, as real files do.
 */
public final class BenchmarkCustomerFile {

    public static final String HEADER = "客户名称,手机,邮箱,省份,城市,行业,类型,价值等级,标签,性别,出生日期";
    /** The import fields of the columns above, in order. */
    public static final String[] FIELDS = {"name", "phone", "email", "province", "city", "industry", "customerType",
            "valueTier", "tags", "gender", "birthDate"};

    private BenchmarkCustomerFile() {
    }

    /** Writes {@code rows} customers with the given tag, the same ones for the same seed. */
    public static void write(Path file, int rows, long seed, String tag) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(out, rows, seed, tag);
        }
    }

    static void write(Writer out, int rows, long seed, String tag) throws IOException {
        Random random = new Random(seed);
        DemoFaker faker = new DemoFaker(random);
        Industry[] industries = Industry.values();
        String[] tiers = {"VIP", "MAJOR", "MEDIUM", "SMALL", "SMALL"};
        String lastEmail = null;
        out.write(HEADER);
        out.write('\n');
        for (int i = 0; i < rows; i++) {
            Region region = faker.region();
            Industry industry = faker.pick(industries);
            String name;
            String email;
            String type;
            String gender = "";
            String birth = "";
            if (faker.chance(0.2)) {
                DemoFaker.Company company = faker.company(region, industry, faker.chance(0.1));
                name = company.name();
                email = "contact" + i + "@" + company.domain();
                type = "企业客户";
            } else {
                Gender g = faker.gender();
                DemoFaker.PersonName person = faker.chance(0.08) ? faker.englishName(g) : faker.chineseName(g);
                name = person.name();
                email = lastEmail != null && faker.chance(0.005) ? lastEmail : faker.personalEmail(person);
                lastEmail = email;
                type = "消费者";
                gender = g == Gender.MALE ? "男" : g == Gender.FEMALE ? "女" : "";
                if (faker.chance(0.6)) {
                    birth = LocalDate.of(faker.between(1950, 2004), faker.between(1, 12), faker.between(1, 28)).toString();
                }
            }
            out.write(csv(name) + ',' + faker.mobile() + ',' + email + ',' + region.province() + ','
                    + region.city() + ',' + industry.label() + ',' + type + ',' + faker.pick(tiers) + ',' + tag + ','
                    + gender + ',' + birth + '\n');
        }
    }

    private static String csv(String value) {
        return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
