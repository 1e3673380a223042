package dev.guanxi.crm.customer.web;

import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.customer.internal.CustomerData;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the customer form binds: tags as comma-separated text, custom fields as "key=value" lines. */
public class CustomerForm {

    private CustomerKind kind = CustomerKind.PERSON;
    private String name;
    private CustomerType customerType = CustomerType.CONSUMER;
    private ValueTier valueTier;
    private LoyaltyStatus loyaltyStatus;
    private Settlement settlement = Settlement.CASH;
    private CreditTerms creditTerms;
    private BigDecimal creditLimit;
    private LifecycleStage lifecycleStage;
    private RelationshipLevel relationshipLevel;
    private String industry;
    private String occupation;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthDate;
    private Gender gender;
    private String province;
    private String city;
    private String district;
    private String address;
    private String source;
    private String tags;
    private String phone;
    private String email;
    private String idNumber;
    private String notes;
    private String customFields;
    private Long ownerId;
    private int version;

    static CustomerForm of(CustomerData d, int version) {
        CustomerForm f = new CustomerForm();
        f.kind = d.kind();
        f.name = d.name();
        f.customerType = d.customerType();
        f.valueTier = d.valueTier();
        f.loyaltyStatus = d.loyaltyStatus();
        f.settlement = d.settlement();
        f.creditTerms = d.creditTerms();
        f.creditLimit = d.creditLimit();
        f.lifecycleStage = d.lifecycleStage();
        f.relationshipLevel = d.relationshipLevel();
        f.industry = d.industry();
        f.occupation = d.occupation();
        f.birthDate = d.birthDate();
        f.gender = d.gender();
        f.province = d.province();
        f.city = d.city();
        f.district = d.district();
        f.address = d.address();
        f.source = d.source();
        f.tags = String.join(", ", d.tags());
        f.phone = d.phone();
        f.email = d.email();
        f.idNumber = d.idNumber();
        f.notes = d.notes();
        f.customFields = d.customFields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        f.ownerId = d.ownerId();
        f.version = version;
        return f;
    }

    CustomerData toData() {
        List<String> tagList = tags == null ? List.of()
                : Arrays.stream(tags.split("[,，;；]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        Map<String, Object> custom = new LinkedHashMap<>();
        if (customFields != null) {
            for (String line : customFields.split("\\R")) {
                int eq = line.indexOf('=');
                if (line.isBlank()) {
                    continue;
                }
                String key = eq < 0 ? line.strip() : line.substring(0, eq).strip();
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                custom.put(key, value);
            }
        }
        return new CustomerData(kind, name, customerType, valueTier, loyaltyStatus, settlement, creditTerms,
                creditLimit, lifecycleStage, relationshipLevel, industry, occupation, birthDate, gender, province, city,
                district, address, source, tagList, phone, email, idNumber, notes, custom, ownerId);
    }

    public CustomerKind getKind() { return kind; }
    public void setKind(CustomerKind kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public CustomerType getCustomerType() { return customerType; }
    public void setCustomerType(CustomerType customerType) { this.customerType = customerType; }
    public ValueTier getValueTier() { return valueTier; }
    public void setValueTier(ValueTier valueTier) { this.valueTier = valueTier; }
    public LoyaltyStatus getLoyaltyStatus() { return loyaltyStatus; }
    public void setLoyaltyStatus(LoyaltyStatus loyaltyStatus) { this.loyaltyStatus = loyaltyStatus; }
    public Settlement getSettlement() { return settlement; }
    public void setSettlement(Settlement settlement) { this.settlement = settlement; }
    public CreditTerms getCreditTerms() { return creditTerms; }
    public void setCreditTerms(CreditTerms creditTerms) { this.creditTerms = creditTerms; }
    public BigDecimal getCreditLimit() { return creditLimit; }
    public void setCreditLimit(BigDecimal creditLimit) { this.creditLimit = creditLimit; }
    public LifecycleStage getLifecycleStage() { return lifecycleStage; }
    public void setLifecycleStage(LifecycleStage lifecycleStage) { this.lifecycleStage = lifecycleStage; }
    public RelationshipLevel getRelationshipLevel() { return relationshipLevel; }
    public void setRelationshipLevel(RelationshipLevel relationshipLevel) { this.relationshipLevel = relationshipLevel; }
    public String getIndustry() { return industry; }
    public void setIndustry(String industry) { this.industry = industry; }
    public String getOccupation() { return occupation; }
    public void setOccupation(String occupation) { this.occupation = occupation; }
    public LocalDate getBirthDate() { return birthDate; }
    public void setBirthDate(LocalDate birthDate) { this.birthDate = birthDate; }
    public Gender getGender() { return gender; }
    public void setGender(Gender gender) { this.gender = gender; }
    public String getProvince() { return province; }
    public void setProvince(String province) { this.province = province; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getDistrict() { return district; }
    public void setDistrict(String district) { this.district = district; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public String getCustomFields() { return customFields; }
    public void setCustomFields(String customFields) { this.customFields = customFields; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
