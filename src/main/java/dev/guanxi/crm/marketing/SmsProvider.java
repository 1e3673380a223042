package dev.guanxi.crm.marketing;

/**
 * Sends one text message. Declare a bean implementing it to use a real SMS gateway; without one, messages are
 * written to the log (dev.guanxi.crm.marketing.sms). Throwing marks that recipient FAILED; it is not retried.
 */
public interface SmsProvider {

    /**
     * @param phone the customer's phone number as stored
     * @param text  the rendered message
     */
    void send(String phone, String text);
}
