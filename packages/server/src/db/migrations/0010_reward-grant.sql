CREATE TABLE "reward_assumptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"national_pot" numeric,
	"previous_national_pot" numeric,
	"share_percent" numeric,
	"achievement_percent" numeric,
	"quoted_low" numeric,
	"quoted_high" numeric,
	"predecessor_total_possible" numeric,
	"total_possible" numeric,
	"note" text,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"pot" numeric,
	"without_stretch" numeric,
	"stretch_target" numeric,
	"pro_rata" boolean DEFAULT false NOT NULL,
	"note" text,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reward_assumptions" ADD CONSTRAINT "reward_assumptions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_targets" ADD CONSTRAINT "reward_targets_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_targets" ADD CONSTRAINT "reward_targets_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reward_assumptions_agreement_unique" ON "reward_assumptions" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_targets_agreement_indicator_unique" ON "reward_targets" USING btree ("agreement_indicator_id");--> statement-breakpoint
-- The reward grant is part of what an agreement's readers see: count its changes like every other table (0006).
CREATE CONSTRAINT TRIGGER reward_targets_changed AFTER INSERT OR UPDATE OR DELETE ON reward_targets
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reward_assumptions_changed AFTER INSERT OR UPDATE OR DELETE ON reward_assumptions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
