ALTER TABLE "negotiation_status_history" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "transcribed_from" text;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "transcription_reason" text;--> statement-breakpoint
ALTER TABLE "negotiation_status_history" ADD COLUMN "basis" text;