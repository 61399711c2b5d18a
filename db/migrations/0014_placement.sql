CREATE TYPE "public"."application_reason" AS ENUM('not_qualified', 'age_mismatch', 'position_filled', 'unreachable', 'found_other_job', 'too_far', 'wage_too_low', 'family', 'changed_mind', 'other');--> statement-breakpoint
CREATE TYPE "public"."application_source" AS ENUM('search', 'detail', 'recommendation');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('submitted', 'viewed', 'accepted', 'rejected', 'withdrawn', 'hired', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('phone', 'in_person');--> statement-breakpoint
CREATE TYPE "public"."employment_end_reason" AS ENUM('contract_ended', 'quit', 'dismissed', 'health', 'family', 'other');--> statement-breakpoint
CREATE TYPE "public"."employment_source" AS ENUM('application', 'self_found', 'own_business', 'dispatch', 'other');--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status" NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"reason" "application_reason",
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"labourer_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"source" "application_source" NOT NULL,
	"recommendation_id" uuid,
	"status" "application_status" DEFAULT 'submitted' NOT NULL,
	"applied_by" uuid,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"consent_method" "consent_method",
	"consent_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employment_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employment_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"labourer_id" uuid NOT NULL,
	"source" "employment_source" NOT NULL,
	"application_id" uuid,
	"job_id" uuid,
	"employer_id" uuid,
	"employer_name" text NOT NULL,
	"channel" "job_channel",
	"region_code" varchar(12) NOT NULL,
	"outside_guangxi" boolean NOT NULL,
	"start_date" date NOT NULL,
	"wage_fen" integer,
	"wage_unit" "wage_unit",
	"note" text,
	"recorded_by" uuid,
	"recorded_role" text NOT NULL,
	"confirmed_by" uuid,
	"confirmed_role" text,
	"confirmed_at" timestamp with time zone,
	"confirmation_note" text,
	"end_date" date,
	"end_reason" "employment_end_reason",
	"end_note" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_evidence" ADD CONSTRAINT "employment_evidence_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_active_uq" ON "applications" USING btree ("labourer_id","job_id") WHERE "applications"."status" in ('submitted', 'viewed', 'accepted', 'hired');--> statement-breakpoint
CREATE INDEX "applications_job_idx" ON "applications" USING btree ("job_id","created_at","id");--> statement-breakpoint
CREATE INDEX "applications_labourer_idx" ON "applications" USING btree ("labourer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "employment_evidence_employment_idx" ON "employment_evidence" USING btree ("employment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employments_application_uq" ON "employments" USING btree ("application_id") WHERE "employments"."application_id" is not null;--> statement-breakpoint
CREATE INDEX "employments_labourer_idx" ON "employments" USING btree ("labourer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "employments_job_idx" ON "employments" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "employments_employer_idx" ON "employments" USING btree ("employer_id","created_at","id");