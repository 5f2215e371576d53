CREATE TABLE "held_task" (
	"id" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"client_token" text NOT NULL,
	"state" text DEFAULT 'held' NOT NULL,
	"contact_id" text,
	"failure_code" text,
	"failure_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"created_by_id" text NOT NULL,
	"created_by_email" text,
	"created_by_role" text NOT NULL,
	"series_id" text,
	"occurrence_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "held_task_token_idx" ON "held_task" USING btree ("instance_id","client_token");--> statement-breakpoint
CREATE INDEX "held_task_due_idx" ON "held_task" USING btree ("state","scheduled_at");--> statement-breakpoint
CREATE INDEX "held_task_series_idx" ON "held_task" USING btree ("series_id","occurrence_at");