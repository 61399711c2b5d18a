CREATE TYPE "public"."physical_demand" AS ENUM('light', 'normal', 'heavy');--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "physical_demand" "physical_demand" DEFAULT 'normal' NOT NULL;