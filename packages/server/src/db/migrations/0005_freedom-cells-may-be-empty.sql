ALTER TABLE "freedoms" ALTER COLUMN "problem" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "freedoms" ALTER COLUMN "priority" DROP NOT NULL;