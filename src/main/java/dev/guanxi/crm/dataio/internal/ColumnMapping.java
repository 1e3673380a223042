package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.common.ImportTarget;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Suggests which field of the imported entity each column of a file holds, from English or Chinese titles. */
@Component
public class ColumnMapping {

    private static final List<String> PHONE = List.of("phone", "mobile", "tel", "telephone", "phone number",
            "mobile phone", "cell", "手机", "电话", "手机号", "手机号码", "联系电话", "电话号码", "联系方式");
    private static final List<String> EMAIL = List.of("email", "e-mail", "mail", "email address", "邮箱", "电子邮件",
            "电子邮箱", "邮件");
    private static final List<String> NOTES = List.of("notes", "note", "remark", "remarks", "comment", "comments",
            "备注", "说明");
    /** How rows of contacts, orders and payments name their customer. */
    private static final Map<String, List<String>> CUSTOMER_REFERENCE = Map.of(
            "customerExternalId", List.of("customer external id", "customer code", "customer no", "customer number",
                    "客户编号", "客户代码", "客户外部编号", "客户外部id"),
            "customerId", List.of("customer id", "customerid", "客户id", "客户标识"),
            "customerPhone", List.of("customer phone", "customer mobile", "客户电话", "客户手机", "客户手机号",
                    "客户联系电话"));

    private static final List<String> ORDER_NUMBER = List.of("order number", "order no", "order", "order id",
            "订单号", "订单编号", "单号");

    /** Usual column titles per entity and field, besides the field labels of the UI in both languages. */
    private static final Map<ImportEntity, Map<String, List<String>>> SYNONYMS = Map.of(
            ImportEntity.CUSTOMER, Map.ofEntries(
            Map.entry("name", List.of("name", "full name", "customer", "customer name", "company", "company name",
                    "姓名", "名称", "客户名称", "客户名", "客户姓名", "公司", "公司名称", "企业名称", "单位名称")),
            Map.entry("kind", List.of("kind", "形态", "客户形态", "性质")),
            Map.entry("customerType", List.of("type", "customer type", "类型", "客户类型", "客户类别")),
            Map.entry("valueTier", List.of("tier", "value tier", "level", "等级", "客户等级", "价值等级")),
            Map.entry("loyaltyStatus", List.of("loyalty", "loyalty status", "忠诚度", "忠诚状态")),
            Map.entry("settlement", List.of("settlement", "payment", "结算方式", "结算", "付款方式")),
            Map.entry("creditTerms", List.of("credit terms", "terms", "账期", "信用期")),
            Map.entry("creditLimit", List.of("credit limit", "信用额度", "授信额度", "额度")),
            Map.entry("lifecycleStage", List.of("lifecycle", "lifecycle stage", "stage", "生命周期", "阶段")),
            Map.entry("relationshipLevel", List.of("relationship", "relationship level", "关系等级", "关系类型")),
            Map.entry("industry", List.of("industry", "sector", "行业", "所属行业")),
            Map.entry("occupation", List.of("occupation", "job", "job title", "职业", "职务")),
            Map.entry("birthDate", List.of("birthday", "birth date", "date of birth", "dob", "生日", "出生日期")),
            Map.entry("gender", List.of("gender", "sex", "性别")),
            Map.entry("province", List.of("province", "state", "省", "省份", "所在省份")),
            Map.entry("city", List.of("city", "城市", "市", "所在城市")),
            Map.entry("district", List.of("district", "county", "区", "区县", "县区")),
            Map.entry("address", List.of("address", "street", "地址", "详细地址", "联系地址")),
            Map.entry("source", List.of("source", "channel", "lead source", "来源", "客户来源", "渠道")),
            Map.entry("tags", List.of("tags", "tag", "labels", "标签")),
            Map.entry("phone", PHONE),
            Map.entry("email", EMAIL),
            Map.entry("idNumber", List.of("id number", "id card", "身份证", "身份证号", "身份证号码", "证件号",
                    "证件号码")),
            Map.entry("notes", NOTES),
            Map.entry("externalId", List.of("external id", "externalid", "ext id", "external key", "外部编号",
                    "外部id", "客户编号", "客户代码"))),
            ImportEntity.CONTACT, with(CUSTOMER_REFERENCE, Map.of(
                    "name", List.of("name", "contact", "contact name", "contact person", "姓名", "联系人",
                            "联系人姓名", "联系人名称"),
                    "title", List.of("title", "job title", "position", "职务", "职位", "头衔"),
                    "role", List.of("role", "contact role", "角色", "身份"),
                    "phone", PHONE,
                    "email", EMAIL,
                    "primary", List.of("primary", "primary contact", "main contact", "主联系人", "首要联系人",
                            "是否主联系人"),
                    "notes", NOTES)),
            ImportEntity.PRODUCT, Map.of(
                    "sku", List.of("sku", "code", "product code", "item code", "item no", "article number", "编码",
                            "产品编码", "商品编码", "货号", "物料编码", "产品代码", "商品代码"),
                    "name", List.of("name", "product", "product name", "item", "item name", "名称", "产品",
                            "产品名称", "商品", "商品名称", "品名"),
                    "category", List.of("category", "product category", "group", "类别", "分类", "产品类别",
                            "商品分类", "产品分类"),
                    "unit", List.of("unit", "uom", "unit of measure", "单位", "计量单位"),
                    "listPrice", List.of("price", "list price", "unit price", "价格", "单价", "售价", "标价", "定价",
                            "零售价"),
                    "active", List.of("active", "enabled", "on sale", "启用", "是否启用", "在售", "是否在售")),
            ImportEntity.LEAD, Map.of(
                    "name", List.of("name", "lead", "lead name", "contact", "contact name", "full name", "姓名",
                            "联系人", "线索", "线索名称", "潜在客户", "客户姓名"),
                    "company", List.of("company", "company name", "organization", "account", "公司", "公司名称",
                            "单位", "单位名称", "企业名称"),
                    "title", List.of("title", "job title", "position", "职务", "职位", "头衔"),
                    "phone", PHONE,
                    "email", EMAIL,
                    "source", List.of("source", "lead source", "channel", "来源", "线索来源", "客户来源", "渠道"),
                    "notes", NOTES),
            ImportEntity.ORDER, with(CUSTOMER_REFERENCE, Map.ofEntries(
                    Map.entry("orderNumber", ORDER_NUMBER),
                    Map.entry("orderDate", List.of("order date", "date", "订单日期", "下单日期", "日期", "下单时间")),
                    Map.entry("status", List.of("status", "order status", "状态", "订单状态")),
                    Map.entry("dueDate", List.of("due date", "payment due", "到期日", "应收日期", "付款期限")),
                    Map.entry("notes", NOTES),
                    Map.entry("sku", List.of("sku", "product code", "item code", "产品编码", "商品编码", "货号",
                            "物料编码")),
                    Map.entry("quantity", List.of("quantity", "qty", "amount of items", "数量", "订购数量")),
                    Map.entry("unitPrice", List.of("unit price", "price", "单价", "价格", "成交价")),
                    Map.entry("discountPct", List.of("discount", "discount %", "折扣", "折扣率", "折扣%")),
                    Map.entry("taxPct", List.of("tax", "tax %", "vat", "税率", "税率%")))),
            ImportEntity.PAYMENT, Map.of(
                    "orderNumber", ORDER_NUMBER,
                    "amount", List.of("amount", "payment", "paid", "金额", "回款金额", "收款金额", "付款金额"),
                    "receivedOn", List.of("date", "received on", "payment date", "回款日期", "收款日期", "到账日期",
                            "日期"),
                    "method", List.of("method", "payment method", "回款方式", "收款方式", "付款方式", "支付方式"),
                    "reference", List.of("reference", "receipt", "transaction no", "回款单号", "收款单号",
                            "流水号", "交易号", "凭证号")));

    private final Map<ImportEntity, Map<String, String>> byTitle = new EnumMap<>(ImportEntity.class);

    ColumnMapping(MessageSource messages, List<ImportTarget> targets) {
        for (ImportEntity entity : ImportEntity.values()) {
            Map<String, String> titles = new HashMap<>();
            SYNONYMS.getOrDefault(entity, Map.of()).forEach((field, list) -> list.forEach(t ->
                    titles.put(normalize(t), field)));
            targets.stream().filter(entity.target()::isInstance).findFirst().ifPresent(target -> {
                for (String field : target.fields()) {
                    titles.putIfAbsent(normalize(field), field);
                    for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                        for (String key : List.of("imports.field." + field, "field." + field)) {
                            try {
                                titles.putIfAbsent(normalize(messages.getMessage(key, null, locale)), field);
                            } catch (NoSuchMessageException e) {
                                // no label for this field
                            }
                        }
                    }
                }
            });
            byTitle.put(entity, titles);
        }
    }

    private static Map<String, List<String>> with(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> both = new HashMap<>(a);
        both.putAll(b);
        return both;
    }

    /** Per column the suggested field of the entity, or null; each field is suggested for one column at most. */
    public List<String> suggest(ImportEntity entity, List<String> header) {
        Map<String, String> byTitle = this.byTitle.get(entity);
        List<String> fields = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String title : header) {
            String field = title == null ? null : byTitle.get(normalize(title));
            if (field == null && title != null) {
                field = partial(byTitle, normalize(title));
            }
            fields.add(field != null && taken.add(field) ? field : null);
        }
        return fields;
    }

    /** A Chinese title that contains a known title ("客户手机" holds "手机"), longest known title first. */
    private static String partial(Map<String, String> byTitle, String title) {
        if (!title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return null;
        }
        String best = null;
        int length = 1;
        for (Map.Entry<String, String> e : byTitle.entrySet()) {
            if (e.getKey().length() > length && title.contains(e.getKey())) {
                best = e.getValue();
                length = e.getKey().length();
            }
        }
        return best;
    }

    /** Lower case without spaces, punctuation, brackets and their content (units such as "(CNY)"). */
    static String normalize(String title) {
        return title.strip().toLowerCase(Locale.ROOT).replaceAll("[(（\\[【].*?[)）\\]】]", "")
                .replaceAll("[\\s_\\-.:：*＊/]", "");
    }
}
