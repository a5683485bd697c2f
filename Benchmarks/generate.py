#!/usr/bin/env python3
"""Writes a national-scale data set in the contract's file formats, deterministically.

    python3 Benchmarks/generate.py SCALE DIR [SHAPE]     SCALE: 1/16, 1/4, 1, 4 (or any number)

Scale 1 is a national deployment for a year: 50 agencies, 5,000 partners, 10 million
interactions and 1 million survey answers (the README's data formats). Parties grow with the square root of the
scale so that a relationship's activity also grows; every count is exact for a given scale, and
the same scale and shape always write the same bytes (seed 2011). DIR gets parties.csv,
surveys.csv, interactions.csv and tutahi.yaml with the benchmark's six indicators.

SHAPE is `national` (the default) or `wide`: data shaped unlike ours, with the same number of rows
but four times the partners per agency (20 agencies, 20,000 partners), attribute values of 40 to
120 bytes (free-text channels and a `note` column, some quoted for their commas) and twelve survey questions a response.
"""
import bisect
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

scale = eval(sys.argv[1], {"__builtins__": {}}) if "/" in sys.argv[1] else float(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(2011)

SHAPE = sys.argv[3] if len(sys.argv) > 3 else "national"
if SHAPE not in ("national", "wide"):
    sys.exit(f"unknown shape {SHAPE!r}: national or wide")
WIDE = SHAPE == "wide"
AGENCIES = max(2, round((20 if WIDE else 50) * math.sqrt(scale)))
PARTNERS = max(10, round((20000 if WIDE else 5000) * math.sqrt(scale)))
QUESTIONS = [f"T{q}" for q in range(1, 13 if WIDE else 5)]
INTERACTIONS = round(10_000_000 * scale)
ANSWERS = round(1_000_000 * scale)
START = datetime(2025, 7, 1, tzinfo=timezone.utc)
SECONDS = 365 * 86400
OFFSET = timezone(timedelta(hours=12))
KINDS = ["partner", "iwi", "hapu", "specialist", "community", "advisory", "business"]

with open(os.path.join(out, "parties.csv"), "w", newline="") as f:
    f.write("id,name,kind,region,tags\n")
    for a in range(AGENCIES):
        f.write(f"ag{a:03d},Agency {a},agency,National,\n")
    for p in range(PARTNERS):
        kind = KINDS[1 + p % (len(KINDS) - 1)]
        tags = "tangata_whenua" if kind in ("iwi", "hapu") else ""
        f.write(f"p{p:05d},Partner {p},{kind},Region {p % 16},{tags}\n")

# Each partner works with a few agencies; relationship weights skew activity.
pairs = []
for p in range(PARTNERS):
    for a in rng.sample(range(AGENCIES), k=min(AGENCIES, 2 + p % 4)):
        pairs.append((f"ag{a:03d}", f"p{p:05d}", rng.random()))
cumulative, total = [], 0.0
for _, _, weight in pairs:
    total += 0.2 + weight
    cumulative.append(total)


def pick():
    return pairs[bisect.bisect_left(cumulative, rng.random() * total)]


def text(base):
    """An attribute value: short, or in the wide shape a free-text one of 40 to 120 bytes."""
    if not WIDE:
        return base
    words = ["kanohi ki te kanohi", "follow-up", "regional office", "whānau", "online", "agreed actions",
             "minutes circulated", "with the board", "by phone", "at the marae", "hui, then email"]
    value = base
    target = rng.randrange(40, 121)
    while len(value.encode()) < target:
        value += " " + words[rng.randrange(len(words))]
    return '"' + value.replace('"', '""') + '"' if "," in value else value


def stamp(seconds):
    return (START + timedelta(seconds=seconds)).astimezone(OFFSET).strftime("%Y-%m-%dT%H:%M:%S+12:00")


with open(os.path.join(out, "interactions.csv"), "w", newline="") as f:
    f.write("id,kind,from,to,at,ref,due,mode,channel" + (",note" if WIDE else "") + "\n")
    note = (lambda: "," + text("note")) if WIDE else (lambda: "")
    n = 0
    while n < INTERACTIONS:
        agency, partner, health = pick()
        at = rng.randrange(40 * 86400, SECONDS - 40 * 86400)
        roll = rng.random()
        if roll < 0.4:  # a request, answered (or not) by the agency
            f.write(f"i{n:09d},request,{partner},{agency},{stamp(at)},,,,{text('email')}{note()}\n")
            n += 1
            if n < INTERACTIONS and rng.random() < 0.5 + 0.45 * health:
                reply = at + rng.randrange(1, 20 * 86400)
                f.write(f"i{n:09d},response,{agency},{partner},{stamp(reply)},i{n - 1:09d},,,{text('email')}{note()}\n")
                n += 1
        elif roll < 0.7:  # a decision, made with or without the partner, perhaps consulted on first
            mode = "co-design" if rng.random() < health else "informed"
            ref = ""
            if n + 1 < INTERACTIONS and rng.random() < 0.3 + 0.6 * health:
                consulted = at - rng.randrange(0, 30 * 86400)
                f.write(f"i{n:09d},consultation,{agency},{partner},{stamp(consulted)},,,,{text('hui')}{note()}\n")
                ref = f"i{n:09d}"
                n += 1
            f.write(f"i{n:09d},decision,{agency},{partner},{stamp(at)},{ref},,{mode},{note()}\n")
            n += 1
        else:  # a hui or meeting
            kind = "hui" if rng.random() < 0.5 else "meeting"
            channel = text("in person" if rng.random() < health else "online")
            f.write(f"i{n:09d},{kind},{agency},{partner},{stamp(at)},,,,{channel}{note()}\n")
            n += 1

with open(os.path.join(out, "surveys.csv"), "w", newline="") as f:
    f.write("response_id,respondent,about,question,value,submitted_at\n")
    n, r = 0, 0
    while n < ANSWERS:
        agency, partner, health = pick()
        at = stamp(rng.randrange(SECONDS))
        r += 1
        for question in QUESTIONS:
            if n >= ANSWERS:
                break
            value = max(1, min(5, round(1 + 4 * health + rng.gauss(0, 0.8))))
            f.write(f"s{r:08d},{partner},{agency},{question},{value},{at}\n")
            n += 1

with open(os.path.join(out, "tutahi.yaml"), "w") as f:
    f.write(f"""# The benchmark's configuration: the six indicators the DuckDB baseline also computes.
version: 1
timezone: Pacific/Auckland
data:
  parties: parties.csv
  surveys: [surveys.csv]
  interactions: [interactions.csv]
dimensions:
  trust: {{}}
  responsiveness: {{}}
  partnership: {{}}
  voice: {{}}
  good_faith: {{}}
indicators:
  - {{id: trust_q, plugin: survey_scale, dimension: trust, questions: [{", ".join(QUESTIONS)}], min_n: 5}}
  - {{id: replies, plugin: follow_through, dimension: responsiveness, open: {{kind: request}},
     close: {{kind: response}}, within: 10d}}
  - {{id: replies_wd, plugin: follow_through, dimension: responsiveness, open: {{kind: request}},
     close: {{kind: response}}, within: 10wd, calendar: nz}}
  - {{id: contact, plugin: engagement, dimension: voice, kinds: [hui, meeting], target: 12}}
  - {{id: co_design, plugin: ratio, dimension: partnership, target: 0.5,
     numerator: {{kind: decision, by: agency, where: {{mode: co-design}}}}, denominator: {{kind: decision, by: agency}}}}
  - {{id: notice, plugin: advance_notice, dimension: good_faith, min_notice: 5d}}
outputs:
  - {{type: json, path: out/scorecard.json}}
""")
print(f"scale {sys.argv[1]} ({SHAPE}): {AGENCIES} agencies, {PARTNERS} partners, {len(pairs)} relationships, "
      f"{INTERACTIONS} interactions, {ANSWERS} survey answers -> {out}")
