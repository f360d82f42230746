CREATE TABLE "consultation_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"date" date NOT NULL,
	"when_written" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"audience" text,
	"organisations_invited" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"number_consulted" integer,
	"number_consulted_is_minimum" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_events" ADD CONSTRAINT "consultation_events_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_events_agreement_date" ON "consultation_events" USING btree ("agreement_id","date");--> statement-breakpoint
-- The diary is part of what an agreement's readers see: count its changes like every other table (0006).
CREATE CONSTRAINT TRIGGER consultation_events_changed AFTER INSERT OR UPDATE OR DELETE ON consultation_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
