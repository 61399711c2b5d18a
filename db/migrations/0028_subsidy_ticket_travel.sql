CREATE TYPE "public"."subsidy_ticket_leg" AS ENUM('outbound', 'return');--> statement-breakpoint
ALTER TABLE "subsidy_proofs" ADD COLUMN "travel_date" date;--> statement-breakpoint
ALTER TABLE "subsidy_proofs" ADD COLUMN "leg" "subsidy_ticket_leg";