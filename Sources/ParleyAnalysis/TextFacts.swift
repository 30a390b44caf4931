import Foundation
import ParleyModel
import ParleyText

/// A stored document read again for the facts a briefing needs: its sentences, their dates and its actor mentions.
struct ReadDocument {
    var stored: StoredDocument
    var doc: Document
    var mentions: [ActorMention]

    init(_ stored: StoredDocument, mentions: [ActorMention]) {
        self.stored = stored
        self.mentions = mentions
        var d = Document(id: stored.id, text: stored.text, published: stored.published)
        try? Tokenizer().process(&d)
        try? DateTagger().process(&d)
        doc = d
    }

    func sentenceText(_ i: Int) -> String { doc.text(doc.sentences[i].span) }

    func citation(_ i: Int) -> Citation {
        let s = doc.sentences[i].span
        return Citation(documentID: stored.id, title: stored.title, outlet: stored.outlet,
                        published: stored.published.map(Timestamp.format), url: stored.url,
                        sentence: Self.clean(doc.text(s)), span: [s.start, s.end])
    }

    func dates(in i: Int) -> [DateMention] {
        let s = doc.sentences[i].span
        return doc.dates.filter { s.contains($0.span) }
    }

    /// The sentence's dates for a timeline: a bare year inside a noun phrase ("the 2015 nuclear deal", "its 2018
    /// withdrawal") names a thing by its year; when the sentence also dates what it tells ("in May 2019"), only
    /// those dates place it.
    func timelineDates(in i: Int) -> [DateMention] {
        let all = dates(in: i).filter { $0.type == .date }
        let told = all.filter { !isYearInNounPhrase($0) }
        return told.isEmpty ? all : told
    }

    func isYearInNounPhrase(_ d: DateMention) -> Bool {
        guard d.span.end - d.span.start == 4, doc.text(d.span).utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let k = doc.tokens.firstIndex(where: { $0.span.start == d.span.start }), k > 0, k + 1 < doc.tokens.count else { return false }
        let before = doc.text(doc.tokens[k - 1].span).lowercased()
        let after = doc.text(doc.tokens[k + 1].span)
        let determiner = ["the", "its", "their", "his", "her", "this", "that", "a", "an", "'s", "’s"].contains(before)
        return determiner && after.utf8.first.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } == true
    }

    func mentions(in i: Int) -> [ActorMention] {
        let s = doc.sentences[i].span
        return mentions.filter { s.contains($0.span) }
    }

    /// Whether a sentence's mentions `sentenceMentions` name the two sides only together, as members of one list of
    /// three or more ("criticized by United Nations, U.S., French, Chinese, Russian and Mexican representatives"):
    /// mentions whose neighbours are separated by nothing but commas, "and" or "or".
    func namesSidesOnlyInOneList(_ sentenceMentions: [ActorMention], _ a: String, _ b: String) -> Bool {
        let ms = sentenceMentions.sorted { $0.span.start < $1.span.start }
        var groups: [[ActorMention]] = []
        for m in ms {
            if let last = groups.last?.last {
                guard m.span.start >= last.span.end else { continue }  // nested in the previous mention
                let gap = doc.text(Span(last.span.end, m.span.start))
                let joiners = gap.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
                if joiners.allSatisfy({ $0 == "and" || $0 == "or" || $0 == "the" }) && joiners.count <= 2 && gap.contains(where: { $0 == "," || $0 == " " }) {
                    groups[groups.count - 1].append(m)
                    continue
                }
            }
            groups.append([m])
        }
        let ofA = groups.indices.filter { g in groups[g].contains { $0.code.hasPrefix(a) } }
        let ofB = groups.indices.filter { g in groups[g].contains { $0.code.hasPrefix(b) } }
        guard ofA.count == 1, ofA == ofB else { return false }
        return Set(groups[ofA[0]].map(\.code)).count >= 3
    }

    static func clean(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}

/// Lower-cased word list of a sentence (letters, digits and %; a decimal point inside a number), for cue matching.
func words(_ s: String) -> [String] { wordRanges(s, initialisms: false).map(\.word) }

func containsPhrase(_ w: [String], _ phrase: [String]) -> Bool {
    guard !phrase.isEmpty, w.count >= phrase.count else { return false }
    for i in 0...(w.count - phrase.count) where w[i] == phrase[0] {
        if Array(w[i..<(i + phrase.count)]) == phrase { return true }
    }
    return false
}

// MARK: - Topics (obstacles and issues)

/// A topic that blocks or drives a relationship, with the words that signal it.
struct Topic {
    var name: String
    var cues: [[String]]
    /// Whether a sentence naming one side on this topic is about the dyad (timeline, claims). Not for the broad
    /// topics most relationships share: "U.S. tariffs on European wine" is no item of China–US.
    var marksDyad = true
}

let topics: [Topic] = [
    Topic(name: "sanctions", cues: [["sanctions"], ["sanction"], ["embargo"], ["maximum", "pressure"]]),
    Topic(name: "nuclear programme", cues: [["nuclear"], ["enrichment"], ["enriched"], ["uranium"], ["centrifuges"], ["jcpoa"], ["stockpile"], ["iaea"]]),
    Topic(name: "trust deficit", cues: [["trust"], ["distrust"], ["mistrust"], ["confidence"], ["credibility"], ["hostility"], ["suspicion"]]),
    Topic(name: "regional and proxy conflicts", cues: [["yemen"], ["syria"], ["lebanon"], ["gaza"], ["iraq"], ["proxy"], ["proxies"], ["houthis"], ["houthi"], ["hezbollah"], ["hamas"], ["regional", "rivals"], ["regional", "stability"]]),
    Topic(name: "military posture and force", cues: [["military"], ["strike"], ["strikes"], ["airstrike"], ["airstrikes"], ["missile"], ["missiles"], ["troops"], ["drone"], ["drones"], ["navy"], ["strait", "of", "hormuz"]]),
    Topic(name: "domestic politics", cues: [["domestic"], ["hardliners"], ["hard", "liners"], ["election"], ["elections"], ["public", "opinion"], ["parliament"], ["congress"]]),
    Topic(name: "human rights and detainees", cues: [["human", "rights"], ["detained"], ["detainees"], ["prisoners"], ["prisoner"], ["hostages"], ["executions"]]),
    Topic(name: "interference", cues: [["interference"], ["meddling"], ["internal", "affairs"], ["regime", "change"]]),
    Topic(name: "territory and sovereignty", cues: [["territory"], ["territories"], ["territorial"], ["border"], ["borders"], ["annexation"], ["annexed"], ["occupied"], ["occupation"], ["sovereignty"], ["separatists"], ["separatist"]], marksDyad: false),
    Topic(name: "ceasefire and security guarantees", cues: [["ceasefire"], ["cease", "fire"], ["truce"], ["armistice"], ["security", "guarantees"], ["security", "guarantee"], ["peacekeepers"], ["peacekeeping"]], marksDyad: false),
    Topic(name: "trade and tariffs", cues: [["tariff"], ["tariffs"], ["trade", "war"], ["trade", "deficit"], ["export", "controls"], ["trade", "deal"], ["trade", "talks"]], marksDyad: false),
    Topic(name: "alliances", cues: [["nato"], ["alliance"], ["alliances"], ["military", "pact"], ["defense", "pact"], ["defence", "pact"]], marksDyad: false),
]

/// The topics a sentence's words are on, each with the cue words it uses ("yemen", "syria").
func topicMatches(_ w: [String]) -> [(topic: Topic, cues: [String])] {
    topics.compactMap { t in
        let cues = t.cues.filter { containsPhrase(w, $0) }
        return cues.isEmpty ? nil : (t, cues.map { $0.joined(separator: " ") })
    }
}

func topicsOf(_ w: [String]) -> [String] { topicMatches(w).map(\.topic.name) }

// MARK: - Conditions

/// Modal and demand cues of a condition (the bare noun "conditions" is not enough: "the stated conditions" reports, not sets).
let conditionCues: [[String]] = [
    ["must"], ["would", "need", "to"], ["needs", "to"], ["need", "to"], ["only", "if"], ["unless"], ["precondition"],
    ["preconditions"], ["grounded", "in"], ["demand"], ["demands"], ["demanded"], ["on", "condition"],
    ["insist"], ["insists"], ["insisted"], ["requires"], ["require"], ["on", "the", "basis", "of"], ["lift", "sanctions", "first"],
]
let negotiationWords: Set<String> = ["talks", "negotiations", "negotiation", "negotiate", "dialogue", "dialog", "agreement",
                                     "deal", "diplomacy", "engagement", "rapprochement", "accord"]
let retractionCues: [[String]] = [["without", "preconditions"], ["dropped", "its", "demand"], ["no", "longer", "insists"],
                                  ["dropped", "the", "condition"], ["waived"]]

func isCondition(_ w: [String]) -> Bool {
    guard w.contains(where: negotiationWords.contains) else { return false }
    return conditionCues.contains { containsPhrase(w, $0) }
}

// MARK: - Claims

/// A number in a sentence with its unit: "18%", "62 percent", "$5 billion", "400 kilograms", "12 people".
struct NumberFact {
    var value: Double
    var text: String
    var unit: String
    /// The words after the number that say what it measures.
    var measure: String
}

let claimUnits: [String: String] = [
    "%": "percent", "percent": "percent", "per": "percent", "kilograms": "kg", "kilogrammes": "kg", "kilos": "kg", "kg": "kg", "tons": "tonnes", "tonnes": "tonnes",
    "billion": "billion", "million": "million", "trillion": "trillion", "people": "people", "civilians": "people",
    "soldiers": "people", "troops": "people", "killed": "people", "dead": "people", "casualties": "people",
    "refugees": "people", "centrifuges": "centrifuges", "missiles": "missiles", "barrels": "barrels",
]

func numberFacts(_ sentence: String) -> [NumberFact] {
    var out: [NumberFact] = []
    for clause in clauses(sentence) { numberFacts(clause, into: &out) }
    return out
}

/// The words of `s`, lower-cased, each with its byte range in `s`, so that what is shown can be the text as written
/// ("U.S. adults", "Americans"); with `initialisms`, "U.S." is one word ("u.s"), else two ("u", "s").
func wordRanges(_ s: String, initialisms: Bool = true) -> [(word: String, range: Range<Int>)] {
    var out: [(word: String, range: Range<Int>)] = []
    var cur: [UInt8] = []
    var start = 0
    func flush(_ end: Int) {
        guard !cur.isEmpty else { return }
        var e = end
        if cur.last == 0x2E { cur.removeLast(); e -= 1 }
        out.append((String(decoding: cur, as: UTF8.self), start..<e))
        cur.removeAll(keepingCapacity: true)
    }
    let bytes = Array(s.utf8)
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    for (i, b) in bytes.enumerated() {
        var isWord = (b >= 0x30 && b <= 0x39) || isLetter(b) || b == 0x25 || b == 0x2E && !cur.isEmpty && cur.last! >= 0x30 && cur.last! <= 0x39
        // An initialism is one word: "U.S.", "U.N." (its closing dot is kept where it is written).
        if initialisms, b == 0x2E, let last = cur.last, isLetter(last), i + 1 < bytes.count, isLetter(bytes[i + 1]),
           cur.count == 1 || cur[cur.count - 2] == 0x2E { isWord = true }
        if isWord {
            if cur.isEmpty { start = i }
            cur.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
        } else { flush(i) }
    }
    flush(s.utf8.count)
    return out
}

/// A sentence cut at dashes, semicolons, brackets and commas: "Iran has produced 275 kilos of uranium enriched to 60% – that's
/// way beyond anything needed for civilian use" gives the 60% no measure from the aside that follows it.
func clauses(_ sentence: String) -> [String] {
    var out: [String] = []
    var cur: [UInt8] = []
    let b = Array(sentence.utf8)
    var i = 0
    while i < b.count {
        let c = b[i]
        var cut = 0
        if c == UInt8(ascii: ";") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") { cut = 1 }
        else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x93 || b[i + 2] == 0x94 { cut = 3 }  // – —
        else if c == UInt8(ascii: "-"), i > 0, i + 1 < b.count, b[i - 1] == 0x20, b[i + 1] == 0x20 { cut = 1 }
        else if c == UInt8(ascii: ","), i + 1 < b.count, b[i + 1] == 0x20 { cut = 1 }  // not "1,000"
        if cut > 0 {
            out.append(String(decoding: cur, as: UTF8.self))
            cur.removeAll(keepingCapacity: true)
            i += cut
        } else {
            cur.append(c)
            i += 1
        }
    }
    out.append(String(decoding: cur, as: UTF8.self))
    return out
}

private let measureStops: Set<String> = ["so", "because", "while", "whereas", "although", "though", "but", "if", "unless",
                                         "when", "which", "who"]

/// Numbers with units in one clause's words; what a number measures is the words that follow it in the clause, or,
/// when it ends the clause ("enriched to 60%"), the words before it back to the previous number.
private func numberFacts(_ clause: String, into out: inout [NumberFact]) {
    let wr = wordRanges(clause)
    let w = wr.map(\.word)
    let bytes = Array(clause.utf8)
    /// Words lo..<hi as written in the clause; an initial's closing dot is kept ("U.S.").
    func written(_ lo: Int, _ hi: Int) -> String {
        guard lo < hi else { return "" }
        var end = wr[hi - 1].range.upperBound
        if end < bytes.count, bytes[end] == 0x2E, wr[hi - 1].range.count == 1 || wr[hi - 1].word.contains(".") { end += 1 }
        return String(decoding: bytes[wr[lo].range.lowerBound..<end], as: UTF8.self)
    }
    var i = 0
    var lastEnd = 0
    var lastMeasure = 0..<0
    while i < w.count {
        // A number inside the previous number's measure qualifies it ("275 kilos of uranium enriched to 60%"): no
        // claim of its own.
        if lastMeasure.contains(i) { i += 1; continue }
        var token = w[i]
        var money = false
        if token.hasPrefix("$") { money = true; token.removeFirst() }
        var pct = false
        if token.hasSuffix("%") { pct = true; token.removeLast() }
        let numeric = token.replacingOccurrences(of: ",", with: "")
        guard let v = Double(numeric), !(v >= 1900 && v <= 2100 && !pct && !money) else { i += 1; continue }
        var unit = pct ? "percent" : ""
        var j = i + 1
        if unit.isEmpty, j < w.count, let u = claimUnits[w[j]] {
            unit = u
            j += 1
            if u == "percent", j < w.count, w[j] == "cent" { j += 1 }
            if ["billion", "million", "trillion"].contains(u), j < w.count, let u2 = claimUnits[w[j]] { unit = u + " " + u2; j += 1 }
        }
        guard !unit.isEmpty else { lastEnd = i + 1; i += 1; continue }
        if j < w.count, w[j] == "of" { j += 1 }
        var end = min(w.count, j + 9)
        // A subordinate clause after the measure says something else: "9% of its GDP on the military so they would
        // want to use it".
        if let k = w[j..<end].firstIndex(where: { measureStops.contains($0) }) { end = k }
        var measure = written(j, end)
        lastMeasure = j..<end
        if w.count - j < 2, i - lastEnd >= 2 {
            measure = written(max(lastEnd, i - 6), i)
            lastMeasure = 0..<0
        }
        out.append(NumberFact(value: v, text: (money ? "$" : "") + w[i] + (pct || unit == "percent" ? "" : " " + unit), unit: money ? "USD " + unit : unit, measure: measure))
        i = j
        lastEnd = j
    }
}

/// "a poll conducted by the Center for Strategic and International Studies (CSIS)", "according to X", "X said".
func claimAuthority(_ sentence: String) -> String? {
    for cue in ["conducted by ", "according to ", "published by ", "released by ", "carried out by ", "estimated by ", "reported by "] {
        if let r = sentence.range(of: cue, options: .caseInsensitive) {
            var name = String(sentence[r.upperBound...])
            if let stop = name.firstIndex(where: { $0 == "," || $0 == ";" || $0 == ":" }) { name = String(name[..<stop]) }
            let cut = name.components(separatedBy: " in ").first ?? name
            let trimmed = cut.split(separator: " ").prefix(12).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { return trimmed }
        }
    }
    return nil
}

/// The sentence without what stands between quotation marks (curly or straight double quotes; an unclosed
/// quotation runs to the end): "“As reported by the IAEA, …” the mission said" → " the mission said".
func outsideQuotations(_ sentence: String) -> String {
    var out = String.UnicodeScalarView()
    var inside = false
    for u in sentence.unicodeScalars {
        switch u {
        case "\u{201C}": inside = true
        case "\u{201D}": inside = false
        case "\"": inside.toggle()
        default: if !inside { out.append(u) }
        }
    }
    return String(out)
}

/// "reported by the Tehran Times and other Iranian media outlets" → "the Tehran Times".
func reportedBy(_ sentence: String) -> String? {
    guard let r = sentence.range(of: "reported by ", options: .caseInsensitive) else { return nil }
    let rest = sentence[r.upperBound...]
    var out: [Substring] = []
    for w in rest.split(separator: " ") {
        let clean = w.trimmingCharacters(in: .punctuationCharacters)
        if out.isEmpty, clean.lowercased() == "the" { out.append(Substring(clean)); continue }
        guard let f = clean.first, f.isUppercase else { break }
        out.append(Substring(clean))
        if w.last == "," || w.last == "." { break }
    }
    let name = out.joined(separator: " ")
    return name.isEmpty || name.lowercased() == "the" ? nil : name
}
