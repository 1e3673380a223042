package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The editable fields of a customer, as entered in the form or sent to the API. */
public record CustomerData(
        @NotNull(message = "{validation.required}") CustomerKind kind,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @NotNull(message = "{validation.required}") CustomerType customerType,
        ValueTier valueTier,
        LoyaltyStatus loyaltyStatus,
        Settlement settlement,
        CreditTerms creditTerms,
        @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal creditLimit,
        LifecycleStage lifecycleStage,
        RelationshipLevel relationshipLevel,
        @Size(max = 100, message = "{validation.size.max}") String industry,
        @Size(max = 100, message = "{validation.size.max}") String occupation,
        @Past(message = "{validation.past}") LocalDate birthDate,
        Gender gender,
        @Size(max = 50, message = "{validation.size.max}") String province,
        @Size(max = 50, message = "{validation.size.max}") String city,
        @Size(max = 50, message = "{validation.size.max}") String district,
        @Size(max = 300, message = "{validation.size.max}") String address,
        @Size(max = 50, message = "{validation.size.max}") String source,
        @Size(max = 20, message = "{validation.tags}") List<@Size(max = 40, message = "{validation.size.max}") String> tags,
        @Pattern(regexp = "^$|^[+0-9 ()\\-]{5,30}$", message = "{validation.phone}") String phone,
        @Email(message = "{validation.email}") @Size(max = 200, message = "{validation.size.max}") String email,
        @Pattern(regexp = "^$|^[0-9A-Za-z\\-]{4,30}$", message = "{validation.id-number}") String idNumber,
        @Size(max = 4000, message = "{validation.size.max}") String notes,
        @Size(max = 50, message = "{validation.custom-fields}") Map<String, Object> customFields,
        Long ownerId) {

    /** Blank strings become null, lists and maps are never null, settlement defaults to cash. */
    public CustomerData normalized() {
        return new CustomerData(kind, trim(name), customerType, valueTier, loyaltyStatus,
                settlement == null ? Settlement.CASH : settlement, creditTerms, creditLimit, lifecycleStage,
                relationshipLevel, trim(industry), trim(occupation), birthDate, gender, trim(province), trim(city),
                trim(district), trim(address), trim(source),
                tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList(),
                trim(phone), email == null || email.isBlank() ? null : email.strip().toLowerCase(), trim(idNumber),
                trim(notes), customFields == null ? Map.of() : customFields, ownerId);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
