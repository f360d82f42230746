CREATE TABLE "indicator_returns" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"progress" text,
	"issues_and_risks" text,
	"next_actions" text,
	"self_assessed_status" text,
	"manager_comment" text,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_name" text,
	"submitted_at" timestamp with time zone,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by_name" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_returns" ADD CONSTRAINT "indicator_returns_round_id_monitoring_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."monitoring_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_returns" ADD CONSTRAINT "indicator_returns_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_period_id_reporting_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."reporting_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_returns_round_indicator_unique" ON "indicator_returns" USING btree ("round_id","agreement_indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_rounds_agreement_period_unique" ON "monitoring_rounds" USING btree ("agreement_id","period_id");--> statement-breakpoint
-- Rounds and returns change what an agreement's readers see: count them like every other table (0006).
CREATE CONSTRAINT TRIGGER monitoring_rounds_changed AFTER INSERT OR UPDATE OR DELETE ON monitoring_rounds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER indicator_returns_changed AFTER INSERT OR UPDATE OR DELETE ON indicator_returns
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
