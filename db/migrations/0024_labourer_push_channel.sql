CREATE TYPE "public"."push_channel" AS ENUM('wechat', 'sms');--> statement-breakpoint
ALTER TABLE "labourers" ADD COLUMN "push_channel" "push_channel" DEFAULT 'wechat' NOT NULL;