package dev.guanxi.crm.sales;

public enum PaymentMethod {
    CASH, BANK_TRANSFER, ALIPAY, WECHAT_PAY, CARD, CHEQUE, OTHER
}
