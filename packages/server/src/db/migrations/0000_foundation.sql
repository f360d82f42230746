CREATE TABLE "areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"legacy_code" text,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"lsp" text,
	"note" text,
	CONSTRAINT "areas_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"title_status" text NOT NULL,
	"title_source" text,
	"source" text NOT NULL,
	"unit" text,
	"polarity" text NOT NULL,
	"department" text,
	"data_source" text,
	"frequency" text,
	"components" text[] DEFAULT '{all}'::text[] NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"statutory" boolean NOT NULL,
	"statutory_basis" text,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"area_id" integer,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"job_title" text,
	"organisation_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"outcome_id" integer,
	"kind" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"replaced_by_id" integer,
	"replacement_reason" text,
	"title_as_written" text,
	"data_source" text,
	"lpsa2" boolean DEFAULT false NOT NULL,
	"accountable_officer_id" integer,
	"target_note" text,
	"notes" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"area_id" integer NOT NULL,
	"responsible_authority_id" integer NOT NULL,
	"government_office_id" integer NOT NULL,
	"first_year" text NOT NULL,
	"last_year" text NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"predecessor_id" integer,
	"published" boolean DEFAULT false NOT NULL,
	"structure" text NOT NULL,
	"summary" text,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "agreements_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "baselines" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"component" text DEFAULT 'all' NOT NULL,
	"value" numeric NOT NULL,
	"unit" text,
	"period" text,
	"source" text,
	"written" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "freedom_outcomes" (
	"freedom_id" integer NOT NULL,
	"outcome_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "freedoms" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"freedom_sought" text NOT NULL,
	"priority" text NOT NULL,
	"benefits_to_central_government" text,
	"benefits_to_partners" text,
	"benefits_to_community" text,
	"scope" text NOT NULL,
	"theme_id" integer,
	"department" text,
	"status" text,
	"notes" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_status_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"as_at" date NOT NULL,
	"status" text NOT NULL,
	"party" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "outcome_partners" (
	"id" serial PRIMARY KEY NOT NULL,
	"outcome_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"detail" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"deleted_note" text,
	"lpsa2" boolean DEFAULT false NOT NULL,
	"sip" boolean DEFAULT false NOT NULL,
	"notes" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_sign_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"detail" text,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_baselines" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"reason" text NOT NULL,
	"expected_by" date,
	"written" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pending_baselines_agreement_indicator_id_unique" UNIQUE("agreement_indicator_id")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_indicator_id" integer NOT NULL,
	"financial_year" text NOT NULL,
	"component" text DEFAULT 'all' NOT NULL,
	"form" text NOT NULL,
	"target" jsonb NOT NULL,
	"value" numeric,
	"written_value" numeric,
	"written" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_indicator_id_indicator_definitions_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_replaced_by_id_agreement_indicators_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_indicators" ADD CONSTRAINT "agreement_indicators_accountable_officer_id_people_id_fk" FOREIGN KEY ("accountable_officer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_responsible_authority_id_organisations_id_fk" FOREIGN KEY ("responsible_authority_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_government_office_id_organisations_id_fk" FOREIGN KEY ("government_office_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_predecessor_id_agreements_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "baselines" ADD CONSTRAINT "baselines_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freedom_outcomes" ADD CONSTRAINT "freedom_outcomes_freedom_id_freedoms_id_fk" FOREIGN KEY ("freedom_id") REFERENCES "public"."freedoms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freedom_outcomes" ADD CONSTRAINT "freedom_outcomes_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freedoms" ADD CONSTRAINT "freedoms_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freedoms" ADD CONSTRAINT "freedoms_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD CONSTRAINT "negotiation_status_history_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_partners" ADD CONSTRAINT "outcome_partners_outcome_id_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_partners" ADD CONSTRAINT "outcome_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_sign_ups" ADD CONSTRAINT "partner_sign_ups_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_sign_ups" ADD CONSTRAINT "partner_sign_ups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_baselines" ADD CONSTRAINT "pending_baselines_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_agreement_indicator_id_agreement_indicators_id_fk" FOREIGN KEY ("agreement_indicator_id") REFERENCES "public"."agreement_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_definitions_code_unique" ON "indicator_definitions" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_definitions_key_unique" ON "indicator_definitions" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_indicators_agreement_indicator_unique" ON "agreement_indicators" USING btree ("agreement_id","indicator_id");--> statement-breakpoint
CREATE INDEX "agreement_indicators_theme" ON "agreement_indicators" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "baselines_indicator_component_unique" ON "baselines" USING btree ("agreement_indicator_id","component");--> statement-breakpoint
CREATE UNIQUE INDEX "freedoms_agreement_number_unique" ON "freedoms" USING btree ("agreement_id","number");--> statement-breakpoint
CREATE INDEX "negotiation_status_history_indicator" ON "negotiation_status_history" USING btree ("agreement_indicator_id","as_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outcomes_agreement_number_unique" ON "outcomes" USING btree ("agreement_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_sign_ups_unique" ON "partner_sign_ups" USING btree ("agreement_indicator_id","organisation_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_indicator_year_component_unique" ON "targets" USING btree ("agreement_indicator_id","financial_year","component");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_agreement_code_unique" ON "themes" USING btree ("agreement_id","code");