CREATE TYPE "public"."employment_status" AS ENUM('unemployed', 'local', 'in_province', 'out_province', 'flexible', 'public_welfare');--> statement-breakpoint
CREATE TYPE "public"."labour_capacity" AS ENUM('full', 'half', 'weak', 'none');--> statement-breakpoint
CREATE TYPE "public"."person_type" AS ENUM('tuopin', 'monitored', 'other');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."wage_unit" AS ENUM('day', 'month', 'piece');--> statement-breakpoint
CREATE TYPE "public"."work_intention" AS ENUM('none', 'local', 'in_province', 'out_province');--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_no" varchar(32) NOT NULL,
	"village_code" varchar(12) NOT NULL,
	"head_name" text NOT NULL,
	"head_labourer_id" uuid,
	"key_assistance" boolean DEFAULT false NOT NULL,
	"income_per_capita_fen" integer,
	"resettlement_site_name" text,
	"resettlement_site_code" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labourers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"id_number_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"sex" "sex" NOT NULL,
	"birth_date" date NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"phone_masked" varchar(11),
	"household_id" uuid,
	"relation_to_head" text,
	"person_type" "person_type" NOT NULL,
	"key_assistance" boolean DEFAULT false NOT NULL,
	"resettlement_site_name" text,
	"resettlement_site_code" varchar(32),
	"labour_capacity" "labour_capacity" NOT NULL,
	"work_intention" "work_intention" DEFAULT 'none' NOT NULL,
	"preferred_city_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"occupations" text[] DEFAULT '{}'::text[] NOT NULL,
	"expected_wage_fen" integer,
	"expected_wage_unit" "wage_unit",
	"employment_status" "employment_status" DEFAULT 'unemployed' NOT NULL,
	"employment_since" date,
	"village_code" varchar(12) NOT NULL,
	"assigned_cadre_user_id" uuid,
	"wechat_openid" text,
	"contact_consent" boolean DEFAULT false NOT NULL,
	"consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "labourers" ADD CONSTRAINT "labourers_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labourers" ADD CONSTRAINT "labourers_assigned_cadre_user_id_users_id_fk" FOREIGN KEY ("assigned_cadre_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "households_household_no_uq" ON "households" USING btree ("household_no");--> statement-breakpoint
CREATE INDEX "households_village_idx" ON "households" USING btree ("village_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "labourers_id_number_hash_uq" ON "labourers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "labourers_phone_hash_idx" ON "labourers" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "labourers_village_idx" ON "labourers" USING btree ("village_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "labourers_household_idx" ON "labourers" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "labourers_cadre_idx" ON "labourers" USING btree ("assigned_cadre_user_id");--> statement-breakpoint
CREATE INDEX "labourers_created_idx" ON "labourers" USING btree ("created_at","id");