-- A counter of changes to the pipeline: every statement that writes opportunities, their stage changes or the stages
-- adds one, in the writing transaction. The funnel and the board's stage totals (aggregates over every visible
-- opportunity, 100-250 ms at 143,000 opportunities) are kept per filter and viewer together with the counter they
-- were computed at, and served again while the counter is unchanged: a reader sees the new counter exactly when it
-- sees the change, so every app instance serves nothing older than what the database shows it.
CREATE TABLE pipeline_version (
  id      int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO pipeline_version VALUES (1, 0);

CREATE FUNCTION guanxi_pipeline_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE pipeline_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER opportunities_pipeline_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunities
  FOR EACH STATEMENT EXECUTE FUNCTION guanxi_pipeline_changed();
CREATE TRIGGER stage_changes_pipeline_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunity_stage_changes
  FOR EACH STATEMENT EXECUTE FUNCTION guanxi_pipeline_changed();
CREATE TRIGGER stages_pipeline_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opportunity_stages
  FOR EACH STATEMENT EXECUTE FUNCTION guanxi_pipeline_changed();
