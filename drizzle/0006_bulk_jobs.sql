CREATE TABLE "bulk_job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" text NOT NULL,
	"file_name" text NOT NULL,
	"file_digest" text NOT NULL,
	"time_zone" text NOT NULL,
	"header" jsonb NOT NULL,
	"creator_id" text NOT NULL,
	"creator_email" text,
	"creator_role" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"total_rows" integer NOT NULL,
	"ready_rows" integer NOT NULL,
	"runner" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bulk_row" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"values" jsonb,
	"client_token" text,
	"state" text NOT NULL,
	"contact_id" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"audit_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_row_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "bulk_row" ADD CONSTRAINT "bulk_row_job_id_bulk_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_job"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_job_file_idx" ON "bulk_job" USING btree ("creator_id","instance_id","file_digest");--> statement-breakpoint
CREATE INDEX "bulk_job_created_idx" ON "bulk_job" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_row_state_idx" ON "bulk_row" USING btree ("job_id","state","row_number");