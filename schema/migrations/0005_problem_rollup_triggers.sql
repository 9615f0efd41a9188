-- Triggers keeping problem_counts (schema/memo-tables.ts) exact on every write to problems; the SQL is
-- worker/stats/problem-rollup.ts problemRollupTriggers(), and test/integration/problem-rollup.test.ts checks they agree.
CREATE INDEX problems_programme_due_idx ON problems
  (programme_id, coalesce(extended_deadline, deadline, raised_on), status, closed_on, raised_on, category, lead_unit_id, enterprise_id);
--> statement-breakpoint
CREATE TRIGGER problem_counts_insert AFTER INSERT ON problems BEGIN
  INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
  SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, 1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM (SELECT NEW.programme_id AS programme_id, NEW.category AS category, NEW.lead_unit_id AS lead_unit_id, NEW.officer_id AS officer_id, NEW.enterprise_id AS enterprise_id, NEW.raised_on AS raised_on, NEW.deadline AS deadline, NEW.extended_deadline AS extended_deadline, NEW.status AS status, NEW.closed_on AS closed_on, NEW.follow_up AS follow_up) q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('d'), ('m'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')
  ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER problem_counts_update AFTER UPDATE OF programme_id, category, lead_unit_id, officer_id, enterprise_id, raised_on, deadline, extended_deadline, status, closed_on, follow_up ON problems BEGIN
  INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
  SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, -1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM (SELECT OLD.programme_id AS programme_id, OLD.category AS category, OLD.lead_unit_id AS lead_unit_id, OLD.officer_id AS officer_id, OLD.enterprise_id AS enterprise_id, OLD.raised_on AS raised_on, OLD.deadline AS deadline, OLD.extended_deadline AS extended_deadline, OLD.status AS status, OLD.closed_on AS closed_on, OLD.follow_up AS follow_up) q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('d'), ('m'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')
  ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
  SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, 1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM (SELECT NEW.programme_id AS programme_id, NEW.category AS category, NEW.lead_unit_id AS lead_unit_id, NEW.officer_id AS officer_id, NEW.enterprise_id AS enterprise_id, NEW.raised_on AS raised_on, NEW.deadline AS deadline, NEW.extended_deadline AS extended_deadline, NEW.status AS status, NEW.closed_on AS closed_on, NEW.follow_up AS follow_up) q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('d'), ('m'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')
  ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER problem_counts_delete AFTER DELETE ON problems BEGIN
  INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
  SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, -1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM (SELECT OLD.programme_id AS programme_id, OLD.category AS category, OLD.lead_unit_id AS lead_unit_id, OLD.officer_id AS officer_id, OLD.enterprise_id AS enterprise_id, OLD.raised_on AS raised_on, OLD.deadline AS deadline, OLD.extended_deadline AS extended_deadline, OLD.status AS status, OLD.closed_on AS closed_on, OLD.follow_up AS follow_up) q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('d'), ('m'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')
  ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- Fill the rollups for the rows stored before them: problem_counts, and group_counts (migration 0003).
DELETE FROM problem_counts;
--> statement-breakpoint
INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, 1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM problems q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('d'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days'))
WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension WHEN 'total' THEN '' WHEN 'category' THEN p.category WHEN 'unit' THEN coalesce(p.lead_unit_id, '') WHEN 'chain' THEN coalesce(e.chain_id, '') WHEN 'region' THEN coalesce(e.region, '') END AS group_key,
    p.kind, p.days, 1 AS n
  FROM (
    SELECT q.programme_id, q.category, q.lead_unit_id, q.officer_id, q.enterprise_id, q.raised_on, q.deadline, q.extended_deadline, q.status, q.closed_on, q.follow_up, k.kind,
      CASE k.kind WHEN 'raised' THEN q.raised_on WHEN 'closed' THEN CASE WHEN q.status = 'closed' THEN q.closed_on END WHEN 'due' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) WHEN 'dueClosed' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueOnTime' THEN CASE WHEN q.status = 'closed' AND q.closed_on <= coalesce(q.extended_deadline, q.deadline, q.raised_on) THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueFollowedUp' THEN CASE WHEN q.status = 'closed' AND q.follow_up IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'dueResolved' THEN CASE WHEN q.status = 'closed' AND q.follow_up IN ('satisfied', 'basically') THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'unresolvable' THEN CASE WHEN q.status = 'unresolvable' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'openDated' THEN CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END WHEN 'days' THEN CASE WHEN q.status = 'closed' THEN coalesce(q.extended_deadline, q.deadline, q.raised_on) END END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM problems q, (SELECT column1 AS kind FROM (VALUES ('raised'), ('closed'), ('due'), ('dueClosed'), ('dueOnTime'), ('dueFollowedUp'), ('dueResolved'), ('unresolvable'), ('openDated'), ('days'))) k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  (SELECT column1 AS dimension FROM (VALUES ('total'), ('category'), ('unit'), ('chain'), ('region'))) d, (SELECT column1 AS grain FROM (VALUES ('m'))) g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days'))
WHERE kind = 'days' GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)
SELECT programme_id, dimension, 'm', substr(period, 1, 7), group_key, kind, days, sum(n) FROM problem_counts
WHERE grain = 'd' GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
DELETE FROM group_counts ;
--> statement-breakpoint
WITH x AS (
  SELECT r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid
  FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN campaigns c ON c.id = r.campaign_id 
), g AS (
  SELECT 'unit' AS dimension, coalesce(o.unit_id, '') AS group_key, x.rid FROM x
    JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid AND s.is_lead = 1 JOIN users o ON o.id = s.officer_id
  UNION ALL SELECT 'officer', s.officer_id, x.rid FROM x JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid
  UNION ALL SELECT 'chain', coalesce(e.chain_id, ''), x.rid FROM x JOIN enterprises e ON e.id = x.eid
  UNION ALL SELECT 'region', coalesce(e.region, ''), x.rid FROM x JOIN enterprises e ON e.id = x.eid
), a AS (
  SELECT response_id AS rid, question_key, coalesce(text_value, CAST(CAST(num_value AS INTEGER) AS TEXT)) AS option, count(*) AS n FROM answers
  WHERE (text_value = 'na' OR num_value IN (1, 2, 3, 4, 5)) GROUP BY 1, 2, 3
  UNION ALL SELECT rid, '', '', 1 FROM x
)
INSERT INTO group_counts (campaign_id, dimension, group_key, question_key, option, count)
SELECT x.cid, g.dimension, g.group_key, a.question_key, a.option, sum(a.n)
FROM a JOIN x ON x.rid = a.rid JOIN g ON g.rid = a.rid
GROUP BY 1, 2, 3, 4, 5;
