package dev.guanxi.crm.customer;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pinyin key of a name, stored with every customer ({@code customers.name_key}) so that duplicate detection can
 * match a Chinese name with its Latin spelling and with its homophones through an index: every Chinese character
 * read in pinyin without tones (ü as v), a leading surname in its surname reading (单 shan, 曾 zeng, 区 ou), Latin
 * words split into pinyin syllables where they consist of them ("Zhangwei" → zhang wei, "Ouyang" → ou yang), digit
 * runs kept as they are; the parts sorted and joined in lower case. 张伟, 章伟, "Zhang Wei", "WEI  zhang" and
 * "Zhangwei" all give {@code weizhang}, like {@code guanxi_name_key} for Latin names. Empty when nothing in the name
 * can be read, or when a Chinese character has no known reading (the key would not be comparable).
 * <p>
 * Code writing customer rows itself (COPY) stores {@link #of} of the name with it; rows written without it are
 * filled in after start-up and before each duplicate scan.
 */
public final class PinyinNameKey {

    /** Surnames read otherwise than pinyin4j's first (most common) reading of the character (姓氏多音字). */
    private static final Map<String, String> SURNAMES = Map.ofEntries(
            Map.entry("单于", "chan yu"), Map.entry("尉迟", "yu chi"), Map.entry("万俟", "mo qi"), Map.entry("澹台", "tan tai"),
            Map.entry("乐正", "yue zheng"), Map.entry("长孙", "zhang sun"), Map.entry("单", "shan"), Map.entry("曾", "zeng"),
            Map.entry("区", "ou"), Map.entry("仇", "qiu"), Map.entry("解", "xie"), Map.entry("朴", "piao"),
            Map.entry("查", "zha"), Map.entry("盖", "ge"), Map.entry("乐", "yue"), Map.entry("缪", "miao"),
            Map.entry("秘", "bi"), Map.entry("覃", "qin"), Map.entry("召", "shao"), Map.entry("折", "she"),
            Map.entry("种", "chong"), Map.entry("繁", "po"), Map.entry("员", "yun"), Map.entry("贲", "ben"),
            Map.entry("句", "gou"), Map.entry("柏", "bai"), Map.entry("能", "nai"), Map.entry("粘", "nian"),
            Map.entry("莘", "shen"), Map.entry("祭", "zhai"), Map.entry("都", "du"), Map.entry("乜", "nie"),
            Map.entry("重", "chong"), Map.entry("那", "na"), Map.entry("长", "chang"), Map.entry("郇", "huan"),
            Map.entry("洗", "xian"));

    /** Latin spellings of ü syllables besides v: "Lyu" (passports), "Lue". */
    private static final Map<String, String> U_SPELLINGS = Map.of("lyu", "lv", "nyu", "nv", "lue", "lve", "nue", "nve");

    private static final int LONGEST_SYLLABLE = 6;
    private static final int LONGEST_SPLIT_WORD = 40;

    private PinyinNameKey() {
    }

    /** The key of the name; null for null. */
    public static String of(String name) {
        if (name == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        String text = name.strip();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (isHan(cp)) {
                String reading = Readings.TABLE.reading(cp);
                if (i == 0) {
                    // a name starts with the surname, read as a surname; a compound surname takes two characters
                    String compound = end < text.length() ? SURNAMES.get(text.substring(0, end + 1)) : null;
                    if (compound != null) {
                        reading = compound;
                        end++;
                    } else {
                        reading = SURNAMES.getOrDefault(text.substring(0, end), reading);
                    }
                }
                if (reading == null) {
                    return "";
                }
                Collections.addAll(parts, reading.split(" "));
            } else if (Character.isLetter(cp)) {
                while (end < text.length() && Character.isLetter(text.codePointAt(end)) && !isHan(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                parts.addAll(latin(text.substring(i, end)));
            } else if (Character.isDigit(cp)) {
                while (end < text.length() && Character.isDigit(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                parts.add(text.substring(i, end));
            }
            i = end;
        }
        Collections.sort(parts);
        return String.join("", parts);
    }

    /**
     * Whether the code point is a Chinese character (CJK unified ideographs, extensions A to H, compatibility
     * ideographs); the SQL function {@code guanxi_has_han} uses the same ranges.
     */
    public static boolean isHan(int cp) {
        return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x20000 && cp <= 0x323AF);
    }

    /** A Latin word as pinyin syllables when it consists of them, else the word itself; lower case, no accents. */
    private static List<String> latin(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('ü', 'v').replace('ǖ', 'v').replace('ǘ', 'v')
                .replace('ǚ', 'v').replace('ǜ', 'v');
        w = Normalizer.normalize(w, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (U_SPELLINGS.containsKey(w)) {
            return List.of(U_SPELLINGS.get(w));
        }
        List<String> syllables = new ArrayList<>();
        if (w.length() <= LONGEST_SPLIT_WORD && split(w, 0, syllables, new boolean[w.length()])) {
            return syllables;
        }
        return List.of(w);
    }

    /** Splits the rest of the word from {@code at} into syllables, longest first, backtracking (dead ends remembered). */
    private static boolean split(String w, int at, List<String> out, boolean[] deadEnd) {
        if (at == w.length()) {
            return true;
        }
        if (deadEnd[at]) {
            return false;
        }
        for (int end = Math.min(w.length(), at + LONGEST_SYLLABLE); end > at; end--) {
            String s = w.substring(at, end);
            if (Readings.TABLE.syllables.contains(s)) {
                out.add(s);
                if (split(w, end, out, deadEnd)) {
                    return true;
                }
                out.remove(out.size() - 1);
            }
        }
        deadEnd[at] = true;
        return false;
    }

    /** The first (most common) reading of every Chinese character pinyin4j knows, read once. */
    private static final class Readings {
        static final Readings TABLE = new Readings();

        private final Map<Integer, String> readings = new HashMap<>(32_768);
        private final Set<String> syllables = new HashSet<>();

        private Readings() {
            HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
            format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
            format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
            format.setVCharType(HanyuPinyinVCharType.WITH_V);
            for (char c = 0x3400; c <= 0xFAFF; c++) {
                if (!isHan(c)) {
                    continue;
                }
                try {
                    String[] all = PinyinHelper.toHanyuPinyinStringArray(c, format);
                    if (all != null && all.length > 0 && all[0].matches("[a-z]+")) {
                        readings.put((int) c, all[0]);
                        for (String r : all) {
                            // syllables without a vowel (嗯 ng, 呣 m) would split too many foreign words
                            if (r.matches("[a-z]*[aeiouv][a-z]*")) {
                                syllables.add(r);
                            }
                        }
                    }
                } catch (BadHanyuPinyinOutputFormatCombination e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        String reading(int cp) {
            return readings.get(cp);
        }
    }
}
