CREATE TYPE "public"."brand_origin" AS ENUM('gx', 'gd');--> statement-breakpoint
CREATE TYPE "public"."enrolment_status" AS ENUM('enrolled', 'passed', 'failed');--> statement-breakpoint
CREATE TABLE "labour_brands" (
	"code" varchar(40) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"origin" "brand_origin" NOT NULL,
	"occupations" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labour_brands_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_code" varchar(40),
	"occupation" text NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"county_code" varchar(12) NOT NULL,
	"capacity" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"labourer_id" uuid NOT NULL,
	"status" "enrolment_status" DEFAULT 'enrolled' NOT NULL,
	"certificate_no" text,
	"result_date" date,
	"result_note" text,
	"result_recorded_by" uuid,
	"result_recorded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "employers_region_idx";--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "contact_phone_masked" varchar(11);--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_brand_code_labour_brands_code_fk" FOREIGN KEY ("brand_code") REFERENCES "public"."labour_brands"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_courses_county_idx" ON "training_courses" USING btree ("county_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "training_courses_start_idx" ON "training_courses" USING btree ("start_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_course_labourer_uq" ON "training_enrolments" USING btree ("course_id","labourer_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_labourer_idx" ON "training_enrolments" USING btree ("labourer_id","status");--> statement-breakpoint
CREATE INDEX "employers_region_prefix_idx" ON "employers" USING btree ("region_code" text_pattern_ops);