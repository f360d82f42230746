CREATE TABLE "delivery_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"what" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"officer" text,
	"start_date" date,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"percent_complete" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_actions_percent" CHECK ("delivery_actions"."percent_complete" between 0 and 100),
	CONSTRAINT "delivery_actions_dates_in_order" CHECK ("delivery_actions"."start_date" is null or "delivery_actions"."start_date" <= "delivery_actions"."due_date")
);
--> statement-breakpoint
CREATE TABLE "delivery_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"what" text NOT NULL,
	"date" date NOT NULL,
	"met" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_partners" (
	"plan_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "delivery_partners_plan_id_organisation_id_pk" PRIMARY KEY("plan_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "delivery_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"progress_as_at" date NOT NULL,
	"source" text,
	"updated_by" integer,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "delivery_plans_agreement_indicator_id_unique" UNIQUE("agreement_indicator_id")
);
--> statement-breakpoint
CREATE TABLE "delivery_risks" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"mitigation" text,
	"owner" text,
	CONSTRAINT "delivery_risks_likelihood" CHECK ("delivery_risks"."likelihood" between 1 and 5),
	CONSTRAINT "delivery_risks_impact" CHECK ("delivery_risks"."impact" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "delivery_actions" ADD CONSTRAINT "delivery_actions_plan_id_delivery_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."delivery_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_actions" ADD CONSTRAINT "delivery_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_milestones" ADD CONSTRAINT "delivery_milestones_plan_id_delivery_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."delivery_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_partners" ADD CONSTRAINT "delivery_partners_plan_id_delivery_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."delivery_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_partners" ADD CONSTRAINT "delivery_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_risks" ADD CONSTRAINT "delivery_risks_plan_id_delivery_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."delivery_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A delivery plan is shown on the indicator's page and in the performance report: count its
-- changes like the agreement's own (0006). Every write bumps the plan row, so its children need none.
CREATE CONSTRAINT TRIGGER delivery_plans_changed AFTER INSERT OR UPDATE OR DELETE ON delivery_plans
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
