CREATE TYPE "public"."employer_type" AS ENUM('enterprise', 'workshop', 'cooperative', 'individual', 'public_welfare');--> statement-breakpoint
CREATE TYPE "public"."employer_verification" AS ENUM('unverified', 'verified', 'suspended');--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" "employer_type" NOT NULL,
	"credit_code" varchar(18),
	"region_code" varchar(12) NOT NULL,
	"address" text,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text,
	"contact_phone_hash" text,
	"workshop_certificate_no" text,
	"workshop_certified_by" varchar(12),
	"verification_status" "employer_verification" DEFAULT 'unverified' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "employers_credit_code_uq" ON "employers" USING btree ("credit_code") WHERE "employers"."credit_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "employers_phone_no_code_uq" ON "employers" USING btree ("contact_phone_hash") WHERE "employers"."credit_code" is null;--> statement-breakpoint
CREATE INDEX "employers_region_idx" ON "employers" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "employers_status_idx" ON "employers" USING btree ("verification_status");