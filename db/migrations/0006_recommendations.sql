CREATE TYPE "public"."alert_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."decline_reason" AS ENUM('too_far', 'wage_too_low', 'family', 'unsuitable_work', 'other');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'delivered', 'fallback', 'failed', 'unknown', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."feedback_status" AS ENUM('none', 'viewed', 'applied', 'declined');--> statement-breakpoint
CREATE TYPE "public"."round_outcome" AS ENUM('complete', 'shortage', 'ineligible');--> statement-breakpoint
CREATE TYPE "public"."round_trigger" AS ENUM('training_passed', 'scheduled', 'rerun');--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(24) NOT NULL,
	"subject_key" text NOT NULL,
	"labourer_id" uuid,
	"user_id" uuid,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"provider" varchar(24),
	"provider_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"content" jsonb NOT NULL,
	"sending_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"labourer_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"trigger" "round_trigger" NOT NULL,
	"outcome" "round_outcome" NOT NULL,
	"steps_tried" text[] DEFAULT '{}'::text[] NOT NULL,
	"step_used" text,
	"picked" smallint NOT NULL,
	"ineligible_reason" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"labourer_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"rank" smallint NOT NULL,
	"score" real NOT NULL,
	"score_parts" jsonb NOT NULL,
	"reason" text NOT NULL,
	"distance_km" real,
	"step" text NOT NULL,
	"feedback" "feedback_status" DEFAULT 'none' NOT NULL,
	"decline_reason" "decline_reason",
	"feedback_note" text,
	"feedback_at" timestamp with time zone,
	"feedback_by" uuid,
	"delivery_status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shortage_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"labourer_id" uuid NOT NULL,
	"county_code" varchar(12) NOT NULL,
	"found" smallint NOT NULL,
	"missing" smallint NOT NULL,
	"occupations" text[] DEFAULT '{}'::text[] NOT NULL,
	"places" text[] DEFAULT '{}'::text[] NOT NULL,
	"steps_tried" text[] DEFAULT '{}'::text[] NOT NULL,
	"held_back_by_spread" smallint DEFAULT 0 NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "recommendation_rounds" ADD CONSTRAINT "recommendation_rounds_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_rounds" ADD CONSTRAINT "recommendation_rounds_enrolment_id_training_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_round_id_recommendation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recommendation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD CONSTRAINT "shortage_alerts_round_id_recommendation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recommendation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortage_alerts" ADD CONSTRAINT "shortage_alerts_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_subject_uq" ON "notifications" USING btree ("kind","subject_key");--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_rounds_key_uq" ON "recommendation_rounds" USING btree ("enrolment_id","round");--> statement-breakpoint
CREATE INDEX "recommendation_rounds_labourer_idx" ON "recommendation_rounds" USING btree ("labourer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_round_job_uq" ON "recommendations" USING btree ("round_id","job_id");--> statement-breakpoint
CREATE INDEX "recommendations_labourer_idx" ON "recommendations" USING btree ("labourer_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_job_idx" ON "recommendations" USING btree ("job_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "shortage_alerts_round_uq" ON "shortage_alerts" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "shortage_alerts_county_idx" ON "shortage_alerts" USING btree ("county_code" text_pattern_ops,"status");