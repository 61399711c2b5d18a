CREATE TYPE "public"."payment_item_result" AS ENUM('pending', 'paid', 'failed');--> statement-breakpoint
CREATE TYPE "public"."payment_batch_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."subsidy_claim_origin" AS ENUM('proposed', 'labourer', 'staff');--> statement-breakpoint
CREATE TYPE "public"."subsidy_claim_status" AS ENUM('proposed', 'submitted', 'checked', 'approved', 'rejected', 'returned', 'paid', 'payment_failed');--> statement-breakpoint
CREATE TYPE "public"."payee_account_type" AS ENUM('bank_card', 'social_security_card');--> statement-breakpoint
CREATE TYPE "public"."subsidy_rule_type" AS ENUM('transport_round_trip', 'stable_employment');--> statement-breakpoint
CREATE TABLE "payment_batch_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"result" "payment_item_result" DEFAULT 'pending' NOT NULL,
	"reference" text,
	"failure_reason" text,
	"result_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"status" "payment_batch_status" DEFAULT 'open' NOT NULL,
	"claim_count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"paid_count" integer DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_claim_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"from_status" "subsidy_claim_status",
	"to_status" "subsidy_claim_status" NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_year" smallint NOT NULL,
	"labourer_id" uuid NOT NULL,
	"employment_id" uuid NOT NULL,
	"village_code" varchar(12) NOT NULL,
	"destination_code" varchar(12) NOT NULL,
	"status" "subsidy_claim_status" NOT NULL,
	"origin" "subsidy_claim_origin" NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"proven_fen" integer,
	"cap_fen" integer,
	"amount_fen" integer,
	"check_passed" boolean,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone,
	"payee_account_type" "payee_account_type",
	"payee_account_enc" text,
	"payee_account_masked" varchar(40),
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_reason" text,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"payment_failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_claims_amount_nonneg" CHECK ("subsidy_claims"."amount_fen" is null or "subsidy_claims"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"policy_year" smallint NOT NULL,
	"version" integer NOT NULL,
	"eligible_person_types" text[] NOT NULL,
	"require_outside_guangxi" boolean DEFAULT true NOT NULL,
	"destination_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"caps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_cap_fen" integer NOT NULL,
	"min_days_in_work" integer DEFAULT 0 NOT NULL,
	"min_months_in_work" integer DEFAULT 0 NOT NULL,
	"min_tickets" integer DEFAULT 1 NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_policies_cap_nonneg" CHECK ("subsidy_policies"."default_cap_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(48) NOT NULL,
	"name" text NOT NULL,
	"rule_type" "subsidy_rule_type" NOT NULL,
	"auto_propose" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_proofs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"ticket_no" varchar(40) NOT NULL,
	"amount_fen" integer NOT NULL,
	"storage_key" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"uploaded_by" uuid,
	"uploaded_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_proofs_amount_pos" CHECK ("subsidy_proofs"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_batch_items" ADD CONSTRAINT "payment_batch_items_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batch_items" ADD CONSTRAINT "payment_batch_items_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claim_events" ADD CONSTRAINT "subsidy_claim_events_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_policy_id_subsidy_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_programme_id_subsidy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."subsidy_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_proofs" ADD CONSTRAINT "subsidy_proofs_claim_id_subsidy_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."subsidy_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batch_items_open_claim_uq" ON "payment_batch_items" USING btree ("claim_id") WHERE "payment_batch_items"."result" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batch_items_paid_claim_uq" ON "payment_batch_items" USING btree ("claim_id") WHERE "payment_batch_items"."result" = 'paid';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batch_items_seq_uq" ON "payment_batch_items" USING btree ("batch_id","seq");--> statement-breakpoint
CREATE INDEX "payment_batch_items_claim_idx" ON "payment_batch_items" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "payment_batches_region_idx" ON "payment_batches" USING btree ("region_code","created_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_claim_events_claim_idx" ON "subsidy_claim_events" USING btree ("claim_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claims_once_per_year_uq" ON "subsidy_claims" USING btree ("programme_id","labourer_id","policy_year") WHERE "subsidy_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claims_employment_uq" ON "subsidy_claims" USING btree ("programme_id","employment_id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_village_idx" ON "subsidy_claims" USING btree ("village_code","created_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_status_idx" ON "subsidy_claims" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "subsidy_claims_labourer_idx" ON "subsidy_claims" USING btree ("labourer_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_policies_version_uq" ON "subsidy_policies" USING btree ("programme_id","policy_year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_programmes_code_uq" ON "subsidy_programmes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_proofs_ticket_uq" ON "subsidy_proofs" USING btree ("claim_id","ticket_no");--> statement-breakpoint
CREATE INDEX "subsidy_proofs_claim_idx" ON "subsidy_proofs" USING btree ("claim_id","created_at","id");