CREATE TABLE "connect_budget" (
	"scope" text NOT NULL,
	"operation" text NOT NULL,
	"next_free_at" timestamp (6) with time zone NOT NULL,
	"interval_ms" double precision NOT NULL,
	CONSTRAINT "connect_budget_scope_operation_pk" PRIMARY KEY("scope","operation")
);
