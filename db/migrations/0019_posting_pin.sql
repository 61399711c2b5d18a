ALTER TABLE "jobs" ADD COLUMN "pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A posting whose lat/lng differ from its region's point was placed by hand (the API took lat/lng before there was a pin flag).
UPDATE "jobs" j SET "pinned" = true FROM "regions" r WHERE r."code" = j."region_code" AND j."lat" IS NOT NULL AND (j."lat" IS DISTINCT FROM r."lat" OR j."lng" IS DISTINCT FROM r."lng");
