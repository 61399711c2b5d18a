ALTER TABLE "labourers" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labourers" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "labourers" ADD CONSTRAINT "labourers_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;