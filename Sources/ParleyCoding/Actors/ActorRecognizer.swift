import Foundation
import ParleyModel

/// Finds actor mentions and codes them with CAMEO actor codes.
///
/// Longest dictionary match over the words of each sentence (see `ActorScan`), then composition:
/// - country (name, adjective, capital) [+ 's] [+ top/senior/former …] + role noun [+ name]:
///   "Iranian Foreign Minister Abbas Araghchi" → IRNGOV with person; "U.S. troops" → USAMIL;
/// - role noun + known person: "President Vladimir Putin" → RUSGOV;
/// - appositions: "Abbas Araghchi, Iran's top diplomat" → IRNGOV;
/// - people from the dictionaries by the document's date ([USAGOV 20090120-20170120]); a term
///   that ended before the date codes the person as an elite (ELI) of that country;
/// - offices learned in the document (and `knownPeople`) code later bare mentions ("Araghchi").
/// Capitals read as the government ("Tehran said" → IRNGOV) except after a locative preposition
/// ("in Tehran" → IRN).
public struct ActorRecognizer: TextStage {
    public let name = "actors"
    public var requires: Set<Annotation> { [.sentences, .tokens] }
    public var assigns: Set<Annotation> { [.actors] }

    public let dictionary: ActorDictionary
    /// Known people by the hash of their name's words, each with their offices (code, date).
    let known: [UInt64: [(name: String, code: String, date: Date?)]]

    public init(dictionary: ActorDictionary, knownPeople: [OfficeFact] = []) {
        self.dictionary = dictionary
        var known: [UInt64: [(name: String, code: String, date: Date?)]] = [:]
        for k in knownPeople {
            let ws = ActorScan.words(of: k.person)
            guard ws.count >= 2 else { continue }
            var h: UInt64 = 0
            for w in ws { h = ActorScan.combine(h, w.hash) }
            known[h, default: []].append((k.person, k.code, k.date))
        }
        self.known = known
    }

    /// With the bundled dictionaries.
    public init(knownPeople: [OfficeFact] = []) throws {
        self.init(dictionary: try ActorDictionary.bundled(), knownPeople: knownPeople)
    }

    public func process(_ document: inout Document) throws {
        _ = recognize(&document)
    }

    /// Fills `document.actors` and returns the offices learned from the text.
    @discardableResult
    public func recognize(_ document: inout Document) -> [OfficeFact] {
        var state = DocumentState(recognizer: self, document: document)
        var text = document.text
        text.withUTF8 { bytes in
            // One pass over the whole text; sentence boundaries become hard gaps, except right
            // after an initialism ("U.S. troops" split after "U.S." by a tokenizer).
            ActorScan.scan(bytes, from: 0, to: bytes.count, into: &state.words)
            let classes = ActorRecognizer.wordClasses
            for k in state.words.indices {
                let h = state.words[k].hash
                state.words[k].id = dictionary.wordID(h) ?? .max
                if let f = classes.get(h) { state.words[k].flags = UInt16(truncatingIfNeeded: f) }
            }
            var segments: [Range<Int>] = []
            var w = 0, segStart = 0
            for s in document.sentences.dropFirst() {
                while w < state.words.count && Int(state.words[w].start) < s.span.start { w += 1 }
                guard w < state.words.count else { break }
                if w > segStart {
                    if ActorRecognizer.continuesInitialism(state.words[w - 1], bytes) { continue }
                    state.words[w].gap = .hard
                    segments.append(segStart..<w)
                    segStart = w
                }
            }
            if segStart < state.words.count { segments.append(segStart..<state.words.count) }
            for seg in segments { state.segment(bytes, seg) }
        }
        document.actors = state.mentions
        return state.learned
    }

    // MARK: - shared word hashes

    static func hash(_ word: String) -> UInt64 { ActorScan.words(of: word).first?.hash ?? 0 }
    static func hashes(_ words: [String]) -> Set<UInt64> { Set(words.map(hash)) }

    /// Whether a word ending in "." is an initialism ("U.S.", "U.K."): letters and dots alternate.
    static func continuesInitialism(_ w: ActorWord, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(w.start), b = Int(w.end)
        guard b - a >= 2 else { return false }
        var i = a
        while i + 1 < b {
            if bytes[i + 1] != UInt8(ascii: ".") { return false }
            i += 2
        }
        return i == b
    }

    /// Word classes the composition rules test, one table lookup per word.
    enum WordClass {
        static let modifier: UInt16 = 1, locative: UInt16 = 2, particle: UInt16 = 4, notName: UInt16 = 8
        static let orgWord: UInt16 = 16, the: UInt16 = 32, former: UInt16 = 64, conjunction: UInt16 = 128
        /// Group and faith words ("Shia", "Arab"): may continue a name, never start one.
        static let groupWord: UInt16 = 256
    }
    static let wordClasses: FlatTable = {
        var t = FlatTable(bits: 10)
        func mark(_ set: Set<UInt64>, _ flag: UInt16) {
            for h in set { t.set(h, Int32((t.get(h) ?? 0) | Int32(flag))) }
        }
        mark(modifiers, WordClass.modifier)
        mark(modifiers, WordClass.notName)
        mark(locatives, WordClass.locative)
        mark(particles, WordClass.particle)
        mark(notNames, WordClass.notName)
        mark(groupWords, WordClass.groupWord)
        mark(orgWords, WordClass.orgWord)
        mark([theHash], WordClass.the)
        mark([formerHash], WordClass.former)
        let formerLike = hashes(["ousted", "deposed", "late", "exiled", "ex", "toppled", "overthrown", "jailed"])
        mark(formerLike, WordClass.former)
        mark(formerLike, WordClass.modifier)
        mark(formerLike, WordClass.notName)
        mark(hashes(["and", "or"]), WordClass.conjunction)
        return t
    }()

    static let nameSuffixes = hashes(["jr", "sr"])
    /// Role nouns that are also common surnames: after a given name or an honorific they are the surname
    /// ("Tom King", "Mr. Judge"); institutional roles ("the Victorian Government") are not among them.
    static let surnameRoles = hashes(["king", "judge", "bishop", "major", "prince", "marshal", "dean", "sheriff",
                                      "pope", "knight", "baron", "priest", "chamberlain", "abbot", "cardinal"])
    static let honorifics = hashes(["mr", "mrs", "ms", "dr", "miss", "messrs", "mme", "mlle"])
    /// "regime" as a system of rules, not a government: after the noun naming what the rules govern ("the US
    /// sanctions regime", "the inspections regime", "the nonproliferation regime", "a visa regime").
    static let regimeWords = hashes(["regime", "regimes"])
    /// Newspaper title words: a country or capital name before one names a newspaper ("Tehran Times", "China
    /// Daily", "Kyiv Independent"), that country's media (MED), not its government.
    static let mastheadWords = hashes([
        "times", "post", "herald", "tribune", "journal", "gazette", "daily", "chronicle", "telegraph", "observer",
        "independent", "mirror", "examiner", "courier", "inquirer", "dispatch", "bulletin", "monitor", "review",
        "standard", "guardian", "news", "today", "sun", "star", "express", "mail", "press", "pravda", "insider",
    ])
    static let ruleSystemNouns = hashes([
        "sanction", "sanctions", "inspection", "inspections", "nonproliferation", "non-proliferation", "proliferation",
        "safeguard", "safeguards", "verification", "monitoring", "visa", "trade", "tax", "tariff", "tariffs", "export",
        "exports", "import", "imports", "control", "controls", "treaty", "ceasefire", "truce", "climate", "rights",
        "regulatory", "legal", "currency", "exchange", "price", "embargo", "travel", "border", "asylum", "immigration",
        "customs", "licensing", "disclosure", "enrichment",
    ])
    static let theHash = hash("the")
    static let chiefHash = hash("chief")
    /// Fields of an office, between an institution and its role noun ("EU foreign policy chief").
    static let fieldWords = hashes([
        "foreign", "policy", "human", "rights", "war", "crimes", "trade", "nuclear", "security", "defense", "defence",
        "climate", "refugee", "refugees", "health", "aid", "energy", "humanitarian", "economic", "economy", "finance",
        "financial", "intelligence", "arms", "peace", "election", "elections", "atomic", "migration", "justice",
        "development", "agriculture", "environment", "counterterrorism", "terrorism", "drug", "drugs", "corruption",
        "budget", "disarmament", "relief", "food", "emergency", "interior", "home", "legal", "monetary", "nonproliferation",
    ])
    static let secretaryGeneralHash = hash("secretary-general")
    static let secretaryHash = hash("secretary")
    static let generalHash = hash("general")
    static let formerHash = hash("former")
    static let modifiers = hashes(["top", "senior", "chief", "new", "acting", "then", "outgoing", "incoming",
                                   "interim", "former", "veteran", "powerful", "longtime", "current", "caretaker",
                                   "deputy", "vice", "assistant", "executive", "first", "special", "principal"])
    /// Words that make a capitalised run an organisation rather than a person.
    static let orgWords = hashes([
        "group", "council", "mission", "bureau", "committee", "party", "society", "agency", "organization",
        "organisation", "office", "ministry", "court", "force", "forces", "commission", "union", "front",
        "movement", "assembly", "program", "programme", "fund", "bank", "institute", "foundation", "center",
        "centre", "international", "association", "news", "department", "service", "services", "army", "police",
        "guard", "guards", "brigade", "brigades", "corps", "authority", "administration", "parliament", "congress",
        "senate", "house", "university", "company", "corporation", "network", "coalition", "alliance", "command",
        "board", "agreement", "treaty", "summit", "conference", "forum", "act", "law", "plan", "initiative",
        "strategy", "campaign", "operation", "project", "report", "tariff", "tariffs", "state", "states",
        "republic", "republica", "brotherhood", "brothers", "kingdom", "islands", "city", "province", "region", "street", "square", "airport", "station",
    ])
    static let locatives = hashes(["in", "to", "at", "near", "outside", "into", "via", "across", "around",
                                   "toward", "towards", "inside", "through", "visit", "visited", "visiting",
                                   "arrived", "returned", "left", "over", "within"])
    static let particles = hashes(["al", "el", "bin", "ibn", "bint", "de", "del", "da", "di", "dos", "van", "von",
                                   "der", "la", "le", "abu", "ul", "ben"])
    static let notNames = hashes([
        "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "he", "she", "it", "they", "we", "i",
        "his", "her", "their", "its", "this", "that", "these", "those", "mr", "mrs", "ms", "dr", "after", "before",
        "when", "while", "as", "if", "there", "here", "what", "who", "why", "how", "where", "with", "by", "from",
        "to", "of", "not", "no", "yes", "our", "my", "your", "you", "some", "many", "all", "both", "such",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "said", "says", "according", "however", "meanwhile", "also", "last", "next",
        "earlier", "later", "today", "yesterday", "tomorrow", "on", "during", "since", "until", "under", "about",
    ])
    /// Group and faith words: capitalised, but they do not start a name.
    static let groupWords = hashes([
        "arab", "arabs", "kurd", "kurds", "kurdish", "muslim", "muslims", "christian", "christians", "shiite",
        "shiites", "shia", "sunni", "sunnis", "jewish", "jew", "jews", "catholic", "catholics", "hindu", "buddhist",
        "western", "eastern", "northern", "southern", "european", "african", "asian", "latin", "islamic",
        "proposal", "graduate", "republican", "republicans", "democrat", "democrats", "democratic",
    ])
}

private typealias WC = ActorRecognizer.WordClass

/// Per-document work: the people learned so far and the mentions found.
private struct DocumentState {
    struct Person {
        var name: String
        var code: String
        var learned: Bool
    }

    enum UnitKind { case country, capital, org, igo, group, person, agent, possessive, name, other }

    struct Unit {
        var lo: Int
        var hi: Int
        var kind: UnitKind
        var code: String = ""
        var person: String?
        var learned: Bool = false
    }

    let rec: ActorRecognizer
    let dict: ActorDictionary
    let day: Int?
    let documentID: String
    let published: Date?
    var local: [UInt64: Person] = [:]
    /// Surnames of people known from other documents, used only where no dictionary phrase matches.
    var knownSurnames: [UInt64: Person] = [:]
    var mentions: [ActorMention] = []
    var learned: [OfficeFact] = []
    var learnedKeys: Set<String> = []
    var words: [ActorWord] = []
    var units: [Unit] = []

    init(recognizer: ActorRecognizer, document: Document) {
        rec = recognizer
        dict = recognizer.dictionary
        documentID = document.id
        published = document.published
        if let p = document.published {
            let c = Timestamp.utcCalendar.dateComponents([.year, .month, .day], from: p)
            day = (c.year ?? 0) * 10000 + (c.month ?? 0) * 100 + (c.day ?? 0)
        } else {
            day = nil
        }
        // Known people: the most recent office at or before the document's date.
        for (h, offices) in recognizer.known {
            var best: (name: String, code: String, date: Date?)?
            for o in offices {
                if let p = published, let d = o.date, d > p.addingTimeInterval(86400) { continue }
                if let b = best, let bd = b.date, let d = o.date, d < bd { continue }
                best = o
            }
            if let best { local[h] = Person(name: best.name, code: best.code, learned: true) }
        }
        var ambiguous: Set<UInt64> = []
        for (_, p) in local {
            let ws = ActorScan.words(of: p.name)
            guard let last = ws.last, ws.count >= 2, last.end - last.start >= 4 else { continue }
            let h = ActorScan.combine(0, last.hash)
            if let other = knownSurnames[h], other.name != p.name { ambiguous.insert(h) }
            knownSurnames[h] = p
        }
        for h in ambiguous { knownSurnames[h] = nil }
    }

    static func phraseHash(_ ws: ArraySlice<ActorWord>) -> UInt64 {
        var h: UInt64 = 0
        for w in ws { h = ActorScan.combine(h, w.hash) }
        return h
    }

    // MARK: sentence

    mutating func segment(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var us = units
        units = []
        us.removeAll(keepingCapacity: true)
        words.withUnsafeBufferPointer { w in buildUnits(w, range, into: &us) }
        units = us
        compose(bytes)
    }

    /// Longest dictionary match at `i` with an entry whose casing fits: length and trie node.
    func longest(_ w: UnsafeBufferPointer<ActorWord>, _ i: Int) -> (Int, Int32)? {
        var node: Int32 = 0
        var j = i
        var best: (Int, Int32)?
        while j < w.count {
            if j > i, w[j].gap.rawValue > ActorWord.Gap.joiner.rawValue { break }
            let id = w[j].id
            guard id != .max, let next = dict.child(node, id) else { break }
            node = next
            j += 1
            if dict.hasEntries(node) {
                for e in dict.entriesAt(node) where dict.caseMatches(e, w, from: i) {
                    best = (j - i, node)
                    break
                }
            }
        }
        return best
    }

    /// Whether the longest match at `i` is an actor (not only a person or role noun).
    func actorStarts(_ w: UnsafeBufferPointer<ActorWord>, _ i: Int) -> Bool {
        guard let m = longest(w, i) else { return false }
        for e in dict.entriesAt(m.1) where dict.caseMatches(e, w, from: i) {
            let k = dict.entryKind[Int(e)]
            if k != .person { return true }
        }
        return false
    }

    /// Whether the word at `i` is one of the role nouns that are also common surnames ("King", "Judge", "Bishop")
    /// and the dictionaries know it only as a role noun.
    func roleNounOnly(_ w: UnsafeBufferPointer<ActorWord>, _ i: Int) -> Bool {
        guard ActorRecognizer.surnameRoles.contains(w[i].hash), let m = longest(w, i), m.0 == 1 else { return false }
        var any = false
        for e in dict.entriesAt(m.1) where dict.caseMatches(e, w, from: i) {
            if dict.entryKind[Int(e)] != .agent { return false }
            any = true
        }
        return any
    }

    /// Longest person known in this document at `i` (capitalised words only).
    func localPerson(_ w: UnsafeBufferPointer<ActorWord>, _ i: Int) -> (Int, Person)? {
        guard !local.isEmpty else { return nil }
        var h: UInt64 = 0
        var best: (Int, Person)?
        var j = i
        while j < w.count && j - i < 5 {
            let word = w[j]
            if j > i, word.gap.rawValue > ActorWord.Gap.joiner.rawValue { break }
            let particle = !word.isFirstUpper && (word.flags & WC.particle != 0)
            if !word.isFirstUpper && !particle { break }
            // An initialism is no name: "U.N." is not Kim Jong Un's last word "Un".
            if word.isAllUpper && word.end - word.start <= 4 { break }
            h = ActorScan.combine(h, word.hash)
            j += 1
            if !particle, let p = local[h] { best = (j - i, p) }
        }
        return best
    }

    func isNameWord(_ w: ActorWord, continuing: Bool = false) -> Bool {
        w.isFirstUpper && w.shape & ActorWord.hasLetter != 0 && w.shape & ActorWord.digit == 0
            && w.flags & WC.notName == 0 && (continuing || w.flags & WC.groupWord == 0)
    }

    func buildUnits(_ all: UnsafeBufferPointer<ActorWord>, _ range: Range<Int>, into units: inout [Unit]) {
        // a view of the segment whose indices are the document's word indices
        let w = UnsafeBufferPointer(start: all.baseAddress, count: range.upperBound)
        var i = range.lowerBound
        let n = range.upperBound
        while i < n {
            let word = w[i]
            if word.isPossessive {
                units.append(Unit(lo: i, hi: i + 1, kind: .possessive))
                i += 1
                continue
            }
            // "Mr. King", "Dr. Judge": after an honorific a role noun is a surname (the honorific may have been
            // taken for a sentence end, so it is looked for before the segment too)
            let afterHonorific = i > 0 && word.isFirstUpper && word.gap.rawValue <= ActorWord.Gap.hard.rawValue
                && word.gap != .comma && ActorRecognizer.honorifics.contains(w[i - 1].hash)
            let m = afterHonorific && roleNounOnly(w, i) ? nil : longest(w, i)
            let lp = word.isFirstUpper ? localPerson(w, i) : nil
            if let lp, lp.0 >= (m?.0 ?? 0) {
                units.append(Unit(lo: i, hi: i + lp.0, kind: .person, code: lp.1.code, person: lp.1.name, learned: lp.1.learned))
                i += lp.0
                continue
            }
            if let m, let u = resolve(m.1, w, lo: i, hi: i + m.0),
               !(u.kind == .person && m.0 == 1 && i + 1 < n && w[i + 1].gap == .space && isNameWord(w[i + 1])) {
                // (a one-word dictionary name followed by another name word starts a longer name)
                units.append(u)
                i += m.0
                continue
            }
            if word.isFirstUpper, !knownSurnames.isEmpty, let p = knownSurnames[ActorScan.combine(0, word.hash)],
               !(i + 1 < n && isNameWord(w[i + 1]) && w[i + 1].gap == .space),
               !(i > range.lowerBound && isNameWord(w[i - 1]) && word.gap == .space) {
                units.append(Unit(lo: i, hi: i + 1, kind: .person, code: p.code, person: p.name, learned: true))
                i += 1
                continue
            }
            if isNameWord(word) {
                // a run of capitalised words (with name particles) not in the dictionaries
                var j = i + 1
                while j < n && j - i < 6 {
                    let x = w[j]
                    if x.gap.rawValue > ActorWord.Gap.joiner.rawValue { break }
                    if x.gap == .joiner && x.shape & ActorWord.attached == 0 { break }
                    if isNameWord(x, continuing: true) {
                        if actorStarts(w, j) {
                            // "Tom King", "Angus King", "Bob Bishop": a one-word role noun that ends a run of name
                            // words is the person's surname, not a second actor
                            // ("Martin Luther King Jr.": a generational suffix may follow)
                            if x.gap == .space, x.flags & WC.orgWord == 0, roleNounOnly(w, j),
                               !(j + 1 < n && w[j + 1].gap.rawValue <= ActorWord.Gap.joiner.rawValue
                                 && (isNameWord(w[j + 1], continuing: true) || w[j + 1].flags & WC.particle != 0)
                                 && !ActorRecognizer.nameSuffixes.contains(w[j + 1].hash)) {
                                j += 1
                                continue
                            }
                            break
                        }
                        j += 1
                        continue
                    }
                    if !x.isFirstUpper, (x.flags & WC.particle != 0), j + 1 < n, isNameWord(w[j + 1]),
                       w[j + 1].gap.rawValue <= ActorWord.Gap.joiner.rawValue {
                        j += 2
                        continue
                    }
                    break
                }
                var org = false
                for x in i..<j where (w[x].flags & WC.orgWord != 0) { org = true; break }
                // "English-language", "Trump-era": a capitalised word tied to a lower-case one is a modifier
                if j < n, w[j].gap == .joiner, w[j].shape & ActorWord.attached != 0, !w[j].isFirstUpper { org = true }
                units.append(Unit(lo: i, hi: j, kind: org ? .other : .name))
                i = j
                continue
            }
            units.append(Unit(lo: i, hi: i + 1, kind: .other))
            i += 1
        }
    }

    /// Picks the entry that applies: actors over people over agents, then by date.
    func resolve(_ node: Int32, _ w: UnsafeBufferPointer<ActorWord>, lo: Int, hi: Int) -> Unit? {
        let es = dict.entriesAt(node)
        var actor: Int32 = -1, actorFrom: Int32 = -1, undatedActor: Int32 = -1
        var hasPerson = false
        var agent: Int32 = -1
        for e in es where dict.caseMatches(e, w, from: lo) {
            let i = Int(e)
            switch dict.entryKind[i] {
            case .person: hasPerson = true
            case .agent: if agent < 0 { agent = e }
            default:
                let from = dict.entryFrom[i], until = dict.entryUntil[i]
                if from == 0 && until == Int32.max {
                    if undatedActor < 0 { undatedActor = e }
                } else if let day {
                    if from <= day && Int(until) >= day && from > actorFrom { actor = e; actorFrom = from }
                } else if Int32(clamping: Int(until)) >= actorFrom {
                    actor = e; actorFrom = until
                }
            }
        }
        if day == nil && undatedActor >= 0 { actor = undatedActor }
        if actor < 0 { actor = undatedActor }
        if actor >= 0 {
            let e = dict.entries[Int(actor)]
            let kind: UnitKind
            switch e.kind {
            case .country: kind = .country
            case .capital: kind = .capital
            case .igo, .ngo: kind = .igo
            case .group: kind = .group
            default: kind = .org
            }
            return Unit(lo: lo, hi: hi, kind: kind, code: e.code)
        }
        if hasPerson {
            let people = es.filter { dict.entryKind[Int($0)] == .person && dict.caseMatches($0, w, from: lo) }
                .map { dict.entries[Int($0)] }
            if var code = personCode(people) {
                // "President Obama" in the dictionary: the title in the text gives the sector
                if hi - lo >= 2, let country = splitCode(code).0, let sector = titleSector(w, lo) {
                    code = country + sector
                }
                return Unit(lo: lo, hi: hi, kind: .person, code: code, person: people[0].person ?? people[0].phrase)
            }
        }
        if agent >= 0 {
            return Unit(lo: lo, hi: hi, kind: .agent, code: dict.entries[Int(agent)].code)
        }
        return nil
    }

    /// The sector of a role noun that opens a phrase ("President" in "President Obama"), if any.
    func titleSector(_ w: UnsafeBufferPointer<ActorWord>, _ lo: Int) -> String? {
        guard w[lo].flags & WC.modifier == 0 else { return nil }
        let id = w[lo].id
        guard id != .max, let node = dict.child(0, id) else { return nil }
        for e in dict.entriesAt(node) where dict.entryKind[Int(e)] == .agent {
            let code = dict.entries[Int(e)].code
            return code.hasPrefix("ELI") ? nil : code
        }
        return nil
    }

    /// A person's code on the document's date.
    func personCode(_ people: [ActorEntry]) -> String? {
        let dated = people.filter(\.isDated)
        guard let day else {
            if let open = dated.filter({ $0.until == nil }).max(by: { ($0.from ?? 0) < ($1.from ?? 0) }) { return open.code }
            return people.first { !$0.isDated }?.code ?? dated.max { ($0.until ?? 0) < ($1.until ?? 0) }?.code
        }
        if let e = dated.filter({ $0.applies(on: day) }).max(by: { ($0.from ?? 0) < ($1.from ?? 0) }) { return e.code }
        if let e = people.first(where: { !$0.isDated }) { return e.code }
        if let ended = dated.filter({ ($0.until ?? Int.max) < day }).max(by: { ($0.until ?? 0) < ($1.until ?? 0) }) {
            let (country, _) = splitCode(ended.code)
            return country.map { $0 + "ELI" } ?? ended.code
        }
        if let later = dated.first, let country = splitCode(later.code).0 { return country }
        return nil
    }

    // MARK: composition

    func joined(_ a: Unit, _ b: Unit, _ w: [ActorWord]) -> Bool {
        w[b.lo].gap.rawValue <= ActorWord.Gap.joiner.rawValue && a.hi == b.lo
    }

    mutating func compose(_ bytes: UnsafeBufferPointer<UInt8>) {
        var u = 0
        let n = units.count
        while u < n {
            let unit = units[u]
            switch unit.kind {
            case .country, .capital, .org, .igo, .group:
                if unit.kind == .country || unit.kind == .capital, u + 1 < n, joined(unit, units[u + 1], words),
                   units[u + 1].kind == .name || units[u + 1].kind == .other, words[units[u + 1].lo].isFirstUpper,
                   ActorRecognizer.mastheadWords.contains(words[units[u + 1].lo].hash), let country = splitCode(unit.code).0 {
                    emit(bytes, unit, units[u + 1], code: country + "MED", person: nil)
                    u += 2
                    continue
                }
                // head [ 's ] [modifiers] agent+ [person]
                var k = u + 1
                if k < n, units[k].kind == .possessive { k += 1 }
                var sector: String?
                // "former Iranian President X": the modifier stands before the country
                let formerBefore = u > 0 && units[u - 1].kind == .other
                    && words[units[u - 1].lo].flags & WC.former != 0 && joined(units[u - 1], unit, words)
                var former = formerBefore
                var last = k
                var scan = k
                while scan < n, joined(units[scan - 1], units[scan], words) {
                    let x = units[scan]
                    let modifier = (x.kind == .other || x.kind == .agent && x.hi - x.lo == 1)
                        && (words[x.lo].flags & WC.modifier != 0)
                    if x.kind == .agent && !(modifier && sector == nil && scan + 1 < n && units[scan + 1].kind == .agent) {
                        if sector == nil { sector = x.code }
                        scan += 1
                        last = scan
                    } else if modifier, sector == nil {
                        if words[x.lo].flags & WC.former != 0 { former = true }
                        scan += 1
                    } else if sector == nil, let skip = topicRun(from: scan) {
                        // "EU foreign policy chief", "UN human rights chief", "the U.N. war crimes court": the
                        // office's field between the institution and its role noun ("chief" after a field is the
                        // head of that field's office)
                        scan += skip
                        if units[scan].kind != .agent {
                            sector = "GOV"
                            scan += 1
                            last = scan
                        }
                    } else {
                        break
                    }
                }
                if let sector {
                    var code = headCode(unit, sector: former ? "ELI" : sector)
                    var end = last
                    var person: String?
                    if end < n, joined(units[end - 1], units[end], words),
                       units[end].kind == .person || units[end].kind == .name {
                        let p = units[end]
                        person = p.person ?? text(bytes, p)
                        end += 1
                        remember(person!, code: code, words: p, bytes: bytes, learnedFact: true,
                                 evidence: span(units[u], units[end - 1]))
                    } else if unit.kind == .capital {
                        code = headCode(unit, sector: former ? "ELI" : sector)
                    }
                    emit(bytes, formerBefore ? units[u - 1] : units[u], units[end - 1], code: code, person: person)
                    u = end
                    continue
                }
                // an institution phrase that is itself a title ("US President", "UN Secretary General") + name
                if unit.kind == .org || unit.kind == .igo, splitCode(unit.code).1 != nil || unit.kind == .igo,
                   u + 1 < n, joined(unit, units[u + 1], words),
                   units[u + 1].kind == .name || units[u + 1].kind == .person {
                    let p = units[u + 1]
                    let name = p.person ?? text(bytes, p)
                    remember(name, code: unit.code, words: p, bytes: bytes, learnedFact: true, evidence: span(unit, p))
                    emit(bytes, unit, p, code: unit.code, person: name)
                    u += 2
                    continue
                }
                // coordination: "Hungarian and Romanian officials" — the role noun after the last
                // country applies to each
                if unit.kind == .country, let shared = coordinatedSector(after: u) {
                    emit(bytes, unit, unit, code: String(unit.code.prefix(3)) + shared, person: nil)
                    u += 1
                    continue
                }
                // "Douglas Paal", "Lincoln Chafee": a capital's name before one name word not in the dictionaries is
                // a person's given name (the Isle of Man's Douglas is not meant)
                if unit.kind == .capital, unit.hi - unit.lo == 1, u + 1 < n, joined(unit, units[u + 1], words),
                   units[u + 1].kind == .name, units[u + 1].hi - units[u + 1].lo == 1 {
                    u += 2
                    continue
                }
                // head alone
                var code = unit.code
                if unit.kind == .capital {
                    let locative = unit.lo > 0 && (words[unit.lo - 1].flags & WC.locative != 0)
                        && !words[unit.lo - 1].isFirstUpper
                    if !locative { code = unit.code + "GOV" }
                }
                emit(bytes, unit, unit, code: code, person: nil)
                u += 1
            case .agent:
                if unit.hi - unit.lo == 1, ActorRecognizer.regimeWords.contains(words[unit.lo].hash), u > 0,
                   units[u - 1].kind == .other, joined(units[u - 1], unit, words), !words[units[u - 1].lo].isFirstUpper,
                   ActorRecognizer.ruleSystemNouns.contains(words[units[u - 1].hi - 1].hash) {
                    u += 1
                    continue
                }
                // agent+ [person]
                var k = u
                var sector = unit.code
                var former = u > 0 && units[u - 1].kind == .other && words[units[u - 1].lo].flags & WC.former != 0
                    && joined(units[u - 1], unit, words)
                while k + 1 < n, units[k + 1].kind == .agent, joined(units[k], units[k + 1], words) {
                    k += 1
                    if (words[units[u].lo].flags & WC.modifier != 0), units[u].hi - units[u].lo == 1,
                       sector == unit.code, !(words[units[k].lo].flags & WC.modifier != 0) {
                        sector = units[k].code
                    }
                }
                if sector.hasPrefix("ELI") { former = true; sector = "ELI" }
                if k + 1 < n, joined(units[k], units[k + 1], words), units[k + 1].kind == .person || units[k + 1].kind == .name {
                    let p = units[k + 1]
                    let name = p.person ?? text(bytes, p)
                    var code = former ? "ELI" : sector
                    if p.kind == .person {
                        if let country = splitCode(p.code).0 { code = country + code } else if !sectorCodes.contains(p.code) { code = p.code }
                    } else if let known = surnamePerson(p), let country = splitCode(known).0 {
                        // "President Mugabe": a title and the surname of exactly one known person
                        code = country + code
                    }
                    if p.kind == .person { remember(name, code: code, words: p, bytes: bytes, learnedFact: false, evidence: nil) }
                    emit(bytes, unit, p, code: code, person: name)
                    u = k + 2
                    continue
                }
                emit(bytes, unit, units[k], code: former ? "ELI" : sector, person: nil)
                u = k + 1
            case .person:
                let name = unit.person ?? text(bytes, unit)
                var code = unit.code
                if u > 0, units[u - 1].kind == .other, words[units[u - 1].lo].flags & WC.former != 0,
                   joined(units[u - 1], unit, words), let country = splitCode(code).0 {
                    code = country + "ELI"      // "ousted President Mohamed Morsi"
                }
                if let (appCode, end) = apposition(after: u) {
                    code = appCode
                    remember(name, code: code, words: unit, bytes: bytes, learnedFact: true, evidence: span(unit, units[end]))
                } else {
                    remember(name, code: code, words: unit, bytes: bytes, learnedFact: false, evidence: nil)
                    // "Trump administration", "Putin's government": the person's country + the role
                    var k = u + 1
                    if k < n, units[k].kind == .possessive { k += 1 }
                    if k < n, k > u, units[k].kind == .agent, joined(units[k - 1], units[k], words),
                       words[units[k].lo].flags & WC.modifier == 0, let country = splitCode(code).0 {
                        emit(bytes, unit, units[k], code: country + units[k].code, person: name)
                        u = k + 1
                        continue
                    }
                }
                emit(bytes, unit, unit, code: code, person: name)
                u += 1
            case .name:
                if unit.hi - unit.lo >= 2, let (code, end) = apposition(after: u) {
                    let name = text(bytes, unit)
                    remember(name, code: code, words: unit, bytes: bytes, learnedFact: true, evidence: span(unit, units[end]))
                    emit(bytes, unit, unit, code: code, person: name)
                } else if unit.hi - unit.lo == 1 {
                    // "Biden administration", "Netanyahu's government": the surname of exactly one dictionary person
                    // in a government office on the document's date, and a government noun: that person's government
                    var k = u + 1
                    if k < n, units[k].kind == .possessive { k += 1 }
                    if k < n, units[k].kind == .agent, units[k].code == "GOV", joined(units[k - 1], units[k], words),
                       words[units[k].lo].flags & WC.modifier == 0, let known = surnamePerson(unit),
                       case let (country?, sector) = splitCode(known), sector == "GOV" {
                        emit(bytes, unit, units[k], code: country + units[k].code, person: nil)
                        u = k + 1
                        continue
                    }
                }
                u += 1
            case .possessive, .other:
                u += 1
            }
        }
    }

    /// One or two lower-case field words ("foreign policy", "human rights", "war crimes", "trade") joined to a role
    /// noun or "chief" right after them: how many units to pass over to reach it.
    func topicRun(from u: Int) -> Int? {
        var k = u
        while k < units.count, k - u < 2, units[k].kind == .other, units[k].hi - units[k].lo == 1,
              !words[units[k].lo].isFirstUpper, ActorRecognizer.fieldWords.contains(words[units[k].lo].hash),
              joined(units[k - 1], units[k], words) {
            k += 1
        }
        guard k > u, k < units.count, joined(units[k - 1], units[k], words) else { return nil }
        if units[k].kind == .agent { return k - u }
        if units[k].kind == .other, units[k].hi - units[k].lo == 1, words[units[k].lo].hash == ActorRecognizer.chiefHash { return k - u }
        return nil
    }

    /// "X and Y officials", "X, Y and Z forces": the sector of the role noun after the last country.
    func coordinatedSector(after u: Int) -> String? {
        var k = u + 1
        var sawConjunction = false
        while k + 1 < units.count {
            let x = units[k]
            if x.kind == .other, words[x.lo].flags & WC.conjunction != 0, x.hi - x.lo == 1 {
                sawConjunction = true
                k += 1
            } else if words[x.lo].gap == .comma, x.kind == .country {
                // a comma-separated country
            } else {
                return nil
            }
            guard units[k].kind == .country else { return nil }
            k += 1
            if k < units.count, units[k].kind == .agent, joined(units[k - 1], units[k], words), sawConjunction {
                return words[units[k].lo].flags & WC.modifier != 0 ? nil : units[k].code
            }
            if k < units.count, words[units[k].lo].gap == .comma, units[k].kind == .country { continue }
        }
        return nil
    }

    /// The dated code of the one dictionary person whose surname ends this name unit. A name of more words must
    /// begin with one of the person's: "Maria Consuelo Porras" is not "Gisela Alvarez de Porras".
    func surnamePerson(_ p: Unit) -> String? {
        guard p.kind == .name, let node = dict.surnameNode(words[p.hi - 1].hash) else { return nil }
        let first = words[p.lo].hash
        let people = dict.entriesAt(node).map { dict.entries[Int($0)] }.filter {
            $0.kind == .person && (p.hi - p.lo == 1 || ActorScan.words(of: $0.person ?? $0.phrase).contains { $0.hash == first })
        }
        guard !people.isEmpty else { return nil }
        return personCode(people)
    }

    /// ", [the] Country['s] [modifiers] agent" after unit `u`: the code and the last unit index.
    func apposition(after u: Int) -> (String, Int)? {
        var k = u + 1
        guard k < units.count, words[units[k].lo].gap == .comma else { return nil }
        if units[k].kind == .other, words[units[k].lo].flags & WC.the != 0 { k += 1 }
        guard k < units.count else { return nil }
        let head = units[k]
        guard head.kind == .country || head.kind == .igo || head.kind == .group else { return nil }
        k += 1
        // "Kofi Annan, UN secretary-general": an international organisation's head, named as such (the dictionary
        // may hold the whole title as one phrase: "UN Secretary General").
        if head.kind == .igo, (head.lo..<head.hi).contains(where: { words[$0].hash == ActorRecognizer.secretaryHash || words[$0].hash == ActorRecognizer.secretaryGeneralHash }) {
            return (head.code, k - 1)
        }
        if head.kind == .igo, k < units.count, joined(head, units[k], words) {
            let w0 = words[units[k].lo].hash
            if w0 == ActorRecognizer.secretaryGeneralHash
                || w0 == ActorRecognizer.secretaryHash && units[k].lo + 1 < words.count && words[units[k].lo + 1].hash == ActorRecognizer.generalHash {
                return (head.code, k)
            }
        }
        if k < units.count, units[k].kind == .possessive { k += 1 }
        var former = false
        while k < units.count, units[k].kind == .other || units[k].kind == .agent && units[k].hi - units[k].lo == 1
                && k + 1 < units.count && units[k + 1].kind == .agent,
              (words[units[k].lo].flags & WC.modifier != 0) {
            if words[units[k].lo].flags & WC.former != 0 { former = true }
            k += 1
        }
        guard k < units.count, units[k].kind == .agent, joined(units[k - 1], units[k], words) else { return nil }
        return (headCode(head, sector: former ? "ELI" : units[k].code), k)
    }

    func headCode(_ head: Unit, sector: String) -> String {
        switch head.kind {
        case .country, .capital: return String(head.code.prefix(3)) + sector
        case .org: return head.code.count == 3 ? head.code + sector : head.code
        default: return head.code
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>, _ unit: Unit) -> String {
        let a = Int(words[unit.lo].start), b = Int(words[unit.hi - 1].end)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
    }

    func span(_ a: Unit, _ b: Unit) -> Span { Span(Int(words[a.lo].start), Int(words[b.hi - 1].end)) }

    mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Unit, _ b: Unit, code: String, person: String?) {
        let s = span(a, b)
        let (country, sector) = splitCode(code)
        let t = String(decoding: UnsafeBufferPointer(rebasing: bytes[s.start..<s.end]), as: UTF8.self)
        mentions.append(ActorMention(span: s, text: t, code: code, country: country, sector: sector, person: person))
    }

    /// Records a person's code for later mentions in the document (full name and surname), and
    /// reports a learned office when the text itself gave it.
    mutating func remember(_ name: String, code: String, words unitWords: Unit, bytes: UnsafeBufferPointer<UInt8>,
                           learnedFact: Bool, evidence: Span?) {
        let ws = words[unitWords.lo..<unitWords.hi]
        let person = Person(name: name, code: code, learned: learnedFact)
        local[DocumentState.phraseHash(ws)] = person
        if ws.count >= 2 {
            // the surname, with its particle when it has one ("al-Sudani", "Sudani")
            let lastWord = ws[ws.endIndex - 1]
            local[ActorScan.combine(0, lastWord.hash)] = person
            if ws.count >= 3, (ws[ws.endIndex - 2].flags & WC.particle != 0) {
                local[DocumentState.phraseHash(ws[(ws.endIndex - 2)...])] = person
            }
        }
        // a learned office carries a country or an organisation, not a bare sector
        if learnedFact, let evidence, ws.count >= 2, !sectorCodes.contains(code) {
            let key = name + "\t" + code
            if learnedKeys.insert(key).inserted {
                learned.append(OfficeFact(person: name, code: code, documentID: documentID, evidence: evidence, date: published))
            }
        }
    }
}

/// Country and sector of a CAMEO actor code: "IRNGOV" → (IRN, GOV); "IGOUNOIAE" → (nil, nil);
/// a bare sector "GOV" → (nil, GOV).
func splitCode(_ code: String) -> (String?, String?) {
    let u = Array(code.utf8)
    if u.count == 3, sectorCodes.contains(code) { return (nil, code) }
    guard u.count >= 3 else { return (nil, nil) }
    let prefix = String(decoding: u[0..<3], as: UTF8.self)
    if nonCountryPrefixes.contains(prefix) { return (nil, nil) }
    // A bare sector with a role ("GOVMIL": a defence minister named without a country) has no country;
    // MUS alone is both a sector (Muslim) and a country (Mauritius).
    if prefix != "MUS", sectorCodes.contains(prefix) { return (nil, prefix) }
    let sector = u.count >= 6 ? String(decoding: u[3..<6], as: UTF8.self) : nil
    return (prefix, sector)
}

private let nonCountryPrefixes: Set<String> = ["IGO", "NGO", "IMG", "MNC", "INT", "UIS"]
let sectorCodes: Set<String> = [
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LEG", "HLH",
    "AGR", "LAB", "REF", "ELI", "UAF", "HRI", "ENV", "DEV", "REL", "MUS", "CHR", "JEW", "HIN", "BUD", "NGO",
    "RAD", "PPL", "MOD", "IGO", "SET",
]
