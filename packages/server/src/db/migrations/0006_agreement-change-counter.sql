CREATE TABLE "agreement_changes" (
	"agreement_id" integer PRIMARY KEY NOT NULL,
	"changes" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_changes" ADD CONSTRAINT "agreement_changes_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Every agreement that exists now starts at one change.
INSERT INTO "agreement_changes" ("agreement_id", "changes") SELECT "id", 1 FROM "agreements";
--> statement-breakpoint
-- Counts one change of an agreement per transaction. It runs from triggers deferred to commit, so
-- the counter row is locked last, after every row the transaction wrote: two writers never hold
-- one lock each while waiting for the other's (a deadlock), and the new count becomes visible in
-- the same instant as the change. A transaction-local setting remembers the agreements already
-- counted, so a bulk write of a thousand rows still bumps its agreement once.
CREATE FUNCTION accord_count_agreement_change(changed integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF changed IS NULL OR current_setting('accord.changed_' || changed, true) = 'yes' THEN
    RETURN;
  END IF;
  PERFORM set_config('accord.changed_' || changed, 'yes', true);
  INSERT INTO agreement_changes AS counted (agreement_id, changes)
    SELECT id, 1 FROM agreements WHERE id = changed
    ON CONFLICT (agreement_id) DO UPDATE SET changes = counted.changes + 1;
END;
$$;
--> statement-breakpoint
-- TG_ARGV[0] names how a row leads to its agreement: the agreement row itself (and the agreements
-- it links to), an agreement_id column, or the agreement indicator, outcome or freedom it belongs to.
CREATE FUNCTION accord_agreement_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  via text := TG_ARGV[0];
  touched jsonb[] := '{}';
  fields jsonb;
  owner integer;
BEGIN
  IF TG_OP <> 'DELETE' THEN touched := touched || to_jsonb(NEW); END IF;
  IF TG_OP <> 'INSERT' THEN touched := touched || to_jsonb(OLD); END IF;
  FOREACH fields IN ARRAY touched LOOP
    IF via = 'agreement' THEN
      -- An agreement's page names its predecessor and successor: a change to one counts for both.
      FOR owner IN
        SELECT linked FROM (
          SELECT (fields ->> 'id')::integer AS linked
          UNION SELECT (fields ->> 'predecessor_id')::integer
          UNION SELECT id FROM agreements WHERE predecessor_id = (fields ->> 'id')::integer
        ) AS related WHERE linked IS NOT NULL ORDER BY linked
      LOOP
        PERFORM accord_count_agreement_change(owner);
      END LOOP;
      CONTINUE;
    END IF;
    owner := CASE via
      WHEN 'agreement_id' THEN (fields ->> 'agreement_id')::integer
      WHEN 'agreement_indicator_id' THEN
        (SELECT agreement_id FROM agreement_indicators WHERE id = (fields ->> 'agreement_indicator_id')::integer)
      WHEN 'outcome_id' THEN (SELECT agreement_id FROM outcomes WHERE id = (fields ->> 'outcome_id')::integer)
      WHEN 'freedom_id' THEN (SELECT agreement_id FROM freedoms WHERE id = (fields ->> 'freedom_id')::integer)
    END;
    PERFORM accord_count_agreement_change(owner);
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Organisations, areas and the indicator catalogue are shown inside every agreement (partners,
-- districts, titles): a change to one counts as a change of every agreement, once per transaction.
CREATE FUNCTION accord_reference_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('accord.changed_all', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('accord.changed_all', 'yes', true);
  UPDATE agreement_changes SET changes = changes + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER agreements_changed AFTER INSERT OR UPDATE OR DELETE ON agreements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER deadlines_changed AFTER INSERT OR UPDATE OR DELETE ON deadlines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER themes_changed AFTER INSERT OR UPDATE OR DELETE ON themes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER outcomes_changed AFTER INSERT OR UPDATE OR DELETE ON outcomes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER agreement_indicators_changed AFTER INSERT OR UPDATE OR DELETE ON agreement_indicators
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER freedoms_changed AFTER INSERT OR UPDATE OR DELETE ON freedoms
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER local_action_plans_changed AFTER INSERT OR UPDATE OR DELETE ON local_action_plans
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER agreement_revisions_changed AFTER INSERT OR UPDATE OR DELETE ON agreement_revisions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bulletins_changed AFTER INSERT OR UPDATE OR DELETE ON bulletins
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
-- The agreement's history is read from the audit trail; role grants change who sees what.
CREATE CONSTRAINT TRIGGER audit_events_changed AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER role_grants_changed AFTER INSERT OR UPDATE OR DELETE ON role_grants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER outcome_partners_changed AFTER INSERT OR UPDATE OR DELETE ON outcome_partners
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('outcome_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER freedom_outcomes_changed AFTER INSERT OR UPDATE OR DELETE ON freedom_outcomes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('freedom_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER baselines_changed AFTER INSERT OR UPDATE OR DELETE ON baselines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER pending_baselines_changed AFTER INSERT OR UPDATE OR DELETE ON pending_baselines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER targets_changed AFTER INSERT OR UPDATE OR DELETE ON targets
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER negotiation_status_history_changed AFTER INSERT OR UPDATE OR DELETE ON negotiation_status_history
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partner_sign_ups_changed AFTER INSERT OR UPDATE OR DELETE ON partner_sign_ups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER comments_changed AFTER INSERT OR UPDATE OR DELETE ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER observations_changed AFTER INSERT OR UPDATE OR DELETE ON observations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_agreement_row_changed('agreement_indicator_id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organisations_changed AFTER INSERT OR UPDATE OR DELETE ON organisations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_reference_row_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER areas_changed AFTER INSERT OR UPDATE OR DELETE ON areas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_reference_row_changed();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER indicator_definitions_changed AFTER UPDATE OR DELETE ON indicator_definitions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accord_reference_row_changed();
