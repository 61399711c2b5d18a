CREATE TYPE "public"."alert_resolution" AS ENUM('staff', 'round_complete', 'ineligible', 'employed', 'superseded');--> statement-breakpoint
ALTER TYPE "public"."round_trigger" ADD VALUE 'intention_changed';--> statement-breakpoint
DROP INDEX "recommendations_job_idx";--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD COLUMN "rounds" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD COLUMN "resolution" "alert_resolution";--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD COLUMN "resolution_note" text;--> statement-breakpoint
CREATE INDEX "recommendations_job_created_idx" ON "recommendations" USING btree ("job_id","created_at");--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express data changes): before one open alert per labourer is
-- enforced, keep each labourer's newest open alert and resolve the older ones as superseded.
UPDATE "shortage_alerts" AS a SET "status" = 'resolved', "resolution" = 'superseded', "resolved_at" = now(), "updated_at" = now()
WHERE a."status" = 'open' AND EXISTS (
  SELECT 1 FROM "shortage_alerts" AS b
  WHERE b."labourer_id" = a."labourer_id" AND b."status" = 'open'
    AND (b."created_at", b."id") > (a."created_at", a."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "shortage_alerts_open_labourer_uq" ON "shortage_alerts" USING btree ("labourer_id") WHERE "shortage_alerts"."status" = 'open';