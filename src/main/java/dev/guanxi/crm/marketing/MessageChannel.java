package dev.guanxi.crm.marketing;

/** Channels a message goes out on; each has its own opt-out. Labels: message.channel.* in i18n/marketing. */
public enum MessageChannel {
    EMAIL, SMS
}
