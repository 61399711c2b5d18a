CREATE TYPE "public"."evidence_kind" AS ENUM('contract_photo', 'employer_confirmation', 'other');--> statement-breakpoint
DROP INDEX "employment_evidence_employment_idx";--> statement-breakpoint
ALTER TABLE "employment_evidence" ADD COLUMN "kind" "evidence_kind" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "employment_evidence" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "employment_evidence" ADD COLUMN "uploaded_role" text DEFAULT 'system' NOT NULL;--> statement-breakpoint
CREATE INDEX "employment_evidence_employment_idx" ON "employment_evidence" USING btree ("employment_id","created_at","id");