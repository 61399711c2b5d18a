ALTER TYPE "public"."job_channel" ADD VALUE 'enterprise';--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "co_built_park" boolean DEFAULT false NOT NULL;