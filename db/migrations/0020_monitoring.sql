CREATE TABLE "stats_snapshot_runs" (
	"week_start" date PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"rows" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"region_code" varchar(12) NOT NULL,
	"week_start" date NOT NULL,
	"figure" varchar(64) NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_snapshots_region_code_figure_week_start_key_pk" PRIMARY KEY("region_code","figure","week_start","key")
);
--> statement-breakpoint
ALTER TABLE "recommendation_rounds" ADD COLUMN "matcher_version" varchar(32) DEFAULT '1' NOT NULL;--> statement-breakpoint
CREATE INDEX "stats_snapshots_week_idx" ON "stats_snapshots" USING btree ("week_start");--> statement-breakpoint
CREATE INDEX "notifications_labourer_idx" ON "notifications" USING btree ("labourer_id","created_at") WHERE "notifications"."labourer_id" is not null;--> statement-breakpoint
CREATE INDEX "applications_recommendation_idx" ON "applications" USING btree ("recommendation_id") WHERE "applications"."recommendation_id" is not null;--> statement-breakpoint
CREATE INDEX "employments_confirmed_labourer_idx" ON "employments" USING btree ("labourer_id","start_date") WHERE "employments"."confirmed_at" is not null;