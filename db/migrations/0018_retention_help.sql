CREATE TYPE "public"."check_in_answer" AS ENUM('still_working', 'left');--> statement-breakpoint
CREATE TYPE "public"."check_in_recipient" AS ENUM('labourer', 'cadre', 'none');--> statement-breakpoint
CREATE TYPE "public"."check_in_status" AS ENUM('pending', 'answered', 'missed', 'closed');--> statement-breakpoint
CREATE TYPE "public"."follow_up_kind" AS ENUM('check_in_unanswered', 'help_request');--> statement-breakpoint
CREATE TYPE "public"."follow_up_resolution" AS ENUM('staff', 'answered', 'ended');--> statement-breakpoint
CREATE TYPE "public"."follow_up_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."help_kind" AS ENUM('find_job', 'wage_arrears', 'other');--> statement-breakpoint
CREATE TYPE "public"."help_status" AS ENUM('open', 'answered');--> statement-breakpoint
CREATE TABLE "employment_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employment_id" uuid NOT NULL,
	"labourer_id" uuid NOT NULL,
	"day_offset" smallint NOT NULL,
	"due_date" date NOT NULL,
	"status" "check_in_status" DEFAULT 'pending' NOT NULL,
	"recipient" "check_in_recipient" NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" "check_in_answer",
	"end_reason" "employment_end_reason",
	"end_date" date,
	"answer_note" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answered_role" text,
	"follow_up_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "follow_up_kind" NOT NULL,
	"labourer_id" uuid NOT NULL,
	"check_in_id" uuid,
	"help_request_id" uuid,
	"status" "follow_up_status" DEFAULT 'open' NOT NULL,
	"resolution" "follow_up_resolution",
	"answer" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolved_role" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"labourer_id" uuid NOT NULL,
	"kind" "help_kind" NOT NULL,
	"text" text,
	"status" "help_status" DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answered_role" text,
	"response_seconds" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employment_check_ins" ADD CONSTRAINT "employment_check_ins_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_check_ins" ADD CONSTRAINT "employment_check_ins_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_check_in_id_employment_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."employment_check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_help_request_id_help_requests_id_fk" FOREIGN KEY ("help_request_id") REFERENCES "public"."help_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_labourer_id_labourers_id_fk" FOREIGN KEY ("labourer_id") REFERENCES "public"."labourers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "employment_check_ins_key_uq" ON "employment_check_ins" USING btree ("employment_id","day_offset");--> statement-breakpoint
CREATE INDEX "employment_check_ins_employment_idx" ON "employment_check_ins" USING btree ("employment_id","created_at","id");--> statement-breakpoint
CREATE INDEX "employment_check_ins_pending_idx" ON "employment_check_ins" USING btree ("asked_at") WHERE "employment_check_ins"."status" = 'pending' and "employment_check_ins"."follow_up_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_tasks_check_in_uq" ON "follow_up_tasks" USING btree ("check_in_id") WHERE "follow_up_tasks"."check_in_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_tasks_help_uq" ON "follow_up_tasks" USING btree ("help_request_id") WHERE "follow_up_tasks"."help_request_id" is not null;--> statement-breakpoint
CREATE INDEX "follow_up_tasks_status_idx" ON "follow_up_tasks" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "help_requests_open_uq" ON "help_requests" USING btree ("labourer_id","kind") WHERE "help_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "help_requests_labourer_idx" ON "help_requests" USING btree ("labourer_id","created_at","id");