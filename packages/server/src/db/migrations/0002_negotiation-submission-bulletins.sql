CREATE TABLE "agreement_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"agreement_id" integer NOT NULL,
	"number" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer,
	"since" timestamp with time zone,
	"content" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "kind" text DEFAULT 'position' NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "party_name" text;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "proposal" jsonb;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "outcomes" ADD COLUMN "extra_primary_agreed_on" date;--> statement-breakpoint
ALTER TABLE "outcomes" ADD COLUMN "extra_primary_note" text;--> statement-breakpoint
ALTER TABLE "agreement_revisions" ADD CONSTRAINT "agreement_revisions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_revisions" ADD CONSTRAINT "agreement_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_revisions_unique" ON "agreement_revisions" USING btree ("agreement_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_agreement_number_unique" ON "bulletins" USING btree ("agreement_id","number");