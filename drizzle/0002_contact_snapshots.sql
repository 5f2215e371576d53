CREATE TABLE "contact_snapshot" (
	"contact_id" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"status" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"contact" jsonb NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "contact_snapshot_status_idx" ON "contact_snapshot" USING btree ("status","scheduled_at");