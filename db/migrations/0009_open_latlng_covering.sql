DROP INDEX "jobs_open_latlng_idx";--> statement-breakpoint
CREATE INDEX "jobs_open_latlng_idx" ON "jobs" USING btree ("lat","lng","channel","employer_id","expires_at") WHERE "jobs"."status" = 'open';