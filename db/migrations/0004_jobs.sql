CREATE TYPE "public"."job_channel" AS ENUM('odd_job', 'workshop', 'gd_gx', 'public_welfare');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('draft', 'open', 'filled', 'closed', 'expired');--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"channel" "job_channel" NOT NULL,
	"status" "job_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"occupation" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"certificates" text[] DEFAULT '{}'::text[] NOT NULL,
	"headcount" integer NOT NULL,
	"wage_min_fen" integer NOT NULL,
	"wage_max_fen" integer NOT NULL,
	"wage_unit" "wage_unit" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"place_name" text NOT NULL,
	"employer_region_code" varchar(12) NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"age_min" smallint NOT NULL,
	"age_max" smallint NOT NULL,
	"benefits" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"contact_phone_masked" varchar(11) NOT NULL,
	"meeting_point" text,
	"work_start_on" date,
	"work_end_on" date,
	"departure_region_code" varchar(12),
	"point_to_point" boolean DEFAULT false NOT NULL,
	"board_and_lodging" boolean DEFAULT false NOT NULL,
	"transport_subsidy_eligible" boolean DEFAULT false NOT NULL,
	"posted_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"closed_by" uuid,
	"filled_at" timestamp with time zone,
	"created_by" uuid,
	"posted_on_behalf" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"indexed_version" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_employer_idx" ON "jobs" USING btree ("employer_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_region_prefix_idx" ON "jobs" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "jobs_employer_region_prefix_idx" ON "jobs" USING btree ("employer_region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "jobs_open_posted_idx" ON "jobs" USING btree ("posted_at" DESC NULLS LAST) WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobs_open_wage_idx" ON "jobs" USING btree ("wage_max_fen" DESC NULLS LAST) WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobs_open_latlng_idx" ON "jobs" USING btree ("lat","lng") WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobs_open_expires_idx" ON "jobs" USING btree ("expires_at") WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobs_open_tokens_idx" ON "jobs" USING gin ("search_tokens") WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobs_unindexed_idx" ON "jobs" USING btree ("changed_at") WHERE "jobs"."indexed_version" <> "jobs"."version";