CREATE TYPE "public"."otp_purpose" AS ENUM('login', 'phone_change');--> statement-breakpoint
ALTER TABLE "otp_codes" ADD COLUMN "purpose" "otp_purpose" DEFAULT 'login' NOT NULL;--> statement-breakpoint
ALTER TABLE "otp_codes" ADD COLUMN "user_id" uuid;