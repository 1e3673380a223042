-- Where a user wants reminders and alerts e-mailed (used only when mail is configured: spring.mail.host).
CREATE TABLE notification_settings (
    user_id bigint PRIMARY KEY,
    email   varchar(254) NOT NULL
);
