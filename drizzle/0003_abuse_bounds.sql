ALTER TABLE "audit_event" ADD COLUMN "repeat_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "aggregate_key" text;--> statement-breakpoint
ALTER TABLE "sign_in_failure" ADD COLUMN "email" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_aggregate_key_idx" ON "audit_event" USING btree ("aggregate_key");--> statement-breakpoint
CREATE INDEX "sign_in_failure_email_idx" ON "sign_in_failure" USING btree ("email");--> statement-breakpoint
CREATE INDEX "sign_in_failure_window_idx" ON "sign_in_failure" USING btree ("window_started_at");--> statement-breakpoint
-- Account keys written before this column existed ("account:<email>") get their email back, so an administrator sees and clears them too.
UPDATE "sign_in_failure" SET "email" = substr("key", 9) WHERE "key" LIKE 'account:%';
