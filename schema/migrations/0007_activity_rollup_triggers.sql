-- Triggers keeping the coverage and 三个一 rollups (schema/memo-tables.ts: activity_pair_months,
-- activity_counts, activity_reach) exact in the same transaction as every write to memos, problems,
-- assignments, an officer's unit or an enterprise's chain and region. The same figures are rebuilt
-- from the raw rows by worker/stats/activity-rollup.ts; the last statements here fill the tables for
-- the rows already stored.

-- A memo counts in its officer × enterprise × month (the pair-month), in that month's counters of its five
-- groups, and, when it is the month's first memo with the enterprise in a group, in activity_reach.
-- An update is the old row taken out and the new one put in.
CREATE TRIGGER `activity_memo_insert` AFTER INSERT ON `memos`
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (NEW.programme_id, NEW.officer_id, NEW.enterprise_id, substr(NEW.visit_date, 1, 7), 1, (NEW.mode = 'onsite'), NEW.no_request, 0)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT NEW.programme_id, g.dimension, substr(NEW.visit_date, 1, 7), g.group_key, 1, (NEW.mode = 'onsite'), f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite - ((NEW.mode = 'onsite')) > 0 AND (n.solved > 0 OR n.no_request - (NEW.no_request) > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = NEW.programme_id AND a.officer_id = NEW.officer_id AND a.enterprise_id = NEW.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.visit_date, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT NEW.programme_id, g.dimension, CASE k.pick WHEN 'p' THEN substr(NEW.visit_date, 1, 7) ELSE s.next END, g.group_key,
    CASE k.pick WHEN 'm' THEN substr(NEW.visit_date, 1, 7) ELSE s.prev END, k.s * f.flip
  FROM (SELECT (coalesce(r.memos, 0) > 0) - (coalesce(r.memos, 0) - (1) > 0) AS flip
      FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.visit_date, 1, 7)) f,
    (SELECT fm.fam,
        CASE fm.fam WHEN 'e' THEN a.present_e WHEN 'u' THEN a.present_u ELSE 0 END AS present,
        coalesce(CASE fm.fam WHEN 'e' THEN a.prev_e WHEN 'u' THEN a.prev_u ELSE a.prev_o END, '') AS prev,
        CASE fm.fam WHEN 'e' THEN a.next_e WHEN 'u' THEN a.next_u ELSE a.next_o END AS next
      FROM (SELECT max(x.month = substr(NEW.visit_date, 1, 7) AND x.officer_id <> NEW.officer_id) AS present_e,
          max(x.month = substr(NEW.visit_date, 1, 7) AND x.officer_id <> NEW.officer_id AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')) AS present_u,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) THEN x.month END) AS prev_e,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '') THEN x.month END) AS prev_u,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) AND x.officer_id = NEW.officer_id THEN x.month END) AS prev_o,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) THEN x.month END) AS next_e,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '') THEN x.month END) AS next_u,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) AND x.officer_id = NEW.officer_id THEN x.month END) AS next_o
        FROM activity_pair_months x LEFT JOIN users xu ON xu.id = x.officer_id
        WHERE x.programme_id = NEW.programme_id AND x.enterprise_id = NEW.enterprise_id AND x.memos > 0) a,
        (SELECT 'e' AS fam UNION ALL SELECT 'u' UNION ALL SELECT 'o') fm) s,
    (SELECT 'p' AS pick, 1 AS s UNION ALL SELECT 'n', -1 UNION ALL SELECT 'm', 1) k,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE f.flip <> 0 AND NOT coalesce(s.present, 0) AND g.fam = s.fam AND (k.pick = 'p' OR s.next IS NOT NULL)
  ON CONFLICT (programme_id, dimension, month, group_key, prev) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_memo_update` AFTER UPDATE OF programme_id, officer_id, enterprise_id, visit_date, mode, no_request ON `memos`
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.officer_id IS NOT NEW.officer_id OR OLD.enterprise_id IS NOT NEW.enterprise_id
  OR substr(OLD.visit_date, 1, 7) IS NOT substr(NEW.visit_date, 1, 7) OR OLD.mode IS NOT NEW.mode OR OLD.no_request IS NOT NEW.no_request
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (OLD.programme_id, OLD.officer_id, OLD.enterprise_id, substr(OLD.visit_date, 1, 7), -1, -(OLD.mode = 'onsite'), -OLD.no_request, 0)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT OLD.programme_id, g.dimension, substr(OLD.visit_date, 1, 7), g.group_key, -1, -(OLD.mode = 'onsite'), f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite - (-(OLD.mode = 'onsite')) > 0 AND (n.solved > 0 OR n.no_request - (-OLD.no_request) > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = OLD.programme_id AND a.officer_id = OLD.officer_id AND a.enterprise_id = OLD.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.visit_date, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT OLD.programme_id, g.dimension, CASE k.pick WHEN 'p' THEN substr(OLD.visit_date, 1, 7) ELSE s.next END, g.group_key,
    CASE k.pick WHEN 'm' THEN substr(OLD.visit_date, 1, 7) ELSE s.prev END, k.s * f.flip
  FROM (SELECT (coalesce(r.memos, 0) > 0) - (coalesce(r.memos, 0) - (-1) > 0) AS flip
      FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.visit_date, 1, 7)) f,
    (SELECT fm.fam,
        CASE fm.fam WHEN 'e' THEN a.present_e WHEN 'u' THEN a.present_u ELSE 0 END AS present,
        coalesce(CASE fm.fam WHEN 'e' THEN a.prev_e WHEN 'u' THEN a.prev_u ELSE a.prev_o END, '') AS prev,
        CASE fm.fam WHEN 'e' THEN a.next_e WHEN 'u' THEN a.next_u ELSE a.next_o END AS next
      FROM (SELECT max(x.month = substr(OLD.visit_date, 1, 7) AND x.officer_id <> OLD.officer_id) AS present_e,
          max(x.month = substr(OLD.visit_date, 1, 7) AND x.officer_id <> OLD.officer_id AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')) AS present_u,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) THEN x.month END) AS prev_e,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '') THEN x.month END) AS prev_u,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) AND x.officer_id = OLD.officer_id THEN x.month END) AS prev_o,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) THEN x.month END) AS next_e,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '') THEN x.month END) AS next_u,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) AND x.officer_id = OLD.officer_id THEN x.month END) AS next_o
        FROM activity_pair_months x LEFT JOIN users xu ON xu.id = x.officer_id
        WHERE x.programme_id = OLD.programme_id AND x.enterprise_id = OLD.enterprise_id AND x.memos > 0) a,
        (SELECT 'e' AS fam UNION ALL SELECT 'u' UNION ALL SELECT 'o') fm) s,
    (SELECT 'p' AS pick, 1 AS s UNION ALL SELECT 'n', -1 UNION ALL SELECT 'm', 1) k,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE f.flip <> 0 AND NOT coalesce(s.present, 0) AND g.fam = s.fam AND (k.pick = 'p' OR s.next IS NOT NULL)
  ON CONFLICT (programme_id, dimension, month, group_key, prev) DO UPDATE SET n = n + excluded.n;
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (NEW.programme_id, NEW.officer_id, NEW.enterprise_id, substr(NEW.visit_date, 1, 7), 1, (NEW.mode = 'onsite'), NEW.no_request, 0)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT NEW.programme_id, g.dimension, substr(NEW.visit_date, 1, 7), g.group_key, 1, (NEW.mode = 'onsite'), f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite - ((NEW.mode = 'onsite')) > 0 AND (n.solved > 0 OR n.no_request - (NEW.no_request) > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = NEW.programme_id AND a.officer_id = NEW.officer_id AND a.enterprise_id = NEW.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.visit_date, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT NEW.programme_id, g.dimension, CASE k.pick WHEN 'p' THEN substr(NEW.visit_date, 1, 7) ELSE s.next END, g.group_key,
    CASE k.pick WHEN 'm' THEN substr(NEW.visit_date, 1, 7) ELSE s.prev END, k.s * f.flip
  FROM (SELECT (coalesce(r.memos, 0) > 0) - (coalesce(r.memos, 0) - (1) > 0) AS flip
      FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.visit_date, 1, 7)) f,
    (SELECT fm.fam,
        CASE fm.fam WHEN 'e' THEN a.present_e WHEN 'u' THEN a.present_u ELSE 0 END AS present,
        coalesce(CASE fm.fam WHEN 'e' THEN a.prev_e WHEN 'u' THEN a.prev_u ELSE a.prev_o END, '') AS prev,
        CASE fm.fam WHEN 'e' THEN a.next_e WHEN 'u' THEN a.next_u ELSE a.next_o END AS next
      FROM (SELECT max(x.month = substr(NEW.visit_date, 1, 7) AND x.officer_id <> NEW.officer_id) AS present_e,
          max(x.month = substr(NEW.visit_date, 1, 7) AND x.officer_id <> NEW.officer_id AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')) AS present_u,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) THEN x.month END) AS prev_e,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '') THEN x.month END) AS prev_u,
          max(CASE WHEN x.month < substr(NEW.visit_date, 1, 7) AND x.officer_id = NEW.officer_id THEN x.month END) AS prev_o,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) THEN x.month END) AS next_e,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '') THEN x.month END) AS next_u,
          min(CASE WHEN x.month > substr(NEW.visit_date, 1, 7) AND x.officer_id = NEW.officer_id THEN x.month END) AS next_o
        FROM activity_pair_months x LEFT JOIN users xu ON xu.id = x.officer_id
        WHERE x.programme_id = NEW.programme_id AND x.enterprise_id = NEW.enterprise_id AND x.memos > 0) a,
        (SELECT 'e' AS fam UNION ALL SELECT 'u' UNION ALL SELECT 'o') fm) s,
    (SELECT 'p' AS pick, 1 AS s UNION ALL SELECT 'n', -1 UNION ALL SELECT 'm', 1) k,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE f.flip <> 0 AND NOT coalesce(s.present, 0) AND g.fam = s.fam AND (k.pick = 'p' OR s.next IS NOT NULL)
  ON CONFLICT (programme_id, dimension, month, group_key, prev) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_memo_delete` AFTER DELETE ON `memos`
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (OLD.programme_id, OLD.officer_id, OLD.enterprise_id, substr(OLD.visit_date, 1, 7), -1, -(OLD.mode = 'onsite'), -OLD.no_request, 0)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT OLD.programme_id, g.dimension, substr(OLD.visit_date, 1, 7), g.group_key, -1, -(OLD.mode = 'onsite'), f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite - (-(OLD.mode = 'onsite')) > 0 AND (n.solved > 0 OR n.no_request - (-OLD.no_request) > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = OLD.programme_id AND a.officer_id = OLD.officer_id AND a.enterprise_id = OLD.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.visit_date, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT OLD.programme_id, g.dimension, CASE k.pick WHEN 'p' THEN substr(OLD.visit_date, 1, 7) ELSE s.next END, g.group_key,
    CASE k.pick WHEN 'm' THEN substr(OLD.visit_date, 1, 7) ELSE s.prev END, k.s * f.flip
  FROM (SELECT (coalesce(r.memos, 0) > 0) - (coalesce(r.memos, 0) - (-1) > 0) AS flip
      FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.visit_date, 1, 7)) f,
    (SELECT fm.fam,
        CASE fm.fam WHEN 'e' THEN a.present_e WHEN 'u' THEN a.present_u ELSE 0 END AS present,
        coalesce(CASE fm.fam WHEN 'e' THEN a.prev_e WHEN 'u' THEN a.prev_u ELSE a.prev_o END, '') AS prev,
        CASE fm.fam WHEN 'e' THEN a.next_e WHEN 'u' THEN a.next_u ELSE a.next_o END AS next
      FROM (SELECT max(x.month = substr(OLD.visit_date, 1, 7) AND x.officer_id <> OLD.officer_id) AS present_e,
          max(x.month = substr(OLD.visit_date, 1, 7) AND x.officer_id <> OLD.officer_id AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')) AS present_u,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) THEN x.month END) AS prev_e,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '') THEN x.month END) AS prev_u,
          max(CASE WHEN x.month < substr(OLD.visit_date, 1, 7) AND x.officer_id = OLD.officer_id THEN x.month END) AS prev_o,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) THEN x.month END) AS next_e,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) AND coalesce(xu.unit_id, '') = coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '') THEN x.month END) AS next_u,
          min(CASE WHEN x.month > substr(OLD.visit_date, 1, 7) AND x.officer_id = OLD.officer_id THEN x.month END) AS next_o
        FROM activity_pair_months x LEFT JOIN users xu ON xu.id = x.officer_id
        WHERE x.programme_id = OLD.programme_id AND x.enterprise_id = OLD.enterprise_id AND x.memos > 0) a,
        (SELECT 'e' AS fam UNION ALL SELECT 'u' UNION ALL SELECT 'o') fm) s,
    (SELECT 'p' AS pick, 1 AS s UNION ALL SELECT 'n', -1 UNION ALL SELECT 'm', 1) k,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE f.flip <> 0 AND NOT coalesce(s.present, 0) AND g.fam = s.fam AND (k.pick = 'p' OR s.next IS NOT NULL)
  ON CONFLICT (programme_id, dimension, month, group_key, prev) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- A problem counts as solved in the month of closed_on while it is closed (a negative 回访 reopens it):
-- its pair-month, and 三个一 wherever that flips.
CREATE TRIGGER `activity_problem_insert` AFTER INSERT ON `problems` WHEN NEW.status = 'closed' AND NEW.closed_on IS NOT NULL
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (NEW.programme_id, NEW.officer_id, NEW.enterprise_id, substr(NEW.closed_on, 1, 7), 0, 0, 0, 1)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT NEW.programme_id, g.dimension, substr(NEW.closed_on, 1, 7), g.group_key, 0, 0, f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite > 0 AND (n.solved - (1) > 0 OR n.no_request > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = NEW.programme_id AND a.officer_id = NEW.officer_id AND a.enterprise_id = NEW.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.closed_on, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE f.met <> 0
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_problem_unsolve` AFTER UPDATE OF status, closed_on, officer_id, enterprise_id, programme_id ON `problems`
WHEN OLD.status = 'closed' AND OLD.closed_on IS NOT NULL AND NOT (NEW.status = 'closed' AND NEW.closed_on IS NOT NULL AND NEW.programme_id IS OLD.programme_id AND NEW.officer_id IS OLD.officer_id AND NEW.enterprise_id IS OLD.enterprise_id
  AND substr(NEW.closed_on, 1, 7) IS substr(OLD.closed_on, 1, 7))
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (OLD.programme_id, OLD.officer_id, OLD.enterprise_id, substr(OLD.closed_on, 1, 7), 0, 0, 0, -1)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT OLD.programme_id, g.dimension, substr(OLD.closed_on, 1, 7), g.group_key, 0, 0, f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite > 0 AND (n.solved - (-1) > 0 OR n.no_request > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = OLD.programme_id AND a.officer_id = OLD.officer_id AND a.enterprise_id = OLD.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.closed_on, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE f.met <> 0
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_problem_solve` AFTER UPDATE OF status, closed_on, officer_id, enterprise_id, programme_id ON `problems`
WHEN NEW.status = 'closed' AND NEW.closed_on IS NOT NULL AND NOT (OLD.status = 'closed' AND OLD.closed_on IS NOT NULL AND NEW.programme_id IS OLD.programme_id AND NEW.officer_id IS OLD.officer_id AND NEW.enterprise_id IS OLD.enterprise_id
  AND substr(NEW.closed_on, 1, 7) IS substr(OLD.closed_on, 1, 7))
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (NEW.programme_id, NEW.officer_id, NEW.enterprise_id, substr(NEW.closed_on, 1, 7), 0, 0, 0, 1)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT NEW.programme_id, g.dimension, substr(NEW.closed_on, 1, 7), g.group_key, 0, 0, f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite > 0 AND (n.solved - (1) > 0 OR n.no_request > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = NEW.programme_id AND a.officer_id = NEW.officer_id AND a.enterprise_id = NEW.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND r.month = substr(NEW.closed_on, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE f.met <> 0
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_problem_delete` AFTER DELETE ON `problems` WHEN OLD.status = 'closed' AND OLD.closed_on IS NOT NULL
BEGIN
  INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
  VALUES (OLD.programme_id, OLD.officer_id, OLD.enterprise_id, substr(OLD.closed_on, 1, 7), 0, 0, 0, -1)
  ON CONFLICT (programme_id, officer_id, enterprise_id, month) DO UPDATE SET memos = memos + excluded.memos,
    onsite = onsite + excluded.onsite, no_request = no_request + excluded.no_request, solved = solved + excluded.solved;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT OLD.programme_id, g.dimension, substr(OLD.closed_on, 1, 7), g.group_key, 0, 0, f.met
  FROM (SELECT ((n.onsite > 0 AND (n.solved > 0 OR n.no_request > 0)) - (n.onsite > 0 AND (n.solved - (-1) > 0 OR n.no_request > 0))) * EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = OLD.programme_id AND a.officer_id = OLD.officer_id AND a.enterprise_id = OLD.enterprise_id) AS met
      FROM (SELECT coalesce(r.onsite, 0) AS onsite, coalesce(r.solved, 0) AS solved, coalesce(r.no_request, 0) AS no_request
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND r.month = substr(OLD.closed_on, 1, 7)) n) f,
    (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE f.met <> 0
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
-- 三个一 counts only pairs in the pairing list: pairing or unpairing moves the pair's met months.
CREATE TRIGGER `activity_assignment_insert` AFTER INSERT ON `assignments`
BEGIN
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT r.programme_id, g.dimension, r.month, g.group_key, 0, 0, 1
  FROM activity_pair_months r, (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND (r.onsite > 0 AND (r.solved > 0 OR r.no_request > 0))
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_assignment_update` AFTER UPDATE OF programme_id, officer_id, enterprise_id ON `assignments`
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.officer_id IS NOT NEW.officer_id OR OLD.enterprise_id IS NOT NEW.enterprise_id
BEGIN
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT r.programme_id, g.dimension, r.month, g.group_key, 0, 0, -1
  FROM activity_pair_months r, (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND (r.onsite > 0 AND (r.solved > 0 OR r.no_request > 0))
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT r.programme_id, g.dimension, r.month, g.group_key, 0, 0, 1
  FROM activity_pair_months r, (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = NEW.officer_id), '')
      UNION ALL SELECT 'o', 'officer', NEW.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = NEW.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = NEW.enterprise_id), '')) g
  WHERE r.programme_id = NEW.programme_id AND r.officer_id = NEW.officer_id AND r.enterprise_id = NEW.enterprise_id AND (r.onsite > 0 AND (r.solved > 0 OR r.no_request > 0))
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_assignment_delete` AFTER DELETE ON `assignments`
BEGIN
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT r.programme_id, g.dimension, r.month, g.group_key, 0, 0, -1
  FROM activity_pair_months r, (SELECT 'e' AS fam, 'total' AS dimension, 'all' AS group_key
      UNION ALL SELECT 'u', 'unit', coalesce((SELECT unit_id FROM users WHERE id = OLD.officer_id), '')
      UNION ALL SELECT 'o', 'officer', OLD.officer_id
      UNION ALL SELECT 'e', 'chain', coalesce((SELECT chain_id FROM enterprises WHERE id = OLD.enterprise_id), '')
      UNION ALL SELECT 'e', 'region', coalesce((SELECT region FROM enterprises WHERE id = OLD.enterprise_id), '')) g
  WHERE r.programme_id = OLD.programme_id AND r.officer_id = OLD.officer_id AND r.enterprise_id = OLD.enterprise_id AND (r.onsite > 0 AND (r.solved > 0 OR r.no_request > 0))
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
END;
--> statement-breakpoint
-- An officer moving to another unit takes their counts along (a unit's are the sum of its officers');
-- the distinct enterprises of both units are counted again from their pair-months.
CREATE TRIGGER `activity_user_unit` AFTER UPDATE OF unit_id ON `users` WHEN coalesce(OLD.unit_id, '') <> coalesce(NEW.unit_id, '')
BEGIN
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT c.programme_id, 'unit', c.month, u.group_key, u.sign * c.contacts, u.sign * c.onsite, u.sign * c.met
  FROM (SELECT programme_id, month, contacts, onsite, met FROM activity_counts
      WHERE programme_id IN (SELECT id FROM programmes) AND dimension = 'officer' AND group_key = NEW.id) c,
    (SELECT coalesce(OLD.unit_id, '') AS group_key, -1 AS sign UNION ALL SELECT coalesce(NEW.unit_id, ''), 1) u
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  DELETE FROM activity_reach WHERE programme_id IN (SELECT id FROM programmes) AND dimension = 'unit' AND group_key IN (coalesce(OLD.unit_id, ''), coalesce(NEW.unit_id, ''));
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT programme_id, 'unit', month, group_key, prev, count(*)
  FROM (SELECT programme_id, group_key, month,
      coalesce(lag(month) OVER (PARTITION BY programme_id, group_key, enterprise_id ORDER BY month), '') AS prev
    FROM (SELECT DISTINCT x.programme_id, coalesce(u.unit_id, '') AS group_key, x.enterprise_id, x.month
      FROM users u JOIN activity_pair_months x ON x.programme_id IN (SELECT id FROM programmes) AND x.officer_id = u.id
      WHERE coalesce(u.unit_id, '') IN (coalesce(OLD.unit_id, ''), coalesce(NEW.unit_id, '')) AND x.memos > 0))
  GROUP BY programme_id, group_key, month, prev;
END;
--> statement-breakpoint
-- An enterprise moving to another chain or region takes its counts and its months along.
CREATE TRIGGER `activity_enterprise_groups` AFTER UPDATE OF chain_id, region ON `enterprises` WHEN coalesce(OLD.chain_id, '') <> coalesce(NEW.chain_id, '') OR coalesce(OLD.region, '') <> coalesce(NEW.region, '')
BEGIN
  INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
  SELECT c.programme_id, k.dimension, c.month, k.group_key, k.sign * c.contacts, k.sign * c.onsite, k.sign * c.met
  FROM (SELECT x.programme_id, x.month, sum(x.memos) AS contacts, sum(x.onsite) AS onsite,
        sum((x.onsite > 0 AND (x.solved > 0 OR x.no_request > 0)) AND EXISTS (SELECT 1 FROM assignments a WHERE a.programme_id = x.programme_id AND a.officer_id = x.officer_id AND a.enterprise_id = x.enterprise_id)) AS met
      FROM activity_pair_months x WHERE x.programme_id IN (SELECT id FROM programmes) AND x.enterprise_id = NEW.id
      GROUP BY x.programme_id, x.month) c,
    (SELECT 'chain' AS dimension, coalesce(OLD.chain_id, '') AS group_key, -1 AS sign WHERE coalesce(OLD.chain_id, '') <> coalesce(NEW.chain_id, '')
      UNION ALL SELECT 'chain', coalesce(NEW.chain_id, ''), 1 WHERE coalesce(OLD.chain_id, '') <> coalesce(NEW.chain_id, '')
      UNION ALL SELECT 'region', coalesce(OLD.region, ''), -1 WHERE coalesce(OLD.region, '') <> coalesce(NEW.region, '')
      UNION ALL SELECT 'region', coalesce(NEW.region, ''), 1 WHERE coalesce(OLD.region, '') <> coalesce(NEW.region, '')) k
  WHERE c.contacts <> 0 OR c.met <> 0
  ON CONFLICT (programme_id, dimension, month, group_key) DO UPDATE SET contacts = contacts + excluded.contacts,
    onsite = onsite + excluded.onsite, met = met + excluded.met;
  INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
  SELECT v.programme_id, k.dimension, v.month, k.group_key, v.prev, k.sign
  FROM (SELECT programme_id, month, coalesce(lag(month) OVER (PARTITION BY programme_id ORDER BY month), '') AS prev
      FROM (SELECT DISTINCT programme_id, month FROM activity_pair_months
        WHERE programme_id IN (SELECT id FROM programmes) AND enterprise_id = NEW.id AND memos > 0)) v,
    (SELECT 'chain' AS dimension, coalesce(OLD.chain_id, '') AS group_key, -1 AS sign WHERE coalesce(OLD.chain_id, '') <> coalesce(NEW.chain_id, '')
      UNION ALL SELECT 'chain', coalesce(NEW.chain_id, ''), 1 WHERE coalesce(OLD.chain_id, '') <> coalesce(NEW.chain_id, '')
      UNION ALL SELECT 'region', coalesce(OLD.region, ''), -1 WHERE coalesce(OLD.region, '') <> coalesce(NEW.region, '')
      UNION ALL SELECT 'region', coalesce(NEW.region, ''), 1 WHERE coalesce(OLD.region, '') <> coalesce(NEW.region, '')) k
  WHERE true
  ON CONFLICT (programme_id, dimension, month, group_key, prev) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- No row of zeros is kept, as a rebuild from the raw rows would not make one.
CREATE TRIGGER `activity_pair_months_zero` AFTER UPDATE ON `activity_pair_months` WHEN NEW.memos = 0 AND NEW.onsite = 0 AND NEW.no_request = 0 AND NEW.solved = 0
BEGIN
  DELETE FROM activity_pair_months WHERE programme_id = NEW.programme_id AND officer_id = NEW.officer_id
    AND enterprise_id = NEW.enterprise_id AND month = NEW.month;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_counts_zero` AFTER UPDATE ON `activity_counts` WHEN NEW.contacts = 0 AND NEW.onsite = 0 AND NEW.met = 0
BEGIN
  DELETE FROM activity_counts WHERE programme_id = NEW.programme_id AND dimension = NEW.dimension AND month = NEW.month
    AND group_key = NEW.group_key;
END;
--> statement-breakpoint
CREATE TRIGGER `activity_reach_zero` AFTER UPDATE ON `activity_reach` WHEN NEW.n = 0
BEGIN
  DELETE FROM activity_reach WHERE programme_id = NEW.programme_id AND dimension = NEW.dimension AND month = NEW.month
    AND group_key = NEW.group_key AND prev = NEW.prev;
END;
--> statement-breakpoint
-- The rows stored before this migration (worker/stats/activity-rollup.ts activityRecomputeStatements()).
DELETE FROM activity_pair_months;
--> statement-breakpoint
INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
SELECT programme_id, officer_id, enterprise_id, month, sum(memos), sum(onsite), sum(no_request), sum(solved)
FROM (
  SELECT programme_id, officer_id, enterprise_id, substr(visit_date, 1, 7) AS month, count(*) AS memos,
    sum(mode = 'onsite') AS onsite, sum(no_request) AS no_request, 0 AS solved
  FROM memos GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT programme_id, officer_id, enterprise_id, substr(closed_on, 1, 7), 0, 0, 0, count(*)
  FROM problems WHERE status = 'closed' AND closed_on IS NOT NULL GROUP BY 1, 2, 3, 4
)
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
DELETE FROM activity_counts;
--> statement-breakpoint
WITH r AS MATERIALIZED (
  SELECT p.programme_id, p.officer_id, p.month, p.memos, p.onsite,
    (p.onsite > 0 AND (p.solved > 0 OR p.no_request > 0) AND a.id IS NOT NULL) AS met,
    coalesce(u.unit_id, '') AS unit, coalesce(e.chain_id, '') AS chain, coalesce(e.region, '') AS region
  FROM activity_pair_months p
    LEFT JOIN users u ON u.id = p.officer_id
    LEFT JOIN enterprises e ON e.id = p.enterprise_id
    LEFT JOIN assignments a ON a.programme_id = p.programme_id AND a.officer_id = p.officer_id AND a.enterprise_id = p.enterprise_id
)
INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
SELECT programme_id, dimension, month, group_key, sum(memos), sum(onsite), sum(met)
FROM (
  SELECT programme_id, 'total' AS dimension, month, 'all' AS group_key, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'unit', month, unit, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'officer', month, officer_id, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'chain', month, chain, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'region', month, region, memos, onsite, met FROM r
)
GROUP BY programme_id, dimension, month, group_key
HAVING sum(memos) <> 0 OR sum(onsite) <> 0 OR sum(met) <> 0;
--> statement-breakpoint
DELETE FROM activity_reach;
--> statement-breakpoint
WITH v AS MATERIALIZED (
  SELECT p.programme_id, p.officer_id, p.enterprise_id, p.month, coalesce(u.unit_id, '') AS unit
  FROM activity_pair_months p LEFT JOIN users u ON u.id = p.officer_id
  WHERE p.memos > 0
), ep AS (
  SELECT programme_id, enterprise_id, month,
    coalesce(lag(month) OVER (PARTITION BY programme_id, enterprise_id ORDER BY month), '') AS prev
  FROM (SELECT DISTINCT programme_id, enterprise_id, month FROM v)
), up AS (
  SELECT programme_id, unit, month, coalesce(lag(month) OVER (PARTITION BY programme_id, unit, enterprise_id ORDER BY month), '') AS prev
  FROM (SELECT DISTINCT programme_id, unit, enterprise_id, month FROM v)
), op AS (
  SELECT programme_id, officer_id, month,
    coalesce(lag(month) OVER (PARTITION BY programme_id, officer_id, enterprise_id ORDER BY month), '') AS prev
  FROM v
)
INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
SELECT programme_id, dimension, month, group_key, prev, count(*)
FROM (
  SELECT ep.programme_id, d.dimension, ep.month,
    CASE d.dimension WHEN 'total' THEN 'all' WHEN 'chain' THEN coalesce(e.chain_id, '') ELSE coalesce(e.region, '') END AS group_key, ep.prev
  FROM ep LEFT JOIN enterprises e ON e.id = ep.enterprise_id, (SELECT 'total' AS dimension UNION ALL SELECT 'chain' UNION ALL SELECT 'region') d
  UNION ALL SELECT programme_id, 'unit', month, unit, prev FROM up
  UNION ALL SELECT programme_id, 'officer', month, officer_id, prev FROM op
)
GROUP BY programme_id, dimension, month, group_key, prev;
