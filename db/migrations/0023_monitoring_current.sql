CREATE TABLE "stats_current" (
	"region_code" varchar(12) NOT NULL,
	"figure" varchar(64) NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "stats_current_region_code_figure_key_pk" PRIMARY KEY("region_code","figure","key")
);
--> statement-breakpoint
CREATE TABLE "stats_current_runs" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"rows" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
