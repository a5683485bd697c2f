#!/usr/bin/env python3
"""The benchmark's baseline: the same six indicators as SQL over the same files, with DuckDB.

    python3 Benchmarks/duckdb_baseline.py DIR AS_OF [SCORECARD]

DIR is a data set from generate.py; AS_OF a date (the check runs as of the end of that date,
Pacific/Auckland). Prints the wall time. With SCORECARD (tutahi's JSON for the same data and
as-of), compares value, score and n of every relationship × indicator and exits 1 on a mismatch,
so the race is between equal results.

Working days come from the `holidays` package's New Zealand calendar (an independent reference),
weekends and national holidays with their Mondayised days.
"""
import json
import re
import sys
import time
from datetime import date, timedelta

import duckdb
import holidays

directory, as_of = sys.argv[1], sys.argv[2]
questions = re.search(r"id: trust_q, .*questions: \[([^\]]*)\]", open(f"{directory}/tutahi.yaml").read()).group(1)
questions = [q.strip() for q in questions.split(",")]
min_items = (len(questions) + 1) // 2  # survey_scale's default: half the questions, rounded up
questions = ", ".join(f"'{q}'" for q in questions)
started = time.perf_counter()
db = duckdb.connect()
db.execute("SET TimeZone = 'Pacific/Auckland'")
# As of the end of the date: 00:00 local on the next day; the window is 365 local days back.
db.execute(f"""
    CREATE TEMP TABLE bounds AS SELECT
        (DATE '{as_of}' + INTERVAL 1 DAY)::TIMESTAMP::TIMESTAMPTZ AS as_of,
        (DATE '{as_of}' + INTERVAL 1 DAY - INTERVAL 365 DAY)::TIMESTAMP::TIMESTAMPTZ AS start""")
db.execute(f"CREATE TEMP TABLE parties AS SELECT * FROM read_csv('{directory}/parties.csv', header=true, all_varchar=true)")
db.execute(f"""CREATE TEMP TABLE events AS SELECT id, kind, "from" AS src, "to" AS dst, "at"::TIMESTAMPTZ AS ts, ref, mode, channel
    FROM read_csv('{directory}/interactions.csv', header=true, all_varchar=true)""")
db.execute(f"""CREATE TEMP TABLE answers AS SELECT response_id, respondent, about, question, value::INTEGER AS value,
    submitted_at::TIMESTAMPTZ AS ts FROM read_csv('{directory}/surveys.csv', header=true, all_varchar=true)""")
# Relationships: agency–partner pairs with any data before as-of (the README's `relationships: auto`).
db.execute("""
    CREATE TEMP TABLE rel AS
    WITH pairs AS (
        SELECT CASE WHEN a.kind = 'agency' THEN e.src ELSE e.dst END AS agency,
               CASE WHEN a.kind = 'agency' THEN e.dst ELSE e.src END AS partner
        FROM events e JOIN parties a ON a.id = e.src, bounds WHERE e.ts < bounds.as_of
        UNION SELECT about, respondent FROM answers, bounds WHERE answers.ts < bounds.as_of)
    SELECT DISTINCT pairs.* FROM pairs JOIN parties a ON a.id = pairs.agency AND a.kind = 'agency'
    JOIN parties p ON p.id = pairs.partner AND p.kind <> 'agency'""")
# The `nz` calendar: per date, the running count of working days up to and including it.
nz = holidays.NZ(years=range(2020, 2031))
day, count, calendar = date(2020, 1, 1), 0, []
while day < date(2031, 1, 1):
    working = day.weekday() < 5 and day not in nz
    count += working
    calendar.append((day, count, working))
    day += timedelta(days=1)
db.execute("CREATE TEMP TABLE workdays (day DATE, n INTEGER, working BOOLEAN)")
db.executemany("INSERT INTO workdays VALUES (?, ?, ?)", calendar)
results = {}

def collect(indicator, sql):
    for agency, partner, value, score, n in db.execute(sql).fetchall():
        results[(agency, partner, indicator)] = (value, score, n)

# survey_scale: each response's mean of its questions (at least half of them), n responses, min_n 5.
collect("trust_q", f"""
    WITH r AS (SELECT about AS agency, respondent AS partner, response_id, avg(value) AS s, count(*) AS k
               FROM answers, bounds WHERE ts >= bounds.start AND ts < bounds.as_of
                 AND question IN ({questions}) AND value BETWEEN 1 AND 5
               GROUP BY ALL HAVING count(*) >= {min_items})
    SELECT rel.agency, rel.partner,
           CASE WHEN count(r.s) >= 5 THEN avg(r.s) END, CASE WHEN count(r.s) >= 5 THEN 100 * (avg(r.s) - 1) / 4 END,
           count(r.s)
    FROM rel LEFT JOIN r USING (agency, partner) GROUP BY ALL""")


def follow_through(indicator, deadlines):
    """follow_through over requests by the partner, whose deadline (from `deadlines`: a query giving
    each request's id, agency, partner, at and deadline) is in the window; on time when the agency's
    first response (ref = its id, at >= its at) comes by the deadline."""
    collect(indicator, f"""
        WITH o AS ({deadlines}),
             w AS (SELECT o.* FROM o, bounds WHERE o.deadline >= bounds.start AND o.deadline < bounds.as_of),
             c AS (SELECT w.id, min(r.ts) AS first FROM w JOIN events r ON r.ref = w.id AND r.kind = 'response'
                   AND r.src = w.agency AND r.dst = w.partner AND r.ts >= w.ts, bounds WHERE r.ts < bounds.as_of GROUP BY w.id)
        SELECT rel.agency, rel.partner,
               CASE WHEN count(w.id) >= 1 THEN count(CASE WHEN c.first <= w.deadline THEN 1 END) / count(w.id) END,
               CASE WHEN count(w.id) >= 1 THEN 100 * count(CASE WHEN c.first <= w.deadline THEN 1 END) / count(w.id) END,
               count(w.id)
        FROM rel LEFT JOIN w USING (agency, partner) LEFT JOIN c ON c.id = w.id GROUP BY ALL""")


# `within: 10d`: ten local calendar days after the request.
follow_through("replies", """
    SELECT e.id, e.dst AS agency, e.src AS partner, e.ts, e.ts + INTERVAL 10 DAY AS deadline
    FROM events e WHERE e.kind = 'request'""")
# `within: 10wd`: the end of the tenth working day after the request's local date (that date itself
# never counts).
follow_through("replies_wd", """
    SELECT e.id, e.dst AS agency, e.src AS partner, e.ts, (last.day + INTERVAL 1 DAY)::TIMESTAMP::TIMESTAMPTZ AS deadline
    FROM events e JOIN workdays d ON d.day = e.ts::DATE JOIN workdays last ON last.n = d.n + 10 AND last.working
    WHERE e.kind = 'request'""")
# engagement: hui and meetings between the pair in the window, target 12.
collect("contact", """
    WITH m AS (SELECT CASE WHEN src LIKE 'ag%' THEN src ELSE dst END AS agency,
                      CASE WHEN src LIKE 'ag%' THEN dst ELSE src END AS partner
               FROM events, bounds WHERE kind IN ('hui','meeting') AND ts >= bounds.start AND ts < bounds.as_of)
    SELECT rel.agency, rel.partner, count(m.agency), 100 * least(count(m.agency) / 12, 1), count(m.agency)
    FROM rel LEFT JOIN m USING (agency, partner) GROUP BY ALL""")
# ratio: co-designed decisions by the agency over its decisions, target 0.5.
collect("co_design", """
    WITH d AS (SELECT src AS agency, dst AS partner, mode FROM events, bounds
               WHERE kind = 'decision' AND ts >= bounds.start AND ts < bounds.as_of)
    SELECT rel.agency, rel.partner,
           CASE WHEN count(d.agency) >= 1 THEN count(CASE WHEN d.mode = 'co-design' THEN 1 END) / count(d.agency) END,
           CASE WHEN count(d.agency) >= 1 THEN 100 * least(count(CASE WHEN d.mode = 'co-design' THEN 1 END) / count(d.agency) / 0.5, 1) END,
           count(d.agency)
    FROM rel LEFT JOIN d USING (agency, partner) GROUP BY ALL""")
# advance_notice: decisions by the agency in the window, adequate when the event their `ref` names is
# the agency's consultation with the same partner at least 5 days (local calendar days) before.
collect("notice", """
    WITH d AS (SELECT e.id, e.src AS agency, e.dst AS partner, e.ts, e.ref FROM events e, bounds
               WHERE e.kind = 'decision' AND e.ts >= bounds.start AND e.ts < bounds.as_of),
         a AS (SELECT d.id FROM d JOIN events c ON c.id = d.ref AND c.kind = 'consultation'
               AND c.src = d.agency AND c.dst = d.partner AND c.ts + INTERVAL 5 DAY <= d.ts)
    SELECT rel.agency, rel.partner,
           CASE WHEN count(d.id) >= 1 THEN count(a.id) / count(d.id) END,
           CASE WHEN count(d.id) >= 1 THEN 100 * count(a.id) / count(d.id) END,
           count(d.id)
    FROM rel LEFT JOIN d USING (agency, partner) LEFT JOIN a ON a.id = d.id GROUP BY ALL""")
elapsed = time.perf_counter() - started
print(f"duckdb: {elapsed:.2f} s, {len(results)} results")

if len(sys.argv) > 3:
    scorecard = json.load(open(sys.argv[3]))
    mismatches = 0
    seen = 0
    for relationship in scorecard["relationships"]:
        for indicator, result in relationship["indicators"].items():
            seen += 1
            key = (relationship["agency"], relationship["partner"], indicator)
            expected = results.get(key)
            ours = (result["value"], result["score"], result["n"])
            same = expected is not None and expected[2] == ours[2] and all(
                (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
                for a, b in zip(expected[:2], ours[:2]))
            if not same:
                mismatches += 1
                if mismatches <= 10:
                    print(f"mismatch {key}: duckdb {expected}, tutahi {ours}")
    if seen != len(results):
        print(f"tutahi has {seen} results, duckdb {len(results)}")
        mismatches += 1
    print("results equal" if mismatches == 0 else f"{mismatches} mismatches")
    sys.exit(1 if mismatches else 0)
