-- Emails and handles are compared as lower-case everywhere; the schemas lower-case them before
-- storing, and the database refuses anything else so a mixed-case twin can never sneak in.
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower" CHECK ("email" = lower("email"));
ALTER TABLE "users" ADD CONSTRAINT "users_handle_lower" CHECK ("handle" = lower("handle"));
