CREATE TABLE "wechat_subscriptions" (
	"openid" text NOT NULL,
	"template_id" text NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"accepted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_subscriptions_uq" ON "wechat_subscriptions" USING btree ("openid","template_id");