-- Member days send each past buyer their personal coupon code with this message template (e-mail or SMS).
ALTER TABLE campaigns ADD COLUMN message_template_id BIGINT REFERENCES message_templates (id);
