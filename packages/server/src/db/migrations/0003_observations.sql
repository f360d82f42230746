CREATE TABLE "observations" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"component" text DEFAULT 'all' NOT NULL,
	"value" numeric NOT NULL,
	"numerator" numeric,
	"denominator" numeric,
	"status" text DEFAULT 'provisional' NOT NULL,
	"source" text,
	"note" text,
	"recorded_by" integer,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "observations_numerator_with_denominator" CHECK (("observations"."numerator" is null) = ("observations"."denominator" is null)),
	CONSTRAINT "observations_denominator_positive" CHECK ("observations"."denominator" is null or "observations"."denominator" > 0)
);
--> statement-breakpoint
CREATE TABLE "reporting_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	CONSTRAINT "reporting_periods_label_unique" UNIQUE("label"),
	CONSTRAINT "reporting_periods_dates_in_order" CHECK ("reporting_periods"."start_date" <= "reporting_periods"."end_date")
);
--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_period_id_reporting_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."reporting_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "observations_indicator_period_area_component_unique" ON "observations" USING btree ("agreement_indicator_id","period_id","area_id","component");--> statement-breakpoint
CREATE INDEX "observations_period" ON "observations" USING btree ("period_id");