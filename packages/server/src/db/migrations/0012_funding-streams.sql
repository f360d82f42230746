CREATE TABLE "funding_consents" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"funding_stream_id" integer NOT NULL,
	"from_organisation_id" integer NOT NULL,
	"to_organisation_id" integer NOT NULL,
	"consented_by" text NOT NULL,
	"consented_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_streams" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"department" text,
	"kind" text,
	"block_or_outcome" text,
	"accountable_organisation_id" integer,
	"advance_designation" boolean DEFAULT false NOT NULL,
	"amounts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_consents" ADD CONSTRAINT "funding_consents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_consents" ADD CONSTRAINT "funding_consents_funding_stream_id_funding_streams_id_fk" FOREIGN KEY ("funding_stream_id") REFERENCES "public"."funding_streams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_consents" ADD CONSTRAINT "funding_consents_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_consents" ADD CONSTRAINT "funding_consents_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_streams" ADD CONSTRAINT "funding_streams_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_streams" ADD CONSTRAINT "funding_streams_accountable_organisation_id_organisations_id_fk" FOREIGN KEY ("accountable_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_streams_agreement_key_unique" ON "funding_streams" USING btree ("agreement_id","key");--> statement-breakpoint
-- Funding streams and their consents are part of what an agreement's readers see: count their changes like every other table (0006).
CREATE CONSTRAINT TRIGGER funding_streams_changed AFTER INSERT OR UPDATE OR DELETE ON funding_streams
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER funding_consents_changed AFTER INSERT OR UPDATE OR DELETE ON funding_consents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
