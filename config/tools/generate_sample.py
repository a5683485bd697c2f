#!/usr/bin/env python3
"""Writes the bundled sample data set under config/data, deterministically (seed 2011).

One region (Te Tai Tokerau / Northland), six agencies, 36 partners, two years of surveys and
interactions up to 2026-10-31. Re-run it and the files come out byte for byte the same:
    python3 config/tools/generate_sample.py

The sample tells a story, as monitoring of real relationships would: most relationships are
healthy; a few are sliding since June 2026 (trust falling, replies slowing); one was poor and is
recovering; two have long been poor; one rests on very little data.
"""
import csv, json, os, random
from datetime import datetime, timedelta, timezone

rng = random.Random(2011)
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "data")
NZST, NZDT = timezone(timedelta(hours=12)), timezone(timedelta(hours=13))
START, END = datetime(2024, 11, 1), datetime(2026, 10, 31)

agencies = [("msd", "Ministry of Social Development"), ("police", "New Zealand Police"),
            ("health", "Health New Zealand | Te Whatu Ora"), ("ot", "Oranga Tamariki"),
            ("justice", "Ministry of Justice"), ("tpk", "Te Puni Kōkiri")]
partners = []
for i, name in enumerate(["Ngāti Hine", "Te Rarawa", "Ngāpuhi", "Te Aupōuri", "Ngāti Kahu", "Ngāti Wai"]):
    partners.append((f"iwi-{i+1:02d}", f"Te Rūnanga o {name}", "iwi", "tangata_whenua"))
for i, name in enumerate(["Ngāti Rēhia", "Te Uri o Hau", "Ngāti Korokoro", "Te Māhurehure", "Ngāti Kura", "Ngāti Torehina"]):
    partners.append((f"hapu-{i+1:02d}", f"{name} hapū", "hapu", "tangata_whenua"))
for i, name in enumerate(["Whangārei Women's Refuge", "Kaitāia Safe Families", "Te Ara Oranga Trust",
                          "Mid North Family Support", "Hokianga Whānau Ora", "Dargaville Community Law",
                          "Bay of Islands Men's Project", "Te Hā Kōrero Sexual Harm Service"]):
    partners.append((f"spec-{i+1:02d}", name, "specialist", "fv_specialist"))
for i, name in enumerate(["Kerikeri Neighbourhood Trust", "Moerewa Community Hub", "Kaikohe Youth Collective",
                          "Pacific Families Northland", "Ruawai Community Network", "Whangārei Heads Residents",
                          "Ōkaihau Kaumātua Rōpū", "Northland Disability Voices", "Rainbow Northland",
                          "Matariki Kōhanga Whānau", "Tikipunga Food Bank", "Kawakawa Churches Together"]):
    partners.append((f"com-{i+1:02d}", name, "community", "pacific" if "Pacific" in name else ""))
partners.append(("adv-01", "Te Tai Tokerau Survivors Advisory Group", "advisory", "lived_experience"))
partners.append(("adv-02", "Northland Rangatahi Advisory", "advisory", "youth"))
partners.append(("bus-01", "Northland Chamber of Commerce", "business", ""))
partners.append(("bus-02", "Far North Employers Network", "business", ""))

def nz(dt):  # NZ offset by the usual DST rule: last Sunday of September to first Sunday of April
    y = dt.year
    start = max(datetime(y, 9, d) for d in range(24, 31) if datetime(y, 9, d).weekday() == 6)
    end = min(datetime(y, 4, d) for d in range(1, 8) if datetime(y, 4, d).weekday() == 6)
    return dt.replace(tzinfo=NZDT if (dt >= start.replace(hour=2) or dt < end.replace(hour=3)) else NZST)

def stamp(dt):
    return nz(dt).isoformat()

def when_from(generator):
    return START + timedelta(seconds=generator.randrange(int((END - START).total_seconds())))

def when():
    return when_from(rng)

# Each relationship has a health that shapes every measure, and a story: most are steady.
STORIES = {
    ("msd", "hapu-03"): "sliding", ("police", "spec-02"): "sliding", ("health", "iwi-02"): "sliding",
    ("ot", "com-04"): "sliding", ("justice", "iwi-04"): "recovering", ("tpk", "hapu-05"): "struggling",
    ("ot", "spec-06"): "struggling", ("health", "bus-02"): "thin",
}
pairs = []
for agency, _ in agencies:
    for pid, _, kind, _ in partners:
        chosen = rng.random() < 0.45 or (agency == "tpk" and kind in ("iwi", "hapu"))
        base = rng.uniform(0.72, 0.96)
        if chosen or (agency, pid) in STORIES:
            story = STORIES.get((agency, pid), "steady")
            pairs.append((agency, pid, 0.35 if story == "struggling" else base, story))

TURN = datetime(2026, 6, 1)

def health(pair, dt):
    h, story = pair[2], pair[3]
    if story == "sliding" and dt > TURN:
        h -= 0.8 * (dt - TURN).days / 150           # trust falls and replies slow from June
    elif story == "recovering":
        h = 0.3 if dt < datetime(2026, 3, 1) else min(0.9, 0.3 + 0.6 * (dt - datetime(2026, 3, 1)).days / 150)
    return max(0.05, min(0.98, h))

def amount(low, high, pair):
    """How many events of one kind a relationship has over the two years (few when its data is thin)."""
    return rng.randrange(low, high) if pair[3] != "thin" else rng.randrange(0, 2)

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "parties.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "kind", "region", "tags"])
    for aid, name in agencies:
        w.writerow([aid, name, "agency", "National", ""])
    for pid, name, kind, tags in partners:
        w.writerow([pid, name, kind, "Te Tai Tokerau", tags])

questions = {"T": 4, "R": 2, "G": 3, "P": 2, "V": 2}
rid = 0
with open(os.path.join(out, "survey_responses.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["response_id", "respondent", "about", "question", "value", "submitted_at"])
    for pair in pairs:
        for _ in range(amount(12, 22, pair)):
            dt = when()
            rid += 1
            h = health(pair, dt)
            for prefix, k in questions.items():
                if prefix == "P" and not pair[1].startswith(("iwi", "hapu")):
                    continue
                scale = 7 if prefix == "G" else 5
                for q in range(1, k + 1):
                    if rng.random() < 0.07:
                        continue  # not answered
                    v = round(1 + (scale - 1) * h + rng.gauss(0, 0.9))
                    v = max(1, min(scale, v))
                    if prefix == "T" and q == 3:
                        v = scale + 1 - v  # reverse-coded item
                    w.writerow([f"S{rid:05d}", pair[1], pair[0], f"{prefix}{q}", v, stamp(dt)])
    # A few rows a real export has: a typo'd timestamp, a stray text value, an unknown organisation.
    w.writerow(["S90001", "com-01", "msd", "T1", "4", "31/02/2026"])
    w.writerow(["S90002", "com-02", "msd", "T1", "four", "2026-03-02T10:00:00+13:00"])
    w.writerow(["S90003", "com-99", "msd", "T1", "4", "2026-03-02T10:00:00+13:00"])
    # Agencies' own view of some relationships (the same trust items), from a generator of their
    # own so that the rest of the sample stays as it was. Agency staff tend to see a relationship
    # more warmly than their partners do, some by a long way.
    mutual = random.Random(2026_13)
    aid = 0
    for pair in pairs:
        if mutual.random() > 0.4 and pair[3] not in ("sliding", "recovering"):
            continue
        warmth = mutual.uniform(0.0, 0.4)
        for _ in range(mutual.randrange(6, 14)):
            dt = when_from(mutual)
            aid += 1
            # An agency whose relationship is sliding has not noticed: its own view stays where it was.
            h = min(0.98, (pair[2] if pair[3] == "sliding" else health(pair, dt)) + warmth)
            for q in range(1, 5):
                v = max(1, min(5, round(1 + 4 * h + mutual.gauss(0, 0.7))))
                if q == 3:
                    v = 6 - v  # reverse-coded item
                w.writerow([f"A{aid:05d}", pair[0], pair[1], f"T{q}", v, stamp(dt)])

eid = 0
def event(kind, frm, to, dt, ref="", due="", **attrs):
    global eid
    eid += 1
    return {"id": f"e{eid:06d}", "kind": kind, "from": frm, "to": to, "at": stamp(dt), "ref": ref, "due": due, **attrs}

rows, meetings = [], []
for pair in pairs:
    agency, partner = pair[0], pair[1]
    for _ in range(amount(4, 14, pair)):  # requests and responses
        dt = when(); h = health(pair, dt)
        req = event("request", partner, agency, dt, channel=rng.choice(["email", "phone", "letter"]))
        rows.append(req)
        if rng.random() < 0.4 + 0.6 * h:
            rows.append(event("response", agency, partner, dt + timedelta(days=rng.expovariate(h ** 2 / 2.5)), ref=req["id"]))
    for _ in range(amount(0, 6, pair)):  # commitments with due dates
        dt = when(); h = health(pair, dt)
        due = (dt + timedelta(days=rng.randrange(14, 60))).date()
        c = event("commitment", agency, partner, dt, due=due.isoformat())
        rows.append(c)
        if rng.random() < 0.4 + 0.6 * h:
            rows.append(event("delivery", agency, partner, datetime.combine(due, datetime.min.time()) + timedelta(days=rng.gauss(-3 + 8 * (1 - h), 6)), ref=c["id"]))
    for _ in range(amount(0, 5, pair)):  # invoices and payments
        dt = when(); h = health(pair, dt)
        inv = event("invoice", partner, agency, dt)
        rows.append(inv)
        if rng.random() < 0.9:
            rows.append(event("payment", agency, partner, dt + timedelta(days=rng.expovariate(h / 12) / 3), ref=inv["id"]))
    for _ in range(amount(0, 5, pair)):  # consultations and decisions
        dt = when(); h = health(pair, dt)
        con = event("consultation", agency, partner, dt)
        rows.append(con)
        notice = rng.randrange(25, 60) if rng.random() < h else rng.randrange(0, 10)
        rows.append(event("decision", agency, partner, dt + timedelta(days=notice), ref=con["id"],
                          mode="co-design" if rng.random() < h * 0.8 else "informed"))
    for _ in range(amount(0, 4, pair)):  # feedback loops
        dt = when(); h = health(pair, dt)
        fb = event("feedback", partner, agency, dt)
        rows.append(fb)
        if rng.random() < h:
            rows.append(event("feedback_response", agency, partner, dt + timedelta(days=rng.randrange(1, 20) / h), ref=fb["id"]))
    for _ in range(amount(8, 20, pair) if pair[3] != "struggling" else rng.randrange(0, 4)):  # meetings and hui
        dt = when()
        kind = "hui" if partner.startswith(("iwi", "hapu")) or rng.random() < 0.3 else "meeting"
        frm, to = (agency, partner) if rng.random() < 0.5 else (partner, agency)
        meetings.append(event(kind, frm, to, dt, channel=rng.choice(["in person", "online"]),
                              senior=rng.choice(["yes", "no"])))

# Official information requests (decided within 20 working days, not counting 25 December to 15
# January), drawn from a generator of their own so that the rest of the sample stays as it was.
oia = random.Random(2026_12)
for pair in pairs:
    agency, partner = pair[0], pair[1]
    for _ in range(oia.randrange(0, 4) if pair[3] != "thin" else 0):
        dt = when_from(oia); h = health(pair, dt)
        req = event("oia_request", partner, agency, dt, channel="email")
        rows.append(req)
        if oia.random() < 0.6 + 0.4 * h:
            days = oia.uniform(7, 24) if oia.random() < 0.3 + 0.7 * h else oia.uniform(25, 60)
            rows.append(event("oia_response", agency, partner, dt + timedelta(days=days), ref=req["id"]))

rows.sort(key=lambda r: r["at"])
rows = [r for r in rows if r["at"] < "2026-10-31"]
with open(os.path.join(out, "interactions.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "kind", "from", "to", "at", "ref", "due", "channel", "mode"])
    for r in rows:
        w.writerow([r["id"], r["kind"], r["from"], r["to"], r["at"], r["ref"], r["due"], r.get("channel", ""), r.get("mode", "")])
    w.writerow(["x000001", "request", "ghost-trust", "msd", "2026-05-01T09:00:00+12:00", "", "", "email", ""])
meetings.sort(key=lambda r: r["at"])
with open(os.path.join(out, "hui.jsonl"), "w", encoding="utf-8") as f:
    for m in meetings:
        m = {k: v for k, v in m.items() if v != "" or k in ("ref",)}
        m["ref"] = None
        f.write(json.dumps(m, ensure_ascii=False) + "\n")
print(f"wrote {len(agencies) + len(partners)} parties, {rid} survey responses, "
      f"{len(rows)} interactions and {len(meetings)} hui and meetings to config/data")
