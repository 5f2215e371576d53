CREATE TABLE "task_series" (
	"id" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"materialised_until" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_email" text,
	"created_by_role" text NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
