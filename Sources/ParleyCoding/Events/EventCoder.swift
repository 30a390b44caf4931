import Foundation
import ParleyModel

/// Codes each sentence into CAMEO events: triggers from the lexicon, actors from the grammar.
///
/// Per sentence: every token whose lemma starts a lexicon pattern (verbs and control words on verbs,
/// adjectives and nouns; event nouns on nouns) is a candidate trigger; the longest pattern whose remaining
/// words follow in the clause wins. Control words (appeal, demand, intent, reject, threaten, halt, deny, say)
/// then recode the event they govern (the complement in the parse, else the next trigger close by), so
/// "refused to meet" is 125, "urged Iran to resume talks" 026, "there is no possibility of negotiations"
/// a refusal (125). Source and target come from the trigger's (or its governing word's) dependents:
/// nsubj / obl:agent → source, obj / nsubj:pass / obl(with, on, against, to) → target, "between X and Y",
/// possessives; coordinated actors give one event each. Without a parse, the nearest actors before and
/// after the trigger are used.
public struct EventCoder: TextStage {
    public let name = "events"
    public var requires: Set<Annotation> { [.sentences, .tokens, .pos, .parse, .actors, .dates] }
    public var assigns: Set<Annotation> { [.events] }

    public let lexicon: EventLexicon
    let places: [String: String]
    let maxPlaceWords: Int

    public init(lexicon: EventLexicon, places: [String: String] = [:]) {
        self.lexicon = lexicon
        self.places = places
        self.maxPlaceWords = places.keys.map { $0.split(separator: " ").count }.max() ?? 1
    }

    /// With the bundled lexicon and gazetteer.
    public init() throws {
        self.init(lexicon: try EventLexicon.bundled(), places: try EventCoder.bundledPlaces())
    }

    private static let placeCache: Result<[String: String], any Error> = Result {
        guard let url = Bundle.module.url(forResource: "places", withExtension: "tsv", subdirectory: "Resources") else { return [:] }
        var out: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            if f.count >= 2 { out[f[0].lowercased()] = out[f[0].lowercased()] ?? String(f[1]) }
        }
        return out
    }

    /// Place name (lower case) → ISO3 country, from the bundled gazetteer.
    public static func bundledPlaces() throws -> [String: String] { try placeCache.get() }

    public func process(_ document: inout Document) throws {
        var events: [Event] = []
        var ctx = DocContext(document: document)
        ctx.places = places
        for q in document.quotes.indices {
            if let sp = document.quotes[q].speakerAntecedent ?? document.quotes[q].speaker,
               let a = ctx.actor(overlapping: sp) {
                document.quotes[q].speakerActor = a.code
            }
        }
        ctx.quotes = document.quotes
        for s in document.sentences.indices {
            events += codeSentence(s, &ctx)
        }
        Self.dateRetoldActs(&events, &ctx)
        document.events = events
    }

    /// A definite act told again ("the US withdrawal from the JCPOA", after "the 2018 withdrawal by the US") is the
    /// act told before: when its own sentence dates nothing, it takes the date of the last dated telling before it
    /// in the document with the same code, source country and target country, not the publication day; failing that,
    /// the date of a later telling by the same noun whose date is the act's own (a later "tariffs since 1997" dates
    /// a span, not the act: looking ahead without these conditions was measured and dropped).
    static func dateRetoldActs(_ events: inout [Event], _ ctx: inout DocContext) {
        let doc = ctx.document
        // The sentences holding a DATE with a calendar value, found once.
        var datedSentences = Set<Int>()
        for d in doc.dates where d.type == .date && (d.value.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? false) {
            if let s = doc.sentenceIndex(containing: d.span.start), doc.sentences[s].span.contains(d.span) { datedSentences.insert(s) }
        }
        func country(_ a: EventActor?) -> Substring { a.map { $0.code.prefix(3) } ?? "" }
        var dated: [Int] = []  // indices of earlier events whose date the text gives
        var pending: [(event: Int, trigger: Int)] = []  // definite act nouns no earlier telling dates
        for k in events.indices {
            let e = events[k]
            if datedSentences.contains(e.sentence) { dated.append(k); continue }
            guard let span = e.trigger, e.source != nil, e.target != nil, ctx.parsed,
                  let t = ctx.tokenIndex(startingAt: span.start), ctx.isNoun(t) else { continue }
            ctx.prepare(doc.sentences[e.sentence].tokens)
            guard ctx.kids(t).contains(where: { ctx.dep($0) == "nmod:poss" || ctx.dep($0) == "det" && ctx.lowers[$0] == "the" }) else { continue }
            func same(_ j: Int) -> Bool {
                events[j].cameo == e.cameo && country(events[j].source) == country(e.source) && country(events[j].target) == country(e.target)
            }
            if let j = dated.last(where: { same($0) && events[$0].sentence < e.sentence }) {
                events[k].date = events[j].date
                dated.append(k)
            } else {
                pending.append((k, t))
            }
        }
        // Told first and dated later ("the unilateral withdrawal from the JCPOA" before "the 2018 withdrawal by the
        // US"): the same noun, the same code and countries, and a later date that is the act's own, not the start of
        // a span ("its tariffs" … "zero tariffs since 1997").
        for (k, t) in pending {
            let e = events[k]
            let lemma = ctx.lemma(t)
            for j in dated where events[j].sentence > e.sentence && events[j].cameo == e.cameo
                && country(events[j].source) == country(e.source) && country(events[j].target) == country(e.target) {
                guard let jt = events[j].trigger.flatMap({ ctx.tokenIndex(startingAt: $0.start) }), ctx.lemma(jt) == lemma,
                      let date = events[j].date else { continue }
                let sentence = doc.sentences[events[j].sentence].span
                let own = doc.dates.contains { d in
                    guard d.value == date, sentence.contains(d.span), let dt = ctx.tokenIndex(startingAt: d.span.start) else { return false }
                    return dt == 0 || !["since", "until", "till", "through", "from"].contains(ctx.lowers[dt - 1])
                }
                if own { events[k].date = date; break }
            }
        }
    }

    // MARK: - Sentence coding

    struct Candidate {
        var trigger: Int
        var last: Int
        var entry: EventLexicon.Entry
        var code: String
        var negated = false
        var modality: Modality = .asserted
        var consumed = false
        /// Index of the candidate this one's code was folded into.
        var source: [EventActor] = []
        var target: [EventActor] = []
        var governor: Int?
        /// The verb of saying whose speaker demands this act ("X said Y must ...").
        var mustDemand: Int?
    }

    /// "Israel struck Iran", "missiles struck targets": a strike with a direct object is an attack (190), not a
    /// labour strike (143, "workers struck for higher pay"); what a quake or storm strikes is no act.
    static func strikesSomething(_ t: Int, _ ctx: DocContext) -> Bool {
        let kids = ctx.kids(t)
        guard kids.contains(where: { ctx.dep($0) == "obj" }) else { return false }
        return !kids.contains { ctx.dep($0) == "nsubj" && naturalForces.contains(ctx.lemma($0)) }
    }

    /// A lexicon word used in a sense that names no act: "as opposed to" compares ("training in Moscow, as opposed
    /// to decades of U.S. training"); a verb form the parse uses as a preposition ("given Obama's failure to sell …",
    /// 070 give); "in order to", "in order of importance", "in an order" arrange, no order is given; "tried to
    /// establish a dialogue" is an attempt, not a trial (173 is "tried the suspects", "was tried").
    static func namesNoAct(_ i: Int, _ entry: EventLexicon.Entry, _ ctx: DocContext, _ range: Range<Int>) -> Bool {
        let w = ctx.lowers[i]
        if w == "opposed", i > range.lowerBound, i + 1 < range.upperBound, ctx.lowers[i - 1] == "as", ctx.lowers[i + 1] == "to" {
            return true
        }
        if ctx.parsed, entry.kind == .verb, entry.words.count == 1, ctx.dep(i) == "case" { return true }
        if w == "order", (1...2).contains(where: { i - $0 >= range.lowerBound && ctx.lowers[i - $0] == "in" }) { return true }
        // "a great deal of uncertainty", "a good deal of money": a quantity, not an agreement.
        if w == "deal", i > range.lowerBound, i + 1 < range.upperBound, ["great", "good"].contains(ctx.lowers[i - 1]),
           ctx.lowers[i + 1] == "of" { return true }
        if entry.words == ["try"], i + 1 < range.upperBound,
           ctx.lowers[i + 1] == "to" || ctx.kids(i).contains(where: { ctx.dep($0) == "xcomp" }) { return true }
        if ctx.parsed, entry.kind == .verb, entry.words.count == 1, entry.code.hasPrefix("07"), givesNothingMaterial(i, ctx) { return true }
        if ctx.parsed, ["18", "19", "20"].contains(String(entry.code.prefix(2))), strikesNoOne(i, ctx) { return true }
        if ctx.parsed, isCommentRequest(i, ctx)
            || (entry.kind == .verb && ctx.kids(i).contains { ["obj", "obl"].contains(ctx.dep($0)) && isCommentRequest($0, ctx) }) {
            return true
        }
        return false
    }

    /// Giving, sending or providing words, news or states of mind is no aid (07): "sent a letter to Rubio",
    /// "provide additional details", "give his full name", "sent jitters through Wall Street", "provide impetus",
    /// "provides them with a rare space"; nor is contributing to a report (a byline: "… contributed to this report").
    static func givesNothingMaterial(_ i: Int, _ ctx: DocContext) -> Bool {
        let contribute = ctx.lemma(i) == "contribute"
        for k in ctx.kids(i) {
            let d = ctx.dep(k)
            if d == "obl" {
                let c = ctx.caseWord(k)
                guard c == "with" || (contribute && c == "to") else { continue }
            } else if d != "obj" { continue }
            let noun = countedNoun(k, ctx, quantities: ["lot", "bit", "piece", "deal", "plenty"])
            if immaterialObjects.contains(ctx.lemma(noun)) || immaterialObjects.contains(ctx.lowers[noun]) { return true }
        }
        return false
    }

    /// What a quantity noun counts ("a lot of hope", "millions of dogs"): its "of" phrase; any other noun itself.
    static func countedNoun(_ k: Int, _ ctx: DocContext, quantities: Set<String>) -> Int {
        guard quantities.contains(ctx.lemma(k)), let g = ctx.kids(k).first(where: { ctx.dep($0) == "nmod" }) else { return k }
        return g
    }

    /// Force against animals or against a condition is no act between parties: "millions of dogs are killed for
    /// their meat", "13,700 dogs are slaughtered every month", "fight the escalating rise of greenhouse gasses",
    /// "the fight against corruption", "assist in the fight against diabetes".
    static func strikesNoOne(_ i: Int, _ ctx: DocContext) -> Bool {
        let fight = fightLemmas.contains(ctx.lemma(i))
        for k in ctx.kids(i) {
            let d = ctx.dep(k)
            let acted = d == "obj" || d == "nsubj:pass"
            let against = (d == "obl" || d == "nmod") && ["against", "on"].contains(ctx.caseWord(k) ?? "")
            guard acted || against else { continue }
            let n = countedNoun(k, ctx, quantities: ["million", "thousand", "hundred", "dozen", "number", "lot", "scores"])
            let l = ctx.lemma(n)
            if animals.contains(l) || animals.contains(ctx.lowers[n]) { return true }
            if fight, conditions.contains(l) || conditions.contains(ctx.lowers[n]) { return true }
        }
        return false
    }

    static let fightLemmas: Set<String> = ["fight", "combat", "battle", "tackle", "attack", "war"]
    static let animals: Set<String> = [
        "dog", "dogs", "cat", "cats", "cattle", "cow", "cows", "animal", "animals", "wildlife", "elephant", "elephants",
        "rhino", "rhinos", "lion", "lions", "bird", "birds", "chicken", "chickens", "poultry", "pig", "pigs", "livestock",
        "sheep", "goat", "goats", "fish", "whale", "whales", "deer", "wolf", "wolves", "bear", "bears", "horse", "horses",
    ]
    static let conditions: Set<String> = [
        "rise", "corruption", "poverty", "disease", "climate", "change", "inflation", "crime", "hunger", "pandemic",
        "virus", "drought", "wildfire", "wildfires", "fire", "fires", "diabetes", "cancer", "illness", "addiction",
        "disinformation", "misinformation", "discrimination", "impunity", "smuggling", "trafficking", "emission",
        "emissions", "pollution", "racism", "malaria", "hiv", "aids", "obesity", "unemployment", "illiteracy",
        "desertification", "deforestation", "famine", "epidemic", "outbreak", "covid", "stigma", "graft", "fraud",
    ]

    static let immaterialObjects: Set<String> = [
        "letter", "message", "signal", "detail", "details", "information", "name", "statement", "report", "comment",
        "figure", "jitter", "jitters", "impetus", "confidence", "hope", "order", "answer", "response", "reply",
        "feedback", "explanation", "update", "account", "assurance", "impression", "sense", "space", "chance",
        "opportunity", "example", "speech", "testimony", "boost", "momentum", "credit", "thanks", "interview", "briefing",
        "notice", "reminder", "invitation", "greeting", "congratulation", "condolence", "analysis", "overview", "insight",
        "proliferation", "shock", "shockwave", "ultimatum", "deadline", "hour", "day", "time", "argument", "reason",
    ]

    /// A reporter's request for comment ("did not respond to a similar VOA request for comment", "ignored VOA
    /// requests for comment", "in response to a request for comment") asks for a statement for the story: neither the
    /// request nor its answering or ignoring is an act between the parties.
    static func isCommentRequest(_ k: Int, _ ctx: DocContext) -> Bool {
        ["request", "call", "query", "inquiry", "enquiry"].contains(ctx.lemma(k))
            && ctx.kids(k).contains { ctx.lemma($0) == "comment" && ctx.dep($0).hasPrefix("nmod") }
    }

    /// The participants a clash names: its subject and its "between" / "with" phrase. A clash whose participants are
    /// all persons ("the Oval Office clash between U.S. President Donald Trump and Ukrainian President Volodymyr
    /// Zelensky", "Macron clashed with Trump over tariffs") is a dispute in words (110 disapprove), not fighting (190)
    /// or a riot (145): those are clashes of forces, crowds and groups.
    static func clashParticipants(_ t: Int, _ ctx: DocContext, _ range: Range<Int>) -> [Int] {
        guard ctx.parsed else { return [] }
        var parts = ctx.subjectActorsDirect(t, range: range)
        if parts.isEmpty, ctx.isNounPredicate(t, range: range), let h = ctx.head(t, range) {
            parts = ctx.actors(at: h, range: range)     // "Indian and Chinese troops clashed", parsed as a modifier
        }
        for k in ctx.kids(t) where ["nmod", "obl"].contains(ctx.dep(k)) && ["between", "with"].contains(ctx.caseWord(k) ?? "") {
            parts += ctx.actors(at: k, range: range)
        }
        return parts
    }

    /// Clashing states or armed forces fight (190: "India and China clashed on the border", "troops clashed with
    /// rebels"); the verb's own sense, a violent protest (145), is for crowds ("protesters clashed with police").
    static func clashOfForces(_ parts: [Int], _ ctx: DocContext) -> Bool {
        let armed: Set<String> = ["MIL", "REB", "INS", "UAF", "SPY"]
        let crowd: Set<String> = ["OPP", "CVL", "LAB", "EDU", "REF", "MED", "BUS", "AGR", "HLH", "REL", "MOD", "RAD"]
        var any = false
        for p in parts {
            let a = ctx.document.actors[p]
            // The code's sectors: all of it without a country ("REB", "GOVMIL"), else what follows the country.
            let sectors = a.country == nil ? a.code : String(a.code.dropFirst(3))
            let secs = stride(from: 0, to: sectors.count, by: 3).map { String(sectors.dropFirst($0).prefix(3)) }
            if secs.contains(where: crowd.contains) { return false }
            if a.code == a.country || secs.contains(where: armed.contains) { any = true }
        }
        return any
    }

    /// "captured the town", "captured part of a guerrilla stronghold": capturing a place is occupying territory
    /// (192); capturing people is an arrest (173).
    static func capturesPlace(_ t: Int, _ ctx: DocContext) -> Bool {
        for k in ctx.kids(t) where ["obj", "xcomp", "obl:agent", "obl:unmarked"].contains(ctx.dep(k)) && ctx.isNoun(k) {
            if placeNouns.contains(ctx.lemma(k)) { return true }
            if ["part", "most", "much", "control", "parts", "some"].contains(ctx.lowers[k]),
               ctx.kids(k).contains(where: { ctx.dep($0) == "nmod" && placeNouns.contains(ctx.lemma($0)) }) { return true }
        }
        return false
    }

    /// Verbs whose event sense needs no object or a particular one: "protesters demonstrated" (141) but not
    /// "demonstrated resolve" or "demonstrate that it is peaceful"; "reinforced its troops" (154) but not
    /// "reinforce the government's position".
    static let objectSenses: [String: (code: String, objects: Set<String>)] = [
        "demonstrate": ("141", []),
        "reinforce": ("154", ["troop", "troops", "force", "forces", "unit", "units", "garrison", "border", "defense",
                              "defence", "defenses", "defences", "presence", "base", "army", "navy", "fleet", "battalion",
                              "brigade", "division", "outpost", "patrol", "checkpoint", "front", "deployment", "soldier",
                              "police", "guard", "military"]),
    ]

    /// The verb has a direct object or a content clause that is none of `allowed`.
    static func takesOtherObject(_ t: Int, _ ctx: DocContext, allowed: Set<String>) -> Bool {
        ctx.kids(t).contains { k in
            let d = ctx.dep(k)
            if d == "ccomp" { return true }
            return d == "obj" && !allowed.contains(ctx.lemma(k)) && !allowed.contains(ctx.lowers[k])
        }
    }

    static let placeNouns: Set<String> = ["town", "city", "village", "stronghold", "territory", "base", "airport", "capital",
                                          "district", "province", "position", "area", "region", "hill", "port", "bridge",
                                          "outpost", "garrison", "enclave", "border", "crossing", "headquarters"]

    static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
        "millions", "billion", "billions", "trillion", "dozen", "dozens", "half", "quarter", "score", "i", "ii", "iii",
        "iv", "v", "vi", "x", "nil", "none", "no",
    ]

    static let naturalForces: Set<String> = ["earthquake", "quake", "storm", "hurricane", "cyclone", "typhoon", "flood",
                                             "tornado", "tsunami", "disease", "virus", "pandemic", "epidemic", "lightning",
                                             "fire", "wildfire", "drought", "famine", "tremor", "aftershock"]

    /// A clause with "must" that reports a demand: the content clause of a verb ("said that Libya must hand over",
    /// "issued a reminder that it must cooperate") — not a subject's own obligation in a main clause.
    func mustClauseHead(_ t: Int, _ ctx: DocContext, _ range: Range<Int>) -> Int? {
        guard ctx.kids(t).contains(where: { ctx.dep($0).hasPrefix("aux") && ctx.lowers[$0] == "must" }),
              let h = ctx.head(t, range) else { return nil }
        // "we must", "I must": the speaker's own duty, not a demand on another.
        if ctx.kids(t).contains(where: { ctx.dep($0).hasPrefix("nsubj") && ["we", "i", "us"].contains(ctx.lowers[$0]) }) { return nil }
        if lexicon.verbs[ctx.lemma(h)]?.contains(where: { $0.kind == .say }) == true { return h }
        let d = ctx.dep(t)
        let that = ctx.kids(t).contains { ctx.dep($0) == "mark" && ctx.lowers[$0] == "that" }
        if d == "ccomp" || ((d == "acl" || d == "advcl") && that) {
            // A content clause of a noun ("a reminder that ..."): the speaker is the subject of the noun's verb.
            if ctx.isNoun(h), let hh = ctx.head(h, range) { return hh }
            return h
        }
        return nil
    }

    func codeSentence(_ s: Int, _ ctx: inout DocContext) -> [Event] {
        let doc = ctx.document
        let sent = doc.sentences[s]
        let range = sent.tokens
        guard !range.isEmpty else { return [] }
        ctx.prepare(range)
        var cands: [Candidate] = []
        var used = Set<Int>()
        for i in range where !used.contains(i) {
            let t = doc.tokens[i]
            let pos = t.pos
            if pos == .PUNCT || pos == .DET || pos == .ADP || pos == .PRON || pos == .CCONJ { continue }
            // A word tagged as a number that is none ("drone" in "carried out drone strikes") is read as a noun.
            let falseNumber = pos == .NUM && !ctx.lowers[i].utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
                && !Self.numberWords.contains(ctx.lowers[i])
            if pos == .NUM && !falseNumber { continue }
            let isNoun = pos == .NOUN || pos == .PROPN || falseNumber
            // Words inside an actor mention are not triggers ("Defense Ministry", "Peace Council"), nor are
            // capitalised words inside the sentence (names: "Warsaw Pact", "Canadian Press").
            if ctx.inActor(i) && isNoun { continue }
            if i > range.lowerBound, let b = t.form.utf8.first, b >= 65, b <= 90, ctx.lowers[i - 1] != "“", ctx.lowers[i - 1] != "\"" { continue }
            var keys = [ctx.lemma(i), ctx.lower(i)]
            if keys[0] == keys[1] { keys.removeLast() }
            // Stems only when the lemma is unknown to the lexicon (lemmatizer slips: "expelled" → "expell").
            if !keys.contains(where: { lexicon.verbs[$0] != nil || lexicon.nouns[$0] != nil }) {
                if pos == .VERB || pos == .ADJ || pos == nil { keys += ctx.stems(i) }
                else if isNoun { keys += ctx.stems(i).filter { !$0.hasSuffix("e") } }
                else { continue }
            }
            var match: (EventLexicon.Entry, Int)?
            if !isNoun || pos == nil {
                outer: for k in keys {
                    guard let list = lexicon.verbs[k] else { continue }
                    // Among patterns of the same length the tightest match wins ("withdrew its troops from":
                    // "withdraw troop", not "withdraw from").
                    for e in list {
                        if let m = match, e.words.count < m.0.words.count { break outer }
                        if e.kind == .verb, pos != nil, pos != .VERB, pos != .AUX, pos != .ADJ { continue }
                        if let last = ctx.matchRest(e.words, after: i, in: range, verbal: true), match.map({ last < $0.1 }) ?? true { match = (e, last) }
                    }
                    if match != nil { break outer }
                }
            }
            if match == nil, isNoun || pos == nil || pos == .ADJ {
                outer: for k in keys {
                    guard let list = lexicon.nouns[k] else { continue }
                    for e in list {
                        if let last = ctx.matchRest(e.words, after: i, in: range, verbal: false) { match = (e, last); break outer }
                    }
                }
                if match == nil {
                    // Control nouns and adjectives: "threat", "possibility", "refusal", "ready".
                    outer: for k in keys {
                        for e in lexicon.verbs[k] ?? [] where e.kind.isControl && e.words.count == 1 && e.kind != .say {
                            match = (e, i); break outer
                        }
                    }
                }
            }
            // A hyphenated word the tokenizer split ("cease - fire"): the whole word from the noun lexicon, the
            // trigger on its last part (the compound's head in the parse).
            if match.map({ $0.0.words.count == 1 }) ?? true, i + 2 < range.upperBound, ctx.lowers[i + 1] == "-",
               let e = lexicon.nouns[ctx.lower(i) + "-" + ctx.lower(i + 2)]?.first(where: { $0.words.count == 1 }) {
                used.insert(i + 1); used.insert(i + 2)
                var c = Candidate(trigger: i + 2, last: i + 2, entry: e, code: e.code)
                c.negated = ctx.isNegated(i, range: range)
                c.modality = ctx.modality(i + 2, range: range)
                cands.append(c)
                continue
            }
            guard let (entry, last) = match else { continue }
            if Self.namesNoAct(i, entry, ctx, range) { continue }
            if entry.words.count > 1 { for j in (i + 1)...max(i + 1, last) where j <= last { used.insert(j) } }
            var c = Candidate(trigger: i, last: last, entry: entry, code: entry.code)
            if entry.code == "143", entry.words == ["strike"], Self.strikesSomething(i, ctx) { c.code = "190" }
            if entry.code == "173", entry.words == ["capture"], Self.capturesPlace(i, ctx) { c.code = "192" }
            if entry.words == ["clash"] || entry.words == ["clashes"] {
                let parts = Self.clashParticipants(i, ctx, range)
                if !parts.isEmpty, parts.allSatisfy({ ctx.document.actors[$0].person != nil }) { c.code = "110" }
                else if entry.code == "145", Self.clashOfForces(parts, ctx) { c.code = "190" }
            }
            if entry.words.count == 1, let sense = Self.objectSenses[entry.words[0]], entry.code == sense.code,
               Self.takesOtherObject(i, ctx, allowed: sense.objects) { continue }
            c.negated = ctx.isNegated(i, range: range)
            c.modality = ctx.modality(i, range: range)
            cands.append(c)
        }
        // A reported "must" clause with no coded act ("said that Indonesia must ensure security"): a demand (100).
        if ctx.parsed {
            let have = Set(cands.map(\.trigger))
            for t in range where !have.contains(t) && !used.contains(t) && ctx.dep(t) != "root" {
                let p = doc.tokens[t].pos
                guard p == .VERB || p == .NOUN || p == .ADJ, mustClauseHead(t, ctx, range) != nil else { continue }
                let e = EventLexicon.Entry(kind: .verb, words: [ctx.lemma(t)], code: "100", file: "rule", line: 0)
                var c = Candidate(trigger: t, last: t, entry: e, code: "100")
                c.negated = ctx.isNegated(t, range: range)
                c.modality = ctx.modality(t, range: range)
                cands.append(c)
            }
        }
        guard !cands.isEmpty else { return [] }

        // Control words take the nearest governed event.
        let triggerIndex = Dictionary(cands.indices.map { (cands[$0].trigger, $0) }, uniquingKeysWith: { a, _ in a })
        for ci in cands.indices.reversed() where cands[ci].entry.kind.isControl && cands[ci].entry.kind != .say {
            guard let comp = ctx.complement(of: cands[ci].trigger, cands: cands, index: triggerIndex, range: range),
                  comp != ci, !cands[comp].consumed else {
                // A control word alone: "refused", "threatened", "urged Iran": its own code. Intent words need
                // an act to intend, except verbs of commitment ("Iran agreed", "pledged support").
                if cands[ci].negated, cands[ci].entry.kind == .intent { cands[ci].code = "120"; cands[ci].negated = false }
                else if cands[ci].entry.kind == .intent,
                        !["agree", "pledge", "promise", "vow", "offer", "commit", "undertake"].contains(ctx.lemma(cands[ci].trigger)) {
                    cands[ci].consumed = true
                }
                let haltNoun = ["suspension", "halting", "freeze", "cutoff", "severing"].contains(ctx.lemma(cands[ci].trigger))
                if cands[ci].entry.kind == .future || cands[ci].entry.kind == .resume || cands[ci].entry.kind == .halt && ctx.isNoun(cands[ci].trigger) && !haltNoun {
                    cands[ci].consumed = true
                }
                continue
            }
            let inner = cands[comp].code
            var negated = cands[ci].negated
            // "decided not to attend the talks": the complement noun's verb carries the negation.
            if !cands[comp].negated, ctx.isNoun(cands[comp].trigger), ctx.dep(cands[comp].trigger) == "obj",
               let v = ctx.head(cands[comp].trigger, range), v != cands[ci].trigger, ctx.isNegated(v, range: range) {
                cands[comp].negated = true
            }
            var code: String
            switch cands[ci].entry.kind {
            case .appeal: code = CameoRecode.appeal(inner)
            case .demand: code = CameoRecode.demand(inner)
            case .intent:
                if negated || cands[comp].negated { code = CameoRecode.reject(inner); negated = false }
                else { code = CameoRecode.intent(inner) }
            case .reject:
                code = negated ? CameoRecode.intent(inner) : CameoRecode.reject(inner); negated = false
            case .threaten: code = CameoRecode.threat(inner)
            case .halt: code = CameoRecode.halt(inner)
            case .future, .resume:
                // "decided not to attend the talks": a cooperative act decided against is a refusal (12); another
                // negated complement stays negated.
                if cands[comp].negated, CameoRecode.isCooperative(inner) || inner.hasPrefix("04") {
                    code = CameoRecode.reject(inner); negated = false
                } else {
                    code = inner
                    negated = negated || cands[comp].negated
                }
            case .deny:
                // The denier rejects the accusation (016); the denied act is kept, marked denied.
                cands[comp].modality = .denied
                cands[comp].negated = true
                cands[comp].governor = ci
                continue
            default: code = inner
            }
            if cands[ci].entry.kind == .future { cands[ci].modality = .future }
            cands[ci].code = code
            cands[ci].negated = negated
            cands[ci].governor = comp  // actors may come from the complement
            cands[comp].consumed = true
            if cands[ci].modality == .asserted { cands[ci].modality = cands[comp].modality == .denied ? .asserted : cands[comp].modality }
        }

        // A standing agreement referred to ("permitted under the original JCPOA agreement", "a return to the
        // deal", "since the 2015 nuclear deal") is no act of signing one (057): a definite agreement noun that is a
        // preposition's object, or one named by a year or a name. An act on it is coded from its verb ("signed the
        // deal", "quit the accord"), and a control word still takes it ("refused to sign the 2015 accord").
        if ctx.parsed {
            for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind == .noun && cands[ci].code == "057"
                && cands[ci].governor == nil && ctx.isStandingAgreement(cands[ci].trigger, range: range) {
                cands[ci].consumed = true
            }
        }

        // "failed to reach agreement": a cooperative act that did not come about is a refusal (12).
        for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind != .say {
            let t = cands[ci].trigger
            let c = cands[ci].code
            guard CameoRecode.isCooperative(c) || c.hasPrefix("04") else { continue }
            var fail: Int?
            if let h = ctx.head(t, range), ctx.dep(t) == "xcomp" || ctx.dep(t) == "ccomp", ctx.lemma(h) == "fail" { fail = h }
            else if t >= range.lowerBound + 2, ctx.lowers[t - 1] == "to", ctx.lemma(t - 2) == "fail" { fail = t - 2 }
            guard let f = fail, !ctx.isNegated(f, range: range) else { continue }
            cands[ci].code = CameoRecode.reject(c)
        }

        // Secondary mentions: a participle adjunct of another act ("demonstrated, calling for ..."), acts in
        // relative clauses and modifiers without an actor of their own, and event nouns that are neither
        // attached to an actor nor the only act in the sentence ("war-torn", "peace accord").
        let verbal = Set(cands.indices.filter { !cands[$0].consumed && !ctx.isNoun(cands[$0].trigger) && cands[$0].entry.kind != .say }.map { cands[$0].trigger })
        for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind != .say && cands[ci].modality != .denied {
            let t = cands[ci].trigger
            let d = ctx.dep(t)
            if ctx.isNoun(t) {
                if !verbal.isEmpty && !ctx.hasOwnActor(t, range: range) && cands[ci].governor == nil { cands[ci].consumed = true }
                continue
            }
            if d == "acl:relcl" || d == "acl" || d == "amod" && ctx.isAmodPredicate(t, range: range) == nil {
                // Finite verbs are predicates whatever the parse says; participles and relative clauses modify.
                let x = doc.tokens[t].xpos ?? ""
                let finite = x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD"
                let relative = t > range.lowerBound && ["who", "which", "that"].contains(ctx.lowers[t - 1])
                // A participle that carries a statement's content ("issued a statement calling on ...") stays.
                let carrier = d == "acl" && x == "VBG" && ctx.head(t, range).map { triggerIndex[$0] == nil } == true
                if !carrier && !ctx.isNounPredicate(t, range: range) && (!finite || relative || d == "acl:relcl") && ctx.subjectActorsDirect(t, range: range).isEmpty { cands[ci].consumed = true }
                continue
            }
            if d == "advcl" || d == "xcomp" || d == "conj", ctx.lowers[t].hasSuffix("ing"), let h = ctx.head(t, range),
               verbal.contains(h) || triggerIndex[h].map({ !cands[$0].consumed && cands[$0].entry.kind != .say }) == true,
               !ctx.parsedSubject(t) {
                cands[ci].consumed = true
            }
        }

        // "X said Y must do Z": a demand by the speaker on Y (10).
        for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind != .say {
            let t = cands[ci].trigger
            if let h = mustClauseHead(t, ctx, range) {
                cands[ci].code = CameoRecode.demand(cands[ci].code)
                cands[ci].mustDemand = h
            }
        }

        // Future or hypothetical acts: cooperation becomes intent (03), conflict a threat (13) — the codebook's
        // "express intent" and "threaten" families.
        for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind != .say {
            if cands[ci].modality == .future {
                let c = cands[ci].code
                if cands[ci].negated && CameoRecode.isCooperative(c) { cands[ci].code = CameoRecode.reject(c); cands[ci].negated = false }
                else if CameoRecode.isCooperative(c) || c.hasPrefix("04") { cands[ci].code = CameoRecode.intent(c) }
                else if CameoRecode.isConflict(c) && !c.hasPrefix("13") { cands[ci].code = CameoRecode.threat(c) }
            }
        }

        // The sentence's main events: acts inside an adverbial or adnominal clause ("..., accusing them of
        // killing", "to deal with violations of the accords", "in which 20 people were killed") and event nouns
        // that are the object of a preposition ("after years of occupation", "during the war") are background
        // when an act stands on the main clause's spine. "coupled with", "along with" coordinate.
        if ctx.parsed {
            var main = Set<Int>()
            var background = Set<Int>()
            for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind != .say && cands[ci].modality != .denied
                && cands[ci].modality != .conditional {
                if ctx.isSubordinate(cands[ci].trigger, range: range) { background.insert(ci) } else { main.insert(ci) }
            }
            // "killed ... in a suicide car bombing", "killed 23 people when they blew themselves up": the killing
            // is the outcome of the assault it sits on, and the assault (18) is the more specific code.
            for ci in main.sorted() where cands[ci].code.hasPrefix("19") && !ctx.isNoun(cands[ci].trigger) {
                if let cj = cands.indices.first(where: { $0 != ci && cands[$0].code.hasPrefix("18") && !cands[$0].negated
                    && cands[$0].entry.kind != .say && (background.contains($0) || cands[$0].consumed && ctx.isNoun(cands[$0].trigger))
                    && ctx.dominates(cands[ci].trigger, cands[$0].trigger, range: range) }) {
                    cands[ci].code = cands[cj].code
                }
            }
            if !main.isEmpty { for ci in background { cands[ci].consumed = true } }
            // Comments of pessimism, optimism and deliberation (012 fear, 013 hope, 014 consider) hold the acts
            // they are about: "hoped the lifting of martial law would lead to ..." is the hope, not the lifting.
            for ci in cands.indices where !cands[ci].consumed && cands[ci].entry.kind == .verb
                && ["012", "013", "014"].contains(cands[ci].code) && !ctx.isNoun(cands[ci].trigger) {
                for cj in cands.indices where cj != ci && !cands[cj].consumed && cands[cj].entry.kind != .say
                    && ctx.dominates(cands[ci].trigger, cands[cj].trigger, range: range) {
                    cands[cj].consumed = true
                }
            }
        }

        // Statements: a verb of saying is an event only when the sentence codes no other act.
        let acts = cands.filter { !$0.consumed && $0.entry.kind != .say }
        var out: [Event] = []
        for c in cands where !c.consumed {
            if c.entry.kind == .say && !acts.isEmpty { continue }
            if c.entry.kind == .say && ctx.subjectActors(c.trigger, range: range).isEmpty { continue }
            var evs = ctx.events(for: c, in: s, cands: cands, lexicon: lexicon, coder: self)
            // A noun of intent with nobody holding it ("the possibility of negotiations appears remote") tells how
            // likely the act is, not that anyone intends it.
            if c.entry.kind == .intent, ctx.isNoun(c.trigger) { evs.removeAll { $0.source == nil } }
            out += evs
        }
        return out
    }
}
