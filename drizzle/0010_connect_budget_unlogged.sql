-- The budget's rows are pacing state only: after a PostgreSQL crash an unlogged table comes back
-- empty, and a missing bucket is created again, full (lib/server/connect/rate-budget.ts). Unlogged,
-- a take writes no WAL, so its commit does not wait for a WAL flush: every Connect call takes one.
ALTER TABLE "connect_budget" SET UNLOGGED;
