package dev.guanxi.crm.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pinyin key of names: Chinese names, their Latin spellings in any order and case, surnames, homophones. */
class PinyinNameKeyTest {

    @Test
    void aChineseNameAndItsLatinSpellingsShareTheKey() {
        assertThat(PinyinNameKey.of("张伟")).isEqualTo("weizhang");
        for (String latin : new String[]{"Zhang Wei", "Wei Zhang", "ZHANG  wei", "zhang-wei", "WEI, Zhang", "Zhangwei",
                "Zhāng Wěi", " Zhang\tWei "}) {
            assertThat(PinyinNameKey.of(latin)).as(latin).isEqualTo("weizhang");
        }
        assertThat(PinyinNameKey.of("欧阳修")).isEqualTo(PinyinNameKey.of("Ouyang Xiu")).isEqualTo("ouxiuyang");
        assertThat(PinyinNameKey.of("王小明")).isEqualTo(PinyinNameKey.of("Xiaoming Wang"));
        assertThat(PinyinNameKey.of("张伟")).isNotEqualTo(PinyinNameKey.of("Zhang Wen"));
    }

    @Test
    void homophonesAndTraditionalCharactersShareTheKey() {
        assertThat(PinyinNameKey.of("章伟")).isEqualTo(PinyinNameKey.of("张伟"));
        assertThat(PinyinNameKey.of("張偉")).isEqualTo(PinyinNameKey.of("张伟"));
        assertThat(PinyinNameKey.of("张薇")).isEqualTo(PinyinNameKey.of("张伟"));
        assertThat(PinyinNameKey.of("张丽")).isNotEqualTo(PinyinNameKey.of("张伟"));
    }

    @Test
    void aLeadingSurnameIsReadAsASurname() {
        assertThat(PinyinNameKey.of("单伟")).isEqualTo(PinyinNameKey.of("Shan Wei")).isEqualTo("shanwei");
        assertThat(PinyinNameKey.of("曾小明")).isEqualTo(PinyinNameKey.of("Zeng Xiaoming"));
        assertThat(PinyinNameKey.of("区家明")).isEqualTo(PinyinNameKey.of("Ou Jiaming"));
        assertThat(PinyinNameKey.of("仇军")).isEqualTo(PinyinNameKey.of("Qiu Jun"));
        assertThat(PinyinNameKey.of("解放")).isEqualTo(PinyinNameKey.of("Xie Fang"));
        assertThat(PinyinNameKey.of("朴明")).isEqualTo(PinyinNameKey.of("Piao Ming"));
        assertThat(PinyinNameKey.of("尉迟恭")).isEqualTo(PinyinNameKey.of("Yuchi Gong"));
        assertThat(PinyinNameKey.of("长孙无忌")).isEqualTo(PinyinNameKey.of("Zhangsun Wuji"));
        assertThat(PinyinNameKey.of("长江")).isEqualTo(PinyinNameKey.of("Chang Jiang"));
        // the same characters elsewhere in a name keep their common reading
        assertThat(PinyinNameKey.of("王单")).isEqualTo(PinyinNameKey.of("Wang Dan"));
        assertThat(PinyinNameKey.of("单伟")).isNotEqualTo(PinyinNameKey.of("Dan Wei"));
    }

    @Test
    void uUmlautIsWrittenV() {
        assertThat(PinyinNameKey.of("吕明")).isEqualTo("lvming")
                .isEqualTo(PinyinNameKey.of("Lyu Ming")).isEqualTo(PinyinNameKey.of("Lü Ming"))
                .isEqualTo(PinyinNameKey.of("LV Ming"));
        assertThat(PinyinNameKey.of("吕明")).isNotEqualTo(PinyinNameKey.of("卢明"));
    }

    @Test
    void otherWordsDigitsAndUnreadableNames() {
        assertThat(PinyinNameKey.of("Katherine Johnson")).isEqualTo("johnsonkatherine");
        assertThat(PinyinNameKey.of("客户1")).isNotEqualTo(PinyinNameKey.of("客户2"));
        assertThat(PinyinNameKey.of("王伟 2")).isEqualTo("2wangwei");
        assertThat(PinyinNameKey.of("𠮷野家")).as("a character without a known reading").isEmpty();
        assertThat(PinyinNameKey.of("--- ")).isEmpty();
        assertThat(PinyinNameKey.of("")).isEmpty();
        assertThat(PinyinNameKey.of(null)).isNull();
    }

    @Test
    void hanCharactersAreRecognisedAcrossTheBlocks() {
        assertThat("张㐀豈𠮷".codePoints().allMatch(PinyinNameKey::isHan)).isTrue();
        assertThat("Zé,·。ー가あ1".codePoints().noneMatch(PinyinNameKey::isHan)).isTrue();
    }
}
