ALTER TYPE "public"."application_reason" ADD VALUE 'not_started';--> statement-breakpoint
ALTER TYPE "public"."application_reason" ADD VALUE 'person_denies';--> statement-breakpoint
ALTER TYPE "public"."application_reason" ADD VALUE 'no_proof';--> statement-breakpoint
ALTER TYPE "public"."application_reason" ADD VALUE 'duplicate';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'hire_rejected';--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "rejected_by" uuid;--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "rejected_role" text;--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "rejection_reason" "application_reason";--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "rejection_note" text;--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "still_working_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "employments_running_start_idx" ON "employments" USING btree ("start_date","id","labourer_id") WHERE "employments"."confirmed_at" is not null and "employments"."end_date" is null;