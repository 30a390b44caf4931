#!/usr/bin/env python3
"""Build Parley's actor resources from the shared data folder.

Usage: python3 scripts/build-actors.py [--shared PATH] [--out DIR]

Reads (relative to --shared, default ../shared):
  data/phoenix-actors/Phoenix.{Countries,International,MilNonState}.actors.txt  (TABARI actors)
  data/phoenix-actors/Phoenix.agents.txt                                       (TABARI agents)
  data/countries-mledoze/countries.json                                        (names, codes, demonyms, capitals)
  data/countryinfo/CountryInfo.120116.txt                                      (names, adjectives, cities)
  data/countryinfo/people_leaders.csv, people_gov.csv                          (dated office holders)
  data/world-leaders-wikidata/wikidata.csv                                     (heads of state/government to 2022)
  data/ud-english-ewt/en_ewt-ud-train.conllu                                   (which one-word aliases are ordinary words)
plus the hand-written supplements next to this script (scripts/actors-supplement.tsv,
scripts/agents-supplement.tsv) for entries the sources lack.

Writes into --out (default Sources/ParleyCoding/Resources):
  actors.tsv  phrase TAB code TAB dates TAB person TAB kind
              dates: "" or "YYYYMMDD-YYYYMMDD" (either side may be empty: open range)
              kind: country | capital | org | igo | ngo | group | person
  agents.tsv  phrase TAB sector            (role nouns, lower case, plurals expanded)
  places.tsv  place TAB ISO3 TAB kind       (capital | city | region | feature)

Standard library only; output is sorted, so runs are reproducible byte for byte.
"""
import argparse
import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Words written in lower case inside names (and matched in any case).
PARTICLES = {
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "della", "di", "la", "le", "du", "des",
    "al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "da", "do", "dos", "das", "y", "e", "ul",
    "wal", "wa", "fi", "et", "ou", "a", "an", "ad", "ash", "as", "az", "ar", "ed", "es", "ben",
}
# Short English words that must never be read as a code or acronym (all-caps headlines).
ENGLISH_SHORT = set("""
a ad ah am an and any are as at be bed ben big but by can cod cow cub day did do dog dom don eat end far few fig fin
for fun gab gas get go got gum had has he her hey hi him his hit hot how i id if in is it its jam job let lie lit
low mac mad man map mar may me men mix mob mod mrs my new no nor not now odd of off oil old on one or our out own
pan par pen per pet pig pin pit pop put ran rat red rim row run sad saw say sea see set she sir six so son sun tax
ten the tie tin to ton too top toy try two up us use van via war was way we wet who why win yes yet you aid arm
art ask bad bag ban bar bat bay bid bit box boy bus cap car cat cut den dry due ear egg era eye fan fat fee fit fly
fox gap guy hat ice ill ink jet joy key kid lab law lay leg lip log lot mid mud net nut oak owe pay pie pot raw rid
rod rub sat sin sit sky spy tap tea toe tom tub van vet via wax web wit won yen zoo
""".split())
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
HONORIFICS = {
    "ayatollah", "hojatolislam", "hojatoleslam", "sheikh", "sheik", "shaikh", "general", "gen", "gen.", "dr", "dr.",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prince", "princess", "king", "queen", "sultan", "emir", "amir",
    "colonel", "col.", "lt.", "major", "marshal", "field", "president", "prime", "minister", "sir", "dame", "lord",
    "admiral", "brigadier", "captain", "commander", "imam", "mullah", "grand", "crown", "rev.", "reverend",
}


def fold(s):
    """ASCII-fold accents the way the recogniser folds them (best effort)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def key_of(phrase):
    """Normalised match key: lower case, dots dropped, other punctuation splits words."""
    s = fold(phrase).lower().replace(".", "").replace("_", " ")
    return " ".join(w for w in re.split(r"[^0-9a-z\u0080-\uffff]+", s) if w)


def letters(word):
    return re.sub(r"[^A-Za-z]", "", word)


# ---------------------------------------------------------------------------------------------
# Casing: the recogniser derives its case rule from the phrase as written:
#   a word in CAPITALS (with a letter) must appear in capitals; a Capitalised word must start with
#   a capital; a lower-case word matches in any case.

def title_word(w, acronyms, person):
    if not w:
        return w
    if "." in w and len(letters(w)) <= 4 and not person:
        return w.upper()                                  # U.S., U.N., E.U.
    lw = w.lower()
    if lw in PARTICLES:
        return lw
    if not person and (lw in acronyms or (len(letters(w)) <= 4 and not re.search(r"[aeiouy]", lw) and letters(w))):
        return w.upper()
    parts = re.split(r"([-'])", w)
    out = []
    for i, p in enumerate(parts):
        if p in ("-", "'"):
            out.append(p)
            continue
        lp = p.lower()
        if i > 0 and parts[i - 1] == "'" and len(p) <= 1:
            out.append(lp)                                # Raja'i, Pakistan's
        elif lp in PARTICLES and i + 1 < len(parts):
            out.append(lp)                                # al-Assad, d'Ivoire
        else:
            out.append(p[:1].upper() + p[1:].lower())
    return "".join(out)


def tabari_phrase(raw, acronyms, person=False):
    """NAME_WITH_UNDERSCORES_ -> 'Name With Underscores' in recogniser casing; None when unusable."""
    s = raw.strip().rstrip("_").strip()
    s = re.sub(r"\([^)]*\)", " ", s)                      # drop (UNITED_STATES), (ERG)
    s = s.replace("_", " ")
    words = [w for w in s.split() if w]
    if not words:
        return None
    if len(words) == 1:
        w = words[0]
        n = len(letters(w))
        if n == 0:
            return None
        if n <= 3 and not person:
            lw = letters(w).lower()
            if "." in w:
                return w.upper()                          # U.S., U.N.
            if lw in ENGLISH_SHORT or lw in MONTHS or lw in PARTICLES:
                return None
            return w.upper()
    return " ".join(title_word(w, acronyms, person) for w in words)


def natural_phrase(s, acronyms, allow=()):
    """A name written in normal case (mledoze, wikidata): keep its casing, guard short codes."""
    s = s.strip()
    if not s:
        return None
    words = s.split()
    if len(words) == 1 and len(letters(s)) <= 3 and s not in allow:
        lw = letters(s).lower()
        if not s.isupper() or lw in ENGLISH_SHORT or lw in MONTHS:
            return None
    return s


# ---------------------------------------------------------------------------------------------
# Dates

def norm_date(d):
    d = d.strip()
    if not re.fullmatch(r"\d{6}|\d{8}", d):
        return None
    if len(d) == 6:
        yy = int(d[:2])
        d = ("19" if yy >= 30 else "20") + d
    return d


def parse_range(spec):
    """'970101-061231' | '>091201' | '<050231' | '20070801 - 20090931' -> 'start-end' or None (invalid)."""
    spec = spec.replace(" ", "")
    if not spec:
        return ""
    if spec.startswith(">"):
        d = norm_date(spec[1:])
        return None if d is None else d + "-"
    if spec.startswith("<"):
        d = norm_date(spec[1:])
        return None if d is None else "-" + d
    if "-" in spec:
        a, b = spec.split("-", 1)
        da, db = norm_date(a), norm_date(b)
        if da is None or db is None:
            return None
        return da + "-" + db
    return None


CODE_RE = re.compile(r"\[([^\]]*)\]")


# The Phoenix/CAMEO dictionaries keep a few old CAMEO country codes that differ from ISO 3166 alpha-3.
# Parley speaks ISO 3166 alpha-3 everywhere (country-names.tsv, places.tsv, the gold PLOVER records), so the
# country part of every actor code is normalised here. Regional and pseudo-country codes (IGO, NGO, IMG, AFR,
# MEA, ...) and historical ISO codes (SUN, DDR, CSK, SCG) are kept as they are.
CAMEO_TO_ISO = {
    "ANG": "AGO",   # Angola
    "TMP": "TLS",   # East Timor / Timor-Leste
    "SRP": "BIH",   # Republika Srpska, an entity of Bosnia and Herzegovina
    "ROM": "ROU",   # Romania (CAMEO before 2002)
    "ZAR": "COD",   # Zaire / DR Congo
    "ITL": "ITA",   # Italy (older CAMEO)
    "JAP": "JPN",   # Japan (older CAMEO)
    "KSV": "UNK",   # Kosovo: the code countries-mledoze (and so country-names.tsv) uses
}


def iso_code(code):
    """An actor code with its leading country part in ISO 3166 alpha-3 (see CAMEO_TO_ISO)."""
    head = code[:3]
    return CAMEO_TO_ISO.get(head, head) + code[3:] if head in CAMEO_TO_ISO else code


def parse_codes(text):
    """All [CODE dates] groups on a line -> [(code, range)]; '---' and malformed dates skipped."""
    out = []
    for inner in CODE_RE.findall(text):
        inner = inner.strip()
        if not inner:
            continue
        parts = inner.split(None, 1)
        code = parts[0].strip()
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            continue
        rng = parse_range(parts[1]) if len(parts) > 1 else ""
        if rng is None:
            continue
        out.append((code, rng))
    return out


# ---------------------------------------------------------------------------------------------
# TABARI actor files

def read_tabari(path):
    """Entries: dict(head, synonyms, codes, comment) in file order."""
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            body, _, comment = line.partition("#")
            if not body.strip():
                continue
            if body[0] in " \t":
                if cur is not None:
                    cur["codes"].extend(parse_codes(body))
                continue
            if body.startswith("+"):
                if cur is not None:
                    name = CODE_RE.sub("", body[1:]).strip()
                    if name:
                        cur["synonyms"].append(name)
                    cur["codes"].extend(parse_codes(body))
                continue
            name = CODE_RE.sub("", body).strip()
            cur = {"head": name, "synonyms": [], "codes": parse_codes(body), "comment": comment}
            entries.append(cur)
    return entries


# ---------------------------------------------------------------------------------------------
# CountryInfo

def read_countryinfo(path):
    countries = []
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        def field(tag):
            m = re.search(r"<%s>(.*?)</%s>" % (re.escape(tag), re.escape(tag)), block, re.S)
            if not m:
                return []
            vals = []
            for ln in m.group(1).split("\n"):
                ln = ln.split("#")[0].strip()
                if ln:
                    vals.append(ln)
            return vals
        code = (field("ISO3166-alpha3") or field("CountryCode") or [""])[0]
        if not re.fullmatch(r"[A-Z]{3}", code):
            code = (field("CountryCode") or [""])[0]
        if not re.fullmatch(r"[A-Z]{3}", code):
            continue
        countries.append({
            "code": code,
            "name": (field("CountryName") or [""])[0],
            "iso2": (field("ISO3166-alpha2") or [""])[0],
            "nationality": field("Nationality"),
            "capital": field("Capital"),
            "cities": field("MajorCities"),
            "regions": field("Regions"),
            "features": field("GeogFeatures"),
        })
    return countries


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("PARLEY_SHARED", os.path.join(os.path.dirname(ROOT), "shared")))
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources", "ParleyCoding", "Resources"))
    args = ap.parse_args()
    data = os.path.join(args.shared, "data")
    px = os.path.join(data, "phoenix-actors")

    countries_tab = read_tabari(os.path.join(px, "Phoenix.Countries.actors.txt"))
    intl_tab = read_tabari(os.path.join(px, "Phoenix.International.actors.txt"))
    mil_tab = read_tabari(os.path.join(px, "Phoenix.MilNonState.actors.txt"))
    with open(os.path.join(data, "countries-mledoze", "countries.json"), encoding="utf-8") as f:
        mledoze = json.load(f)
    cinfo = read_countryinfo(os.path.join(data, "countryinfo", "CountryInfo.120116.txt"))

    # Acronyms: single short words used as whole entries in the dictionaries (UN, EU, AU, UAE ...).
    acronyms = set()
    for e in countries_tab + intl_tab + mil_tab:
        for n in [e["head"]] + e["synonyms"]:
            w = n.strip().rstrip("_")
            if re.fullmatch(r"[A-Z]{2,3}", w) and w.lower() not in ENGLISH_SHORT and w.lower() not in PARTICLES:
                acronyms.add(w.lower())
    for c in mledoze:
        for a in c.get("altSpellings", []):
            if re.fullmatch(r"[A-Z]{2,4}", a):
                acronyms.add(a.lower())

    rows = {}          # (key, code, dates) -> row ; first writer wins (priority order of sources)
    name_owner = {}    # key -> kind priority holder for non-person names (one code per name)
    counts = {}

    entry_seq = [0]

    def new_entry():
        entry_seq[0] += 1
        return entry_seq[0]

    def add(phrase, code, dates="", person="", kind="org", entry=None):
        """One row. Non-person names belong to the first entry (source priority) that names them."""
        if not phrase:
            return
        code = iso_code(code)
        k = key_of(phrase)
        if not k:
            return
        if kind != "person":
            owner = entry if entry is not None else ("code", code)
            if name_owner.setdefault(k, owner) != owner:
                return
        rk = (k, code, dates, person if kind == "person" else "")
        if rk in rows:
            return
        rows[rk] = (phrase, code, dates, person, kind)
        counts[kind] = counts.get(kind, 0) + 1

    places = {}

    def add_place(name, iso3, kind):
        if not name:
            return
        k = key_of(name)
        if k and k not in places:
            places[k] = (name, iso3, kind)

    # 1. Hand-written supplement first (seats of power, groups missing from the sources).
    supp = os.path.join(HERE, "actors-supplement.tsv")
    supplement_keys = []
    if os.path.exists(supp):
        with open(supp, encoding="utf-8") as f:
            for ln in f:
                if not ln.strip() or ln.startswith("#"):
                    continue
                cols = ln.rstrip("\n").split("\t") + ["", "", "", ""]
                supplement_keys.append(key_of(cols[0]))
                add(cols[0], cols[1], cols[2], cols[3], cols[4] or ("person" if cols[3] else "org"))

    # 2. Country names: mledoze (names, official names, safe codes, demonyms).
    iso3_set = {c["cca3"] for c in mledoze}
    ci_by_code = {c["code"]: c for c in cinfo}
    safe_iso2 = {"US", "UK"}                 # two-letter codes are read only where news writes them
    # sovereign states first, so a shared demonym ("American") goes to the state
    for c in sorted(mledoze, key=lambda c: (not c.get("unMember", False), not c.get("independent", False), c["cca3"])):
        code = c["cca3"]
        names = [c["name"]["common"], c["name"]["official"]]
        for a in c.get("altSpellings", []):
            if re.fullmatch(r"[A-Z]{2}", a):
                if a in safe_iso2:
                    names.append(a)
                continue
            if "," in a:
                continue                                  # "Iran, Islamic Republic of"
            if not all(ord(ch) < 0x250 for ch in a):
                continue
            names.append(a)
        for n in names:
            add(natural_phrase(n, acronyms, safe_iso2), code, kind="country")
            if n.startswith("United") or n.startswith("Republic") or n.startswith("Democratic") \
                    or n.startswith("Kingdom") or n.startswith("Islamic") or n.startswith("Federal") \
                    or n.startswith("State of") or n.startswith("People"):
                add("the " + n, code, kind="country")
        dem = (c.get("demonyms") or {}).get("eng") or {}
        for d in sorted(set(v for v in dem.values() if v)):
            add(d, code, kind="country")
            if not re.search(r"(ese|ss|sh|ch|s)$", d):
                add(d + "s", code, kind="country")
    # 3. CountryInfo names and adjectives.
    for c in cinfo:
        code = c["code"]
        add(tabari_phrase(c["name"], acronyms), code, kind="country")
        for n in c["nationality"]:
            add(tabari_phrase(n, acronyms), code, kind="country")

    # Places: capitals (metonyms for the government), cities, regions, features.
    capital_keys = {}
    for c in mledoze:
        for cap in c.get("capital", []):
            capital_keys.setdefault(key_of(cap), (cap, c["cca3"]))
            # "Washington D.C." -> also "Washington"
            short = re.sub(r",?\s+D\.?C\.?$", "", cap)
            if short != cap:
                capital_keys.setdefault(key_of(short), (short, c["cca3"]))
    for c in cinfo:
        for cap in c["capital"]:
            p = tabari_phrase(cap, acronyms)
            if p:
                capital_keys.setdefault(key_of(p), (p, c["code"]))
    place_keys = {}
    for c in cinfo:
        for field, kind in (("cities", "city"), ("regions", "region"), ("features", "feature")):
            for n in c[field]:
                p = tabari_phrase(n, acronyms)
                if p:
                    place_keys.setdefault(key_of(p), (p, c["code"], kind))
    for k, (name, iso3) in sorted(capital_keys.items()):
        add_place(name, iso3, "capital")
        add(name, iso3, kind="capital")
    for k, (name, iso3, kind) in sorted(place_keys.items()):
        add_place(name, iso3, kind)

    # 4. Phoenix country dictionary: country blocks, institutions, people.
    ORG_WORDS = {"state", "government", "ministry", "party", "army", "force", "forces", "council", "front",
                 "organization", "organisation", "group", "movement", "brigade", "brigades", "committee", "union",
                 "republic", "islamic", "national", "people's", "peoples", "liberation", "assembly", "court",
                 "congress", "parliament", "administration", "authority", "agency", "office", "department",
                 "kingdom", "federation", "league", "regime", "command", "guard", "police", "service"}

    def is_person_entry(e):
        if "CountryInfo" in e["comment"]:
            return True
        if not any(r for _, r in e["codes"]):
            return False
        words = [w for w in re.split(r"[_ ]+", e["head"].lower()) if w]
        return 2 <= len(words) <= 6 and not any(w in ORG_WORDS for w in words)

    def person_aliases(head, syns):
        out = []
        for n in [head] + syns:
            p = tabari_phrase(n, acronyms, person=True)
            if not p:
                continue
            out.append(p)
            ws = p.split()
            while len(ws) > 2 and ws[0].lower() in HONORIFICS:
                ws = ws[1:]
                out.append(" ".join(ws))
        return out

    country_keys = {k for k, owner in name_owner.items()
                    if any(rows.get((k, c, "", ""), ("", "", "", "", ""))[4] in ("country",) for c in [owner[1]] if isinstance(owner, tuple))}
    for e in countries_tab:
        codes = e["codes"]
        if not codes:
            continue
        first = codes[0][0]
        head_key = key_of(tabari_phrase(e["head"], acronyms) or "")
        if "CountryInfo" not in e["comment"] and (all(len(c) == 3 for c, _ in codes) or head_key in country_keys):
            undated = [c for c, r in codes if not r]
            first = undated[0] if undated else max(codes, key=lambda cr: (cr[1].endswith("-"), cr[1]))[0]
            if head_key in country_keys and name_owner[head_key][1] != first and len(first) == 3:
                first = name_owner[head_key][1]
            # a country block: its names (minus places) code the country
            for n in [e["head"]] + e["synonyms"]:
                p = tabari_phrase(n, acronyms)
                if not p:
                    continue
                k = key_of(p)
                if k in capital_keys:
                    continue
                if k in place_keys:
                    continue
                add(p, first, kind="country")
            continue
        if is_person_entry(e):
            names = person_aliases(e["head"], e["synonyms"])
            if not names:
                continue
            canon = names[0]
            ws = canon.split()
            while len(ws) > 2 and ws[0].lower() in HONORIFICS:
                ws = ws[1:]
            canon = " ".join(ws)
            for n in names:
                for code, rng in codes:
                    add(n, code, rng, canon, "person")
        else:
            eid = new_entry()
            for n in [e["head"]] + e["synonyms"]:
                p = tabari_phrase(n, acronyms)
                for code, rng in codes:
                    add(p, code, rng, "", "org", eid)

    # 5. International organisations (IGO/NGO; corporations left out) and non-state groups.
    for tab, default_kind in ((intl_tab, "igo"), (mil_tab, "group")):
        for e in tab:
            codes = [(c, r) for c, r in e["codes"] if not c.startswith("MNC")]
            if not codes:
                continue
            person = any(r for _, r in codes) and default_kind == "igo"
            if person:
                names = person_aliases(e["head"], e["synonyms"])
                for n in names:
                    for code, rng in codes:
                        add(n, code, rng, names[0], "person")
                continue
            code = codes[0][0]
            kind = default_kind
            if default_kind == "igo":
                kind = "igo" if code.startswith("IGO") else ("ngo" if code.startswith("NGO") else "org")
            eid = new_entry()
            for n in [e["head"]] + e["synonyms"]:
                p = tabari_phrase(n, acronyms)
                for c2, rng in codes:
                    add(p, c2, rng, "", kind, eid)

    # 6. Dated leaders from CountryInfo CSVs and Wikidata.
    name_to_code = {}
    for c in cinfo:
        name_to_code[key_of(c["name"])] = c["code"]
    for c in mledoze:
        name_to_code.setdefault(key_of(c["name"]["common"]), c["cca3"])
        name_to_code.setdefault(key_of(c["name"]["official"]), c["cca3"])
    for fn in ("people_leaders.csv", "people_gov.csv"):
        path = os.path.join(data, "countryinfo", fn)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for r in csv.DictReader(f):
                code = name_to_code.get(key_of(r.get("country", "")))
                if not code:
                    continue
                name = tabari_phrase(r.get("name", ""), acronyms, person=True)
                if not name or len(name.split()) < 2:
                    continue
                a, b = norm_date(r.get("startYr", "")), norm_date(r.get("endYr", ""))
                rng = (a or "") + "-" + (b or "") if (a or b) else ""
                add(name, code + "GOV", rng, name, "person")
    wd = os.path.join(data, "world-leaders-wikidata", "wikidata.csv")
    if os.path.exists(wd):
        with open(wd, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                pos = r.get("positionLabel", "")
                if re.search(r"monarch of|Governor-General|co-prince|Co-Prince", pos) and r.get("country") != "United Kingdom":
                    continue
                code = name_to_code.get(key_of(r.get("country", "")))
                name = (r.get("officeholderLabel") or "").strip()
                if not code or not name or re.fullmatch(r"Q\d+", name) or len(name.split()) < 2:
                    continue
                a, b = r.get("start_year", "").strip(), r.get("end_year", "").strip()
                rng = ""
                if a or b:
                    rng = (a + "0101" if re.fullmatch(r"\d{4}", a) else "") + "-" + (b + "1231" if re.fullmatch(r"\d{4}", b) else "")
                add(name, code + "GOV", rng, name, "person")

    # 7. Agents.
    agents = {}
    with open(os.path.join(px, "Phoenix.agents.txt"), encoding="utf-8", errors="replace") as f:
        subs = {}
        for ln in f:
            body = ln.split("#")[0].strip()
            if not body:
                continue
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", body)
            if m:
                subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)~?\]", body)
            if not m:
                continue
            phrase, plural, sector = m.group(1).strip(), m.group(2), m.group(3)
            # Phoenix's PPL ("people", "men") is no CAMEO 1.1b3 role code (GDELT's type columns have none): the
            # general population is CVL.
            if sector == "PPL":
                sector = "CVL"
            forms = [phrase]
            for sym, repl in subs.items():
                if sym in phrase:
                    forms = [x.replace(sym, r) for x in forms for r in repl]
            expanded = []
            for x in forms:
                x = x.replace(" ", "_")
                stem = not x.endswith("_")
                x = x.strip("_")
                if not x or "," in x:
                    continue
                words = x.lower().split("_")
                last = words[-1]
                lasts = [last]
                if stem and last.endswith("minist"):
                    lasts = [last + "er", last + "ers", last + "ry", last + "ries"]
                elif plural is None or plural == "{}":
                    if last.endswith("man"):
                        lasts.append(last[:-3] + "men")
                    elif re.search(r"[^aeiou]y$", last):
                        lasts.append(last[:-1] + "ies")
                    elif re.search(r"(s|x|z|ch|sh)$", last):
                        lasts.append(last + "es")
                    elif not last.endswith("men"):
                        lasts.append(last + "s")
                for l2 in lasts:
                    expanded.append(" ".join(words[:-1] + [l2]))
                if plural and plural not in ("{}",):
                    inner = plural.strip("{} ").strip("_")
                    if inner:
                        expanded.append(inner.lower().replace("_", " "))
            for x in expanded:
                x = x.strip()
                if x and x not in agents:
                    agents[x] = sector
    supp = os.path.join(HERE, "agents-supplement.tsv")
    if os.path.exists(supp):
        with open(supp, encoding="utf-8") as f:
            for ln in f:
                if not ln.strip() or ln.startswith("#"):
                    continue
                p, s = ln.rstrip("\n").split("\t")[:2]
                agents[p.strip()] = s.strip()      # the supplement corrects the source

    # One-word person aliases that are also common given names ("Hassan", "Ali") are dropped:
    # a bare given name says too little about who is meant.
    first_words = {}
    for (k, code, dates, person), r in rows.items():
        if r[4] == "person" and " " in k:
            first_words.setdefault(k.split(" ")[0], set()).add(person)
    for rk in list(rows):
        k, person = rk[0], rows[rk][3]
        if rows[rk][4] == "person" and " " not in k and first_words.get(k, set()) - {person}:
            del rows[rk]

    # Capitalised one-word aliases that are ordinary English words ("Island" for Iceland, "Youth",
    # "Organization") are dropped unless they are a country's own name or demonym, or hand-written:
    # ordinary words are those seen in lower case at least 3 times in UD English EWT.
    ewt = os.path.join(data, "ud-english-ewt", "en_ewt-ud-train.conllu")
    if os.path.exists(ewt):
        lower = {}
        with open(ewt, encoding="utf-8") as f:
            for ln in f:
                if ln[:1].isdigit():
                    form = ln.split("\t", 2)[1]
                    if form.islower():
                        lower[form] = lower.get(form, 0) + 1
        protected = set(supplement_keys)
        for c in mledoze:
            protected.add(key_of(c["name"]["common"]))
            for d in ((c.get("demonyms") or {}).get("eng") or {}).values():
                protected.add(key_of(d))
                protected.add(key_of(d + "s"))
        for c in cinfo:
            protected.add(key_of(c["name"]))
        for rk in list(rows):
            k = rk[0]
            r = rows[rk]
            if " " in k or r[4] == "person" or r[0].isupper() or k in protected:
                continue
            if lower.get(k, 0) >= 3:
                del rows[rk]

    # An open range ("in office at the last update") is dropped when the same person and code also
    # have a closed range starting within a year of it: a later source saw the term end.
    closed = {}
    for (k, code, dates, person), r in rows.items():
        if dates and not dates.endswith("-") and not dates.startswith("-"):
            closed.setdefault((person or k, code), []).append(dates)
    for rk in list(rows):
        k, code, dates, person = rk
        if dates.endswith("-") and len(dates) == 9:
            y = int(dates[:4])
            near = [d for d in closed.get((person or k, code), []) if abs(y - int(d[:4])) <= 1]
            if near:
                r = rows.pop(rk)
                d = min(near, key=lambda d: abs(y - int(d[:4])))
                rows.setdefault((k, code, d, person), (r[0], r[1], d, r[3], r[4]))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "actors.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# phrase\tcode\tdates\tperson\tkind  (generated by scripts/build-actors.py; see NOTICE.actors.md)\n")
        for rk in sorted(rows):
            f.write("\t".join(rows[rk]) + "\n")
    with open(os.path.join(args.out, "agents.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# phrase\tsector  (generated by scripts/build-actors.py; see NOTICE.actors.md)\n")
        for p in sorted(agents):
            f.write(p + "\t" + agents[p] + "\n")
    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# place\tISO3\tkind  (generated by scripts/build-actors.py; see NOTICE.actors.md)\n")
        for k in sorted(places):
            f.write("\t".join(places[k]) + "\n")

    counts = {}
    for r in rows.values():
        counts[r[4]] = counts.get(r[4], 0) + 1
    people = {r[3] for r in rows.values() if r[4] == "person"}
    kinds = {}
    for r in rows.values():
        kinds.setdefault(r[4], set()).add(r[1])
    print("actors.tsv rows by kind:", dict(sorted(counts.items())), file=sys.stderr)
    print("distinct codes: countries %d, IGO %d, NGO %d, groups %d; people %d; agents %d; places %d" % (
        len(kinds.get("country", set())), len(kinds.get("igo", set())), len(kinds.get("ngo", set())),
        len(kinds.get("group", set())), len(people), len(agents), len(places)), file=sys.stderr)


if __name__ == "__main__":
    main()
