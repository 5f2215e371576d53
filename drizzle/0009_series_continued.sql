ALTER TABLE "task_series" ADD COLUMN "continued_as_id" text;--> statement-breakpoint
CREATE INDEX "task_series_continued_as_idx" ON "task_series" USING btree ("continued_as_id");