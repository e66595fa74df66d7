-- The last SMTP error met while sending an edition and when, for the admin page, the API and
-- /health (until now only each delivery row kept its own error, and nobody looked there).
ALTER TABLE edition ADD COLUMN last_smtp_error VARCHAR(1000);
ALTER TABLE edition ADD COLUMN last_smtp_error_at TIMESTAMP WITH TIME ZONE;
