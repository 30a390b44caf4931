import Foundation
import ParleyModel

/// Per-document lookups for the event coder: lemmas, actor mentions per token, children in the parse.
struct DocContext {
    let document: Document
    var quotes: [Quote] = []
    /// Place name (lower case) → ISO3 country, the coder's gazetteer.
    var places: [String: String] = [:]
    /// Mention index covering each token, or -1.
    var tokenActor: [Int32]
    var lowers: [String]
    var lemmas: [String] = []
    var children: [Int: [Int]] = [:]

    /// The publication day (yyyy-MM-dd), computed once.
    let publishedDay: String?

    init(document: Document) {
        self.document = document
        publishedDay = document.published.map { DocContext.dayFormatter.string(from: $0) }
        let n = document.tokens.count
        tokenActor = Array(repeating: -1, count: n)
        lowers = document.tokens.map { $0.form.lowercased() }
        lemmas = document.tokens.indices.map { i in document.tokens[i].lemma.map { $0.lowercased() } ?? lowers[i] }
        // Mentions are sorted by start; walk tokens and mentions together.
        let mentions = document.actors.enumerated().sorted { $0.element.span.start < $1.element.span.start }
        var m = 0
        for i in 0..<n {
            let sp = document.tokens[i].span
            while m < mentions.count && mentions[m].element.span.end <= sp.start { m += 1 }
            var k = m
            while k < mentions.count && mentions[k].element.span.start < sp.end {
                if mentions[k].element.span.overlaps(sp) { tokenActor[i] = Int32(mentions[k].offset); break }
                k += 1
            }
        }
    }

    mutating func prepare(_ range: Range<Int>) {
        children.removeAll(keepingCapacity: true)
        for i in range {
            if let h = document.tokens[i].head, h >= 0, range.contains(h) { children[h, default: []].append(i) }
        }
    }

    func lemma(_ i: Int) -> String { lemmas[i] }

    /// Candidate base forms of an inflected word, for lemmatizer slips ("expelled" → expel, "rioted" → riot).
    func stems(_ i: Int) -> [String] {
        let f = lowers[i]
        var out: [String] = []
        func strip(_ suffix: String) -> String? { f.hasSuffix(suffix) && f.count > suffix.count + 2 ? String(f.dropLast(suffix.count)) : nil }
        for suf in ["ed", "ing"] {
            guard let b = strip(suf) else { continue }
            out.append(b)
            out.append(b + "e")
            if let l = b.last, b.count > 2, b.dropLast().last == l { out.append(String(b.dropLast())) }
            if b.hasSuffix("i") { out.append(String(b.dropLast()) + "y") }
        }
        if let b = strip("es") { out.append(b) }
        if let b = strip("s") { out.append(b) }
        if let b = strip("ies") { out.append(b + "y") }
        return out
    }
    func lower(_ i: Int) -> String { lowers[i] }
    func inActor(_ i: Int) -> Bool { tokenActor[i] >= 0 }
    func isNoun(_ i: Int) -> Bool { let p = document.tokens[i].pos; return p == .NOUN || p == .PROPN }
    func dep(_ i: Int) -> String { document.tokens[i].dep ?? "" }
    func head(_ i: Int, _ range: Range<Int>) -> Int? {
        guard let h = document.tokens[i].head, h >= 0, range.contains(h) else { return nil }
        return h
    }
    func kids(_ i: Int) -> [Int] { children[i] ?? [] }
    var parsed: Bool { document.tokens.first?.head != nil }

    func actor(overlapping span: Span) -> ActorMention? {
        document.actors.first { $0.span.overlaps(span) }
    }

    static let stopWords: Set<String> = [".", ",", ";", ":", "!", "?", "but", "while", "whereas", "which", "who", "because"]

    /// The index of the last token matching `words[1...]` in order after `i` (within the clause), or nil.
    func matchRest(_ words: [String], after i: Int, in range: Range<Int>, verbal: Bool) -> Int? {
        if words.count == 1 { return i }
        var j = i + 1
        var last = i
        let maxGap = verbal ? 6 : 3
        for w in words.dropFirst() {
            var found = false
            var gap = 0
            while j < range.upperBound && gap <= maxGap {
                let l = lemma(j), f = lowers[j]
                if w == "*" || l == w || f == w || (w.hasSuffix("s") && l == String(w.dropLast())) || (f.hasSuffix("s") && f.dropLast() == w) {
                    found = true; last = j; j += 1; break
                }
                if Self.stopWords.contains(f) || (verbal && document.tokens[j].pos == .VERB && gap > 0) { return nil }
                j += 1; gap += 1
            }
            if !found { return nil }
        }
        return last
    }

    static let negators: Set<String> = ["not", "n't", "never", "no", "neither", "nor", "without", "nothing"]

    /// The trigger is negated: a negating dependent, or (without a parse) "not"/"never" just before it.
    func isNegated(_ i: Int, range: Range<Int>) -> Bool {
        for k in kids(i) {
            let d = dep(k)
            if (d == "advmod" || d == "det" || d == "neg" || d == "advmod:neg" || d == "aux") && Self.negators.contains(lowers[k]) { return true }
        }
        // "There is no possibility": the existential's negation reaches its subject.
        if let h = head(i, range), dep(i) == "nsubj" || dep(i) == "nsubj:pass" || dep(i) == "xcomp" || dep(i) == "ccomp" {
            for k in kids(h) where Self.negators.contains(lowers[k]) && k < i { return true }
        }
        // "The talks did not take place", "so this war does not resume": an event named as the subject of a negated
        // verb of occurrence did not happen (a negated "kill" or "end" says nothing of whether its subject happened).
        if let h = head(i, range), dep(i) == "nsubj", isOccurrence(h),
           kids(h).contains(where: { ["advmod", "neg", "advmod:neg", "aux"].contains(dep($0)) && Self.negators.contains(lowers[$0]) }) {
            return true
        }
        // Window: up to three words before the trigger, not across punctuation.
        var j = i - 1
        var n = 0
        while j >= range.lowerBound && n < 3 {
            let f = lowers[j]
            if f == "," || f == ";" || f == "." { break }
            if Self.negators.contains(f) && f != "without" { return true }
            if f == "without" && n == 0 { return true }
            j -= 1; n += 1
        }
        return false
    }

    static let occurrenceVerbs: Set<String> = ["happen", "occur", "resume", "start", "begin", "materialize", "materialise",
                                               "proceed", "recur", "erupt"]

    /// A verb saying that its subject happens: "happen", "resume", "take place", "go ahead", "break out".
    func isOccurrence(_ h: Int) -> Bool {
        let l = lemma(h)
        if Self.occurrenceVerbs.contains(l) { return true }
        let particle: String? = ["take": "place", "go": "ahead", "break": "out"][l]
        return particle.map { p in kids(h).contains { lowers[$0] == p } } ?? false
    }

    static let pronounSubjects: Set<String> = ["he", "she", "they", "it", "we", "i"]

    /// The subject actors of the nearest verb of saying above `t` (within five heads), empty when there is none.
    func sayingSubject(above t: Int, range: Range<Int>, lexicon: EventLexicon) -> [Int] {
        var cur = t
        for _ in 0..<5 {
            guard let h = head(cur, range) else { break }
            if isSaying(h, lexicon: lexicon) { return subjectActors(h, range: range) }
            cur = h
        }
        return []
    }
    static let demonstratives: Set<String> = ["this", "that", "these", "those"]

    static let futureAux: Set<String> = ["will", "'ll", "shall", "would", "wo"]
    static let hypoAux: Set<String> = ["may", "might", "could", "can", "ca", "should"]
    static let conditionals: Set<String> = ["if", "unless"]
    static let beliefVerbs: Set<String> = ["believe", "think", "expect", "anticipate", "predict", "doubt", "imagine", "suppose",
                                           "assume", "foresee", "envisage", "envision", "forecast"]
    static let definiteDeterminers: Set<String> = ["the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"]
    static let unrealModifiers: Set<String> = ["future", "possible", "potential", "prospective", "eventual", "hypothetical",
                                               "proposed", "would-be"]

    /// A noun with a possessor or a definite determiner ("his arrest", "the US withdrawal"): an act already real.
    func isDefinite(_ i: Int) -> Bool {
        kids(i).contains { dep($0) == "nmod:poss" || dep($0) == "det" && Self.definiteDeterminers.contains(lowers[$0]) }
    }

    /// Nouns of evidence: "no sign that X …" asserts nothing of X.
    static let evidenceNouns: Set<String> = ["sign", "evidence", "indication", "proof", "suggestion", "hint"]

    /// An act in the clause of a negated noun of evidence: "I see no signs that the North Koreans are interested
    /// in talking", "there is no evidence that Iran attacked" — not asserted, only supposed.
    func underNoEvidence(_ i: Int, range: Range<Int>) -> Bool {
        guard parsed else { return false }
        var cur = i
        for _ in 0..<6 {
            guard let h = head(cur, range) else { return false }
            if ["acl", "ccomp", "nmod"].contains(dep(cur)), isNoun(h), Self.evidenceNouns.contains(lemma(h)) {
                return kids(h).contains { ["det", "amod", "advmod"].contains(dep($0)) && Self.negators.contains(lowers[$0]) }
            }
            cur = h
        }
        return false
    }

    /// The trigger's modality from its auxiliaries and the clause it sits in.
    func modality(_ i: Int, range: Range<Int>) -> Modality {
        // An event noun its modifier marks as not (yet) real: "future withdrawals", "potential talks",
        // "a possible strike", "the proposed deal".
        if isNoun(i) && kids(i).contains(where: { dep($0) == "amod" && Self.unrealModifiers.contains(lowers[$0]) }) { return .hypothetical }
        if underNoEvidence(i, range: range) { return .hypothetical }
        var cur = i
        var steps = 0
        while steps < 4 {
            for k in kids(cur) {
                let f = lowers[k]
                if Self.conditionals.contains(f) && (dep(k) == "mark") { return .conditional }
            }
            for k in kids(cur) where dep(k).hasPrefix("aux") {
                let f = lowers[k]
                if Self.futureAux.contains(f) { return .future }
                if Self.hypoAux.contains(f) { return .hypothetical }
            }
            guard let h = head(cur, range) else { break }
            let d = dep(cur)
            if d == "xcomp" || d == "conj" { cur = h; steps += 1; continue }
            // What is believed, expected or doubted is not asserted ("believe direct negotiations would be
            // productive" parsed with the noun as the object, "expect talks next week").
            if d == "obj" && isNoun(cur) && Self.beliefVerbs.contains(lemmas[h]) { return .hypothetical }
            // An event noun takes the modality of the verb it is the object of ("would tighten the blockade"), or
            // of an intransitive verb of occurrence it is the subject of ("sanctions could follow", "talks will take
            // place") — not of what is said about it ("tariffs will affect prices", "the arrest could be unlawful").
            if d == "obj" && isNoun(cur) { cur = h; steps += 1; continue }
            // … or of the verb it completes with a preposition ("could return to threats of attacks", "would respond
            // with sanctions"), a circumstance aside ("would suffer after the attack") and a definite act, which is
            // real already ("would compensate for the US withdrawal").
            if d == "obl" && isNoun(cur) && document.tokens[h].pos == .VERB,
               let c = caseWord(cur), !Self.circumstancePreps.contains(c), !isDefinite(cur) { cur = h; steps += 1; continue }
            if d == "nsubj" && isNoun(cur) && document.tokens[h].pos == .VERB
                && !kids(h).contains(where: { dep($0) == "obj" || dep($0) == "cop" || dep($0) == "xcomp" }) {
                cur = h; steps += 1; continue
            }
            // An act named without a determiner or possessor, judged under a modal ("direct negotiations would be
            // productive", "a strike could be a mistake"), is itself only supposed; a definite one is real ("his
            // arrest could be unlawful").
            if d == "nsubj" && isNoun(cur) && kids(h).contains(where: { dep($0) == "cop" })
                && kids(h).contains(where: { dep($0).hasPrefix("aux") && (Self.futureAux.contains(lowers[$0]) || Self.hypoAux.contains(lowers[$0])) })
                && !isDefinite(cur) {
                return .hypothetical
            }
            if d == "advcl" {
                // "if" on this clause is checked above; a main clause's modality does not pass down.
                break
            }
            break
        }
        if !parsed || kids(i).isEmpty {
            var j = i - 1, n = 0
            while j >= range.lowerBound && n < 4 {
                let f = lowers[j]
                if f == "," || f == ";" { break }
                if Self.futureAux.contains(f) { return .future }
                if Self.hypoAux.contains(f) { return .hypothetical }
                j -= 1; n += 1
            }
        }
        for j in range.lowerBound..<i where Self.conditionals.contains(lowers[j]) {
            // "If X attacks, ...": a conditional clause before the trigger, no comma between.
            if !(j..<i).contains(where: { lowers[$0] == "," }) { return .conditional }
        }
        return .asserted
    }

    static let linkWords: Set<String> = ["to", "of", "for", "on", "that", "about", "with", "in"]

    /// The candidate a control word governs: a dependent (xcomp, ccomp, obj, nmod, acl, advcl), else the next
    /// trigger within a few words.
    func complement(of c: Int, cands: [EventCoder.Candidate], index: [Int: Int], range: Range<Int>) -> Int? {
        for k in kids(c) {
            let d = dep(k)
            if ["xcomp", "ccomp", "obj", "nmod", "acl", "obl", "nsubj", "nsubj:pass", "advcl"].contains(d), let ci = index[k],
               cands[ci].trigger != c { return ci }
        }
        // Grandchildren through a light word ("possibility of negotiations", "refused to hold talks").
        for k in kids(c) {
            for g in kids(k) { if let ci = index[g], ["obj", "nmod", "xcomp", "obl"].contains(dep(g)) { return ci } }
        }
        // An infinitive hung under the addressee or its conjuncts ("urges Iran and the EU trio (...) to reach an
        // agreement", parsed as acl of "trio"): the requested act, whichever word the parser attached it to.
        var frontier = kids(c).filter { ["obj", "iobj", "obl"].contains(dep($0)) }
        for _ in 0..<3 where !frontier.isEmpty {
            var next: [Int] = []
            for k in frontier {
                for g in kids(k) {
                    let d = dep(g)
                    if ["acl", "xcomp", "advcl", "ccomp"].contains(d), let ci = index[g], cands[ci].trigger != c,
                       kids(g).contains(where: { dep($0) == "mark" && lowers[$0] == "to" }) { return ci }
                    if ["conj", "appos", "nmod", "compound", "flat"].contains(d) { next.append(g) }
                }
            }
            frontier = next
        }
        var j = c + 1, n = 0
        while j < range.upperBound && n < 5 {
            let f = lowers[j]
            // (not past a comma, nor a verb of saying: "criticized the plan, officials said" has no planned act)
            if f == "." || f == ";" || f == "but" || f == "," { break }
            if let ci = index[j], cands[ci].entry.kind != .say { return ci }
            j += 1; n += 1
        }
        return nil
    }

    static let sayLemmas: Set<String> = ["say", "tell", "state", "announce", "declare", "warn", "vow", "pledge", "threaten", "promise"]

    func isSpeech(_ range: Range<Int>) -> Bool {
        if range.contains(where: { Self.sayLemmas.contains(lemma($0)) }) { return true }
        guard !range.isEmpty else { return false }
        let sp = Span(document.tokens[range.lowerBound].span.start, document.tokens[range.upperBound - 1].span.end)
        return quotes.contains { $0.content.overlaps(sp) }
    }

    // MARK: - Arguments

    static let circumstancePreps: Set<String> = ["under", "since", "during", "after", "before", "despite", "amid", "amidst",
                                                 "following", "until", "throughout"]
    static let targetPreps: Set<String> = ["with", "on", "against", "to", "toward", "towards", "at", "into", "upon", "over", "for", "from", "in"]

    /// Actor mentions for a dependent: the mention covering it, else the first mention in its subtree; plus its conjuncts.
    func actors(at d: Int, range: Range<Int>, depth: Int = 0, after: Int = -1) -> [Int] {
        var out: [Int] = []
        if tokenActor[d] >= 0 { out.append(Int(tokenActor[d])) }
        else if depth < 3 {
            // The subtree's nearest mention: modifiers ("Iranian officials"), nmod ("minister of Iran").
            for k in kids(d) where k > after && ["amod", "compound", "nmod:poss", "nmod", "appos", "flat", "det"].contains(dep(k)) {
                // An adjective naming only a sector classifies the noun, it is no participant: "military aid",
                // "all official contact" (not "Iranian officials", which names a country).
                if dep(k) == "amod", isSectorAdjective(k) { continue }
                // A circumstance of the noun is no part of it: "the JCPOA under the previous US administration",
                // "the deal since 2015".
                if dep(k) == "nmod", let c = caseWord(k), Self.circumstancePreps.contains(c) { continue }
                // Nor is what a discussion is about: "discussions about Iraq".
                if dep(k) == "nmod", isTopicNoun(d), let c = caseWord(k), Self.topicPreps.contains(c) { continue }
                let a = actors(at: k, range: range, depth: depth + 1)
                if let f = a.first { out.append(f); break }
            }
        }
        if depth == 0 {
            for k in kids(d) where dep(k) == "conj" {
                for a in actors(at: k, range: range, depth: 1) where !out.contains(a) { out.append(a) }
            }
            // Coordinated country modifiers of one role noun, "Hungarian and Romanian officials": the modifier
            // outside the noun's mention whose conjunct is inside it (or that "and" joins to it) is a participant too.
            if let own = out.first {
                for k in kids(d) where (dep(k) == "amod" || dep(k) == "compound") && tokenActor[k] >= 0 && Int(tokenActor[k]) != own
                    && !out.contains(Int(tokenActor[k]))
                    && (kids(k).contains(where: { dep($0) == "conj" && Int(tokenActor[$0]) == own })
                        // or parsed as siblings joined by "and": "Russian and DPRK leaders"
                        || k + 2 < range.upperBound && ["and", "or"].contains(lowers[k + 1]) && Int(tokenActor[k + 2]) == own) {
                    out.insert(Int(tokenActor[k]), at: 0)
                }
            }
        }
        return out
    }

    /// "Pakistan, a key U.S. ally in the war on terrorism, has refused ...", parsed with "ally" as the subject: a
    /// sentence-initial actor followed by a comma and an indefinite or definite noun phrase that is no actor
    /// itself is described by that phrase, and is the subject.
    func appositionHost(_ k: Int, range: Range<Int>) -> Int? {
        guard tokenActor[k] < 0, isNoun(k) else { return nil }
        var lo = k
        var stack = [k]
        while let x = stack.popLast() { lo = min(lo, x); stack += kids(x) }
        guard lo - 2 >= range.lowerBound, lowers[lo - 1] == ",", ["a", "an", "the"].contains(lowers[lo]) else { return nil }
        let host = tokenActor[lo - 2]
        guard host >= 0 else { return nil }
        var first = lo - 2
        while first > range.lowerBound && tokenActor[first - 1] == host { first -= 1 }
        guard first == range.lowerBound || (first == range.lowerBound + 1 && lowers[range.lowerBound] == "the") else { return nil }
        return Int(host)
    }

    /// A one-word adjective mention coded with a bare sector and no country ("military", "official").
    func isSectorAdjective(_ k: Int) -> Bool {
        guard tokenActor[k] >= 0, document.tokens[k].pos == .ADJ else { return false }
        let a = document.actors[Int(tokenActor[k])]
        return a.country == nil && a.code.count == 3 && a.span == document.tokens[k].span
    }

    func caseWord(_ d: Int) -> String? {
        for k in kids(d) where dep(k) == "case" { return lowers[k] }
        return nil
    }

    func subjectActors(_ t: Int, range: Range<Int>) -> [Int] {
        var cur = t
        if let r = isAmodPredicate(t, range: range) {
            let a = actors(at: r, range: range)
            if !a.isEmpty { return a }
        }
        if isNounPredicate(t, range: range), let h = head(t, range) {
            let a = actors(at: h, range: range)
            if !a.isEmpty { return a }
        }
        // An example of a noun ("US hostility, including sanctions") is done by whoever does that noun, a name
        // compounded with it included.
        var example = false
        for _ in 0..<4 {
            for k in kids(cur) where dep(k) == "nsubj" || dep(k) == "obl:agent" || (dep(k) == "obl" && caseWord(k) == "by" && cur == t) {
                if dep(k) == "nsubj", let host = appositionHost(k, range: range) { return [host] }
                let a = actors(at: k, range: range)
                if !a.isEmpty { return a + coordinatedSubjects(k, of: cur, range: range) }
            }
            if isNoun(cur) {
                for k in kids(cur) where dep(k) == "nmod:poss" || (dep(k) == "nmod" && (caseWord(k) == "by" || caseWord(k) == "between"))
                    || ((dep(k) == "amod" || example && dep(k) == "compound") && tokenActor[k] >= 0 && !isSectorAdjective(k)) {
                    let a = actors(at: k, range: range)
                    if !a.isEmpty { return caseWord(k) == "between" ? [a[0]] : a }
                }
            }
            guard let h = head(cur, range) else { break }
            let d = dep(cur)
            example = isNoun(cur) && isNoun(h) && d == "nmod" && ["including", "like", "such"].contains(caseWord(cur) ?? "")
            // Inherit the subject of the governing verb for complements, conjuncts and object nouns.
            if d == "xcomp" || d == "conj" || (isNoun(cur) && (d == "obj" || d == "obl" || d == "nmod")) || d == "acl" || d == "advcl" && !parsedSubject(cur) {
                cur = h
            } else { break }
        }
        return []
    }

    /// The actors of a second subject joined to subject `k` by a conjunction but parsed as its sibling ("The U.S. and
    /// South Korean militaries held joint drills": "U.S." and "militaries" both subjects of "held").
    func coordinatedSubjects(_ k: Int, of verb: Int, range: Range<Int>) -> [Int] {
        var out: [Int] = []
        for k2 in kids(verb) where k2 > k && dep(k2) == "nsubj" {
            let joined = (k + 1..<k2).contains { j in dep(j) == "cc" && ["and", "or"].contains(lowers[j]) && (head(j, range) == k || head(j, range).map { $0 > k && $0 <= k2 } == true) }
            guard joined else { continue }
            out += actors(at: k2, range: range)
        }
        return out
    }

    /// A noun event with its own participant: "Israeli air raids", "talks between X and Y", "sanctions on Iran",
    /// "the withdrawal by the US".
    func hasOwnActor(_ t: Int, range: Range<Int>) -> Bool {
        for k in kids(t) {
            let d = dep(k)
            if d == "nmod:poss" || d == "amod" || d == "compound" || d == "nmod" || d == "appos" {
                if !actors(at: k, range: range).isEmpty { return true }
            }
        }
        // Without a parse: an actor right before the noun ("Israeli air raids").
        if !parsed, t > range.lowerBound, tokenActor[t - 1] >= 0 { return true }
        return false
    }

    /// The subject actors of a verb itself (not inherited).
    func subjectActorsDirect(_ t: Int, range: Range<Int>) -> [Int] {
        for k in kids(t) where dep(k) == "nsubj" || dep(k) == "nsubj:pass" || dep(k) == "obl:agent" {
            let a = actors(at: k, range: range)
            if !a.isEmpty { return a }
        }
        return []
    }

    static let coordinatingParticiples: Set<String> = ["couple", "combine", "coupled", "combined", "accompany", "accompanied"]

    /// Whether a trigger sits in an adverbial or adnominal clause (advcl, acl, acl:relcl) or is an event noun
    /// under a preposition (obl, nmod), anywhere on its path to the sentence root.
    static let subordinators: Set<String> = ["as", "while", "when", "after", "before", "because", "since", "until", "whereas"]

    /// An agreement noun that names a standing agreement rather than the act of making one: definite ("the",
    /// "this", a possessor) and a preposition's object ("under the agreement", "a return to the deal"), or named
    /// by a year or a proper name or acronym ("the 2015 nuclear deal", "the JCPOA agreement").
    func isStandingAgreement(_ t: Int, range: Range<Int>) -> Bool {
        var definite = false, named = false, prepositional = false
        for k in kids(t) {
            let d = dep(k), f = lowers[k]
            if d == "det" && ["the", "this", "that", "its", "their", "these", "those"].contains(f) || d == "nmod:poss" { definite = true }
            if d == "case" { prepositional = true }
            if d == "compound" || d == "amod" || d == "nummod" || d == "nmod:unmarked" {
                let form = document.tokens[k].form.utf8
                let year = form.count == 4 && form.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (form.first == 0x31 || form.first == 0x32)
                let acronym = form.count >= 2 && form.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
                let proper = document.tokens[k].pos == .PROPN && k > range.lowerBound
                if year || acronym || proper { named = true }
            }
        }
        let d = dep(t)
        return definite && prepositional && (d.hasPrefix("obl") || d.hasPrefix("nmod")) || named && (definite || prepositional)
    }

    func isSubordinate(_ t: Int, range: Range<Int>) -> Bool {
        var cur = t
        for _ in 0..<8 {
            guard let h = head(cur, range) else { return false }
            let d = dep(cur)
            if d == "advcl" || d == "acl" || d == "acl:relcl" {
                if Self.coordinatingParticiples.contains(lemma(cur)) || isNounPredicate(cur, range: range) { cur = h; continue }
                return true
            }
            // "resigned as the opposition threatened to ...", parsed as obl "as the opposition" and a conjunct verb
            // with no conjunction of its own: an adverbial clause.
            if d == "conj", !isNoun(cur), !kids(cur).contains(where: { dep($0) == "cc" }),
               kids(h).contains(where: { n in n > h && n < cur && dep(n) == "obl" && caseWord(n).map { Self.subordinators.contains($0) } == true }) {
                return true
            }
            if (d == "obl" || d == "nmod") && isNoun(cur) {
                let c = caseWord(cur)
                if c == "with" && Self.coordinatingParticiples.contains(lemma(h)) { cur = h; continue }
                if c != nil && c != "between" && c != "by" { return true }
            }
            cur = h
        }
        return false
    }

    /// Whether `a` is an ancestor of `b` in the parse.
    func dominates(_ a: Int, _ b: Int, range: Range<Int>) -> Bool {
        var cur = b
        for _ in 0..<12 {
            guard let h = head(cur, range) else { return false }
            if h == a { return true }
            cur = h
        }
        return false
    }

    /// A finite verb the parser hung under a noun as a clause ("Indian business leaders Friday called for ...",
    /// "X, the U.N. coordinator, demanded ...", both acl/acl:relcl): with no relative word, no subordinator and no
    /// subject actor of its own, it is the noun's predicate, whichever analysis the parser chose.
    /// Verbs whose to-infinitive shows the active voice (their passives rarely take one).
    static let activeControl: Set<String> = ["threaten", "vow", "pledge", "promise", "refuse", "decide", "agree", "offer", "vote"]

    func isNounPredicate(_ v: Int, range: Range<Int>) -> Bool {
        let d = dep(v)
        guard d == "acl" || d == "acl:relcl", let h = head(v, range), isNoun(h), h < v else { return false }
        let x = document.tokens[v].xpos ?? ""
        // A past form the tagger read as a participle counts when it governs what only an active verb has: an
        // object or a content clause ("demanded parties to ...", "threatened today to impose ..."), not when
        // passive ("the troops deployed in Iraq").
        let active = kids(v).contains { k in
            let kd = dep(k)
            return kd == "obj" || kd == "iobj" || kd == "ccomp"
                || ((kd == "xcomp" || kd == "advcl") && Self.activeControl.contains(lemma(v))
                    && kids(k).contains { dep($0) == "mark" && lowers[$0] == "to" })
                || isUnmarkedObject(k, of: v)
        }
        // A verb that has no passive ("remained", "arrived") is a past tense whatever its tag.
        let noPassive = x == "VBN" && Self.intransitive.contains(lemma(v))
        guard x == "VBD" || x == "VBZ" || x == "VBP" || noPassive || (x == "VBN" && active && !lowers[v].hasSuffix("en")) else { return false }
        let rel: Set<String> = ["who", "which", "that", "whom", "whose", "where", "when"]
        if v > range.lowerBound, rel.contains(lowers[v - 1]) { return false }
        for k in kids(v) {
            let kd = dep(k)
            if kd == "mark" || rel.contains(lowers[k]) { return false }
            if kd.hasPrefix("nsubj") && (tokenActor[k] >= 0 || document.tokens[k].pos == .PRON || k < h) { return false }
            if kd.hasPrefix("aux") && k < h { return false }
        }
        // The noun is on the sentence's spine: the root, a subject, or hung from one by apposition or coordination.
        var cur = h
        for _ in 0..<4 {
            let cd = dep(cur)
            if cd == "root" || cd.hasPrefix("nsubj") { return true }
            guard ["appos", "conj", "flat", "nmod"].contains(cd), let hh = head(cur, range) else { return false }
            cur = hh
        }
        return false
    }

    /// Verbs without a passive: their "-ed" form after a noun is a past tense, not a participle modifier.
    static let intransitive: Set<String> = ["remain", "stay", "arrive", "die", "come", "go", "fall", "rise", "happen",
                                            "occur", "appear", "emerge", "resign", "return", "clash", "riot", "rally", "collide"]

    /// A noun after the verb that the parser labelled an oblique but that has no preposition ("The Syrian army
    /// seized all three pumping stations", "stations" as obl:agent; "killed at least 75 people", obl:unmarked): the
    /// object of an active verb. Times ("killed Sunday", "last week") are not objects.
    func isUnmarkedObject(_ k: Int, of v: Int) -> Bool {
        let kd = dep(k)
        guard k > v, kd == "obl" || kd == "obl:agent" || kd == "obl:unmarked", isNoun(k),
              !kids(k).contains(where: { dep($0) == "case" }) else { return false }
        let sp = document.tokens[k].span
        return !Self.timeWords.contains(lemma(k)) && !Self.dayWords.contains(lowers[k])
            && !document.dates.contains { $0.span.start <= sp.start && sp.end <= $0.span.end }
    }

    static let timeWords: Set<String> = ["today", "yesterday", "tomorrow", "week", "month", "year", "day", "night",
                                         "morning", "evening", "afternoon", "weekend", "hour", "decade", "time"]

    static let dayWords: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// A past form the parser took for an adjective on the next noun in a sentence without a verbal root
    /// ("AKK officials demanded support from ...", "Yeltsin on Saturday hosted Japanese Prime Minister ...", with
    /// "demanded"/"hosted" as amod): the predicate of the root noun, its object the noun it was hung on.
    func isAmodPredicate(_ v: Int, range: Range<Int>) -> Int? {
        guard dep(v) == "amod", lowers[v].hasSuffix("ed"), v > range.lowerBound, let h = head(v, range), h > v else { return nil }
        let pp = document.tokens[v - 1].pos
        guard pp == .NOUN || pp == .PROPN else { return nil }
        var r = v
        for _ in 0..<12 { guard let hh = head(r, range) else { break }; r = hh }
        guard dep(r) == "root" else { return nil }
        if !isNoun(r) {
            // "Serbia eased emergency measures on Wednesday in ..., as authorities cracked down ...", the root being
            // the later clause's verb: a sentence-initial actor right before the verb is its subject, also across a
            // day between them ("Germany on Wednesday lifted sanctions ..., a government spokesman said").
            var s = v - 1
            if s - 1 > range.lowerBound, Self.dayWords.contains(lowers[s]), lowers[s - 1] == "on" { s -= 2 }
            else if s > range.lowerBound, lowers[s] == "today" || lowers[s] == "yesterday" { s -= 1 }
            let a = tokenActor[s]
            guard a >= 0, r > v else { return nil }
            var first = s
            while first > range.lowerBound && tokenActor[first - 1] == a { first -= 1 }
            guard first == range.lowerBound || (first == range.lowerBound + 1 && lowers[range.lowerBound] == "the") else { return nil }
            return s
        }
        if r < v && r != h { return r }
        // The root noun after the verb ("Yeltsin on Saturday hosted Japanese Prime Minister Hashimoto", root
        // "Hashimoto"; "The United Nations on Tuesday reduced food supplies", root "supplies"): with no finite
        // verb before it, the verb is the main predicate and its subject the nearest actor before it.
        guard r > v else { return nil }
        for j in range.lowerBound..<v {
            let x = document.tokens[j].xpos ?? ""
            if x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD" || lowers[j] == "," || lowers[j] == ";" { return nil }
        }
        var j = v - 1
        while j >= range.lowerBound {
            if tokenActor[j] >= 0 { return j }
            j -= 1
        }
        return nil
    }

    func parsedSubject(_ t: Int) -> Bool { kids(t).contains { dep($0).hasPrefix("nsubj") } }

    /// The subject of the content clause an act reports: "demanded that the US cancel" → the US; a reporting
    /// clause set after what it reports ("Croatian authorities are failing ..., a human rights group protested")
    /// → the reported clause's subject.
    func clauseTarget(_ c: EventCoder.Candidate, cands: [EventCoder.Candidate], src: [Int], range: Range<Int>) -> [Int] {
        let t = c.trigger
        for k in ([t] + (c.governor.map { [cands[$0].trigger] } ?? [])) {
            for x in kids(k) where dep(x) == "ccomp" {
                let a = subjectActorsDirect(x, range: range).filter { !src.contains($0) }
                if !a.isEmpty { return a }
            }
        }
        if dep(t) == "parataxis", parsedSubject(t), let h = head(t, range), !isNoun(h) {
            return subjectActorsDirect(h, range: range).filter { !src.contains($0) }
        }
        return []
    }

    /// The actors a complaint is about, when it also names an addressee with "to": the "over/about/against" phrase.
    func complaintTopic(_ t: Int, range: Range<Int>) -> [Int]? {
        let obl = kids(t).filter { dep($0) == "obl" || dep($0) == "nmod" }
        guard obl.contains(where: { caseWord($0) == "to" }) else { return nil }
        for k in obl where ["over", "about", "against"].contains(caseWord(k) ?? "") {
            let a = actors(at: k, range: range)
            if !a.isEmpty { return a }
        }
        return nil
    }

    /// A passive verb: a passive subject or auxiliary ("was arrested", "has been put under investigation").
    func isPassive(_ t: Int) -> Bool {
        kids(t).contains { dep($0) == "nsubj:pass" || dep($0) == "aux:pass" }
    }

    /// The addressee a speech act names with "to" before its content clause ("issued a reminder Saturday to
    /// Iraq that ...", "told to Iran"): searched among the verb's dependents and theirs.
    func addressee(_ h: Int, before limit: Int, range: Range<Int>) -> [Int]? {
        var frontier = [h]
        for _ in 0..<3 {
            var next: [Int] = []
            for n in frontier {
                for k in kids(n) where k < limit {
                    let d = dep(k)
                    if (d == "obl" || d == "nmod" || d == "iobj"), d == "iobj" || caseWord(k) == "to" {
                        let a = actors(at: k, range: range)
                        if !a.isEmpty { return a }
                    }
                    if ["obj", "appos", "nmod", "obl"].contains(d) { next.append(k) }
                }
            }
            frontier = next
        }
        return nil
    }

    /// Verbs whose object is what is talked about, not who takes part ("discussed Iran's proliferation efforts",
    /// "debated the sanctions on Russia"): the participants are "with" phrases.
    static let topicVerbs: Set<String> = ["discuss", "debate"]

    /// A mention inside what a discussion is about, on its way up to the trigger: the object of a topic verb (see
    /// `topicVerbs`), or an about / on / over phrase or clause of a topic verb or noun (`topicNouns`); a "with" or
    /// "between" phrase on the way is a participant.
    func inTopic(_ m: Int, of t: Int, range: Range<Int>) -> Bool {
        let verb = Self.topicVerbs.contains(lemma(t)), noun = isTopicNoun(t)
        guard parsed, verb || noun, let j = headToken(m, range: range) else { return false }
        var cur = j
        var about = false
        for _ in 0..<8 {
            // a "with" phrase is a participant wherever the parse attaches it ("discussed Iran's program with France")
            let intro = caseWord(cur) ?? markWord(cur)
            if intro == "with" || intro == "between" { return false }
            if let intro, Self.topicPreps.contains(intro) { about = true }
            guard let h = head(cur, range) else { return false }
            if h == t { return about || (verb && dep(cur) == "obj") }
            cur = h
        }
        return false
    }

    /// Nouns of discussion whose "about / on / over" phrase or clause is what is discussed, not who takes part
    /// ("no discussions about China playing a role in postwar peacekeeping" are no talks with China).
    static let topicNouns: Set<String> = ["discussion", "debate", "conversation", "dialogue", "deliberation"]
    static let relativePronouns: Set<String> = ["who", "whom", "which", "that"]
    static let topicPreps: Set<String> = ["about", "over", "regarding", "concerning", "on"]
    func isTopicNoun(_ i: Int) -> Bool { isNoun(i) && Self.topicNouns.contains(lemma(i)) }

    func markWord(_ d: Int) -> String? {
        for k in kids(d) where dep(k) == "mark" { return lowers[k] }
        return nil
    }

    func objectActors(_ t: Int, range: Range<Int>) -> [Int] {
        var best: [Int] = []
        let topic = Self.topicVerbs.contains(lemma(t))
        if isAmodPredicate(t, range: range) != nil, let h = head(t, range) {
            // (what the noun holds after the verb: "Germany on Wednesday lifted sanctions against ... South Africa",
            // parsed with "Germany" as a compound of "sanctions", is not aimed at Germany)
            let a = actors(at: h, range: range, after: t)
            if !a.isEmpty { return a }
        }
        for k in kids(t) {
            let d = dep(k)
            if d == "obj" && topic { continue }
            if d == "obj" || d == "iobj" || d == "nsubj:pass" {
                let a = actors(at: k, range: range)
                if !a.isEmpty { return a }
                // A relative pronoun stands for the noun the clause is on: "Porras, who was sanctioned by the
                // European Union" → Porras.
                if d != "iobj", Self.relativePronouns.contains(lowers[k]), dep(t) == "acl:relcl", let h = head(t, range) {
                    let a = actors(at: h, range: range)
                    if !a.isEmpty { return a }
                }
            }
        }
        for k in kids(t) {
            let d = dep(k)
            if d == "obl" || d == "nmod" || (d == "obl:arg") {
                guard let c = caseWord(k) else { continue }
                if c == "between" {
                    let a = actors(at: k, range: range)
                    if a.count > 1 { return Array(a.dropFirst()) }
                    continue
                }
                // (what a discussion is about is its topic: "discussions on the JCPOA")
                if isTopicNoun(t), Self.topicPreps.contains(c) { continue }
                if Self.targetPreps.contains(c) || (c == "of" && isNoun(t)) {
                    if c == "in" && best.isEmpty == false { continue }
                    let a = actors(at: k, range: range)
                    if !a.isEmpty {
                        if c == "in" { if best.isEmpty { best = a }; continue }  // "in Iraq" is more often a place
                        return a
                    }
                }
            }
        }
        // An object noun's own target: "imposed sanctions on Iran", or the one its relative clause puts it on or
        // against: "reducing the sanctions Washington has imposed on Moscow".
        for k in kids(t) where dep(k) == "obj" && !topic || dep(k) == "xcomp" {
            for g in kids(k) where dep(g) == "nmod" || dep(g) == "obl" {
                if let c = caseWord(g), Self.targetPreps.contains(c) && c != "in" {
                    let a = actors(at: g, range: range)
                    if !a.isEmpty { return a }
                }
            }
            if isNoun(k) {
                for v in kids(k) where dep(v) == "acl:relcl" {
                    for g in kids(v) where dep(g) == "obl" {
                        if let c = caseWord(g), c == "on" || c == "against" {
                            let a = actors(at: g, range: range)
                            if !a.isEmpty { return a }
                        }
                    }
                }
            }
        }
        return best.filter { document.actors[$0].code.count > 3 }
    }

    /// A mention inside a circumstance of the act ("withdrawal from the JCPOA under the previous US administration",
    /// "talks since the 2015 deal"): a phrase under, since, during... on its way up to the trigger.
    func inCircumstance(_ m: Int, of t: Int, range: Range<Int>) -> Bool {
        guard parsed, let j = headToken(m, range: range) else { return false }
        var cur = j
        for _ in 0..<8 {
            if cur == t { return false }
            if let c = caseWord(cur), Self.circumstancePreps.contains(c) { return true }
            guard let h = head(cur, range) else { return false }
            cur = h
        }
        return false
    }

    /// An infinitive under an impersonal "it is crucial / important / time to ...": anyone's act, so no mention
    /// nearby is its doer ("When analyzing statements from Iranian officials, it's crucial to consider ...").
    func isImpersonal(_ t: Int, range: Range<Int>) -> Bool {
        guard parsed, ["csubj", "xcomp", "ccomp", "acl"].contains(dep(t)), kids(t).contains(where: { dep($0) == "mark" && lowers[$0] == "to" }),
              let h = head(t, range) else { return false }
        return kids(h).contains { (dep($0) == "expl" || dep($0).hasPrefix("nsubj")) && lowers[$0] == "it" }
    }

    /// The speaker of another clause's verb of saying ("..., government officials said"): who reports an act is
    /// not its target.
    func isReporter(_ m: Int, of t: Int, range: Range<Int>, lexicon: EventLexicon) -> Bool {
        guard parsed, let j = headToken(m, range: range), dep(j).hasPrefix("nsubj"), let h = head(j, range), h != t else { return false }
        return isSaying(h, lexicon: lexicon)
    }

    /// A verb of saying: the built-in list or a lexicon "say" entry.
    func isSaying(_ h: Int, lexicon: EventLexicon) -> Bool {
        Self.sayLemmas.contains(lemma(h)) || lexicon.verbs[lemma(h)]?.contains(where: { $0.kind == .say }) == true
    }

    /// Nearest actor mention before / after a token within the sentence.
    func nearest(_ t: Int, before: Bool, range: Range<Int>, excluding: Set<Int>) -> Int? {
        if before {
            var j = t - 1
            while j >= range.lowerBound {
                let a = Int(tokenActor[j])
                if a >= 0 && !excluding.contains(a) && !isLocative(j, range) { return a }
                j -= 1
            }
        } else {
            var j = t + 1
            while j < range.upperBound {
                let a = Int(tokenActor[j])
                // (an adjective naming only a sector classifies its noun: "for military purposes")
                if a >= 0 && !excluding.contains(a) && !isLocative(j, range) && !isSectorAdjective(j) { return a }
                if lowers[j] == ";" { break }
                j += 1
            }
        }
        return nil
    }

    /// A mention introduced by "in"/"at"/"near" (a place, not a participant).
    func isLocative(_ j: Int, _ range: Range<Int>) -> Bool {
        var k = j - 1
        while k >= range.lowerBound && tokenActor[k] == tokenActor[j] { k -= 1 }
        if k >= range.lowerBound && tokenActor[k] < 0 {
            let f = lowers[k]
            if f == "in" || f == "near" || f == "outside" || f == "inside" || f == "across" { return true }
            if (f == "the" || f == "northern" || f == "southern" || f == "eastern" || f == "western"), k - 1 >= range.lowerBound, lowers[k - 1] == "in" { return true }
        }
        return false
    }

    // MARK: - Events

    func events(for c: EventCoder.Candidate, in s: Int, cands: [EventCoder.Candidate], lexicon: EventLexicon, coder: EventCoder) -> [Event] {
        let range = document.sentences[s].tokens
        let t = c.trigger
        // A multi-word event noun is headed by its last word ("military aid", "air raids"): its arguments hang there.
        func argHead(_ x: EventCoder.Candidate) -> Int {
            x.entry.kind == .noun && x.last > x.trigger && isNoun(x.last) ? x.last : x.trigger
        }
        var src = subjectActors(argHead(c), range: range)
        var tgt = objectActors(argHead(c), range: range)
        if let h = c.mustDemand {
            let speaker = subjectActors(h, range: range)
            if !speaker.isEmpty {
                if !src.isEmpty { tgt = src }
                // "issued a reminder to Iraq that it must cooperate": a pronoun subject is the addressee.
                else if let r = addressee(h, before: t, range: range) { tgt = r }
                src = speaker
            }
        }
        if let g = c.governor, g < cands.count {
            let gt = argHead(cands[g])
            if src.isEmpty { src = subjectActors(gt, range: range) }
            if tgt.isEmpty { tgt = objectActors(gt, range: range) }
        }
        // A content clause names whom the act is about: "demanded that the US cancel", "urged that Iran ...";
        // "Croatian authorities are failing ..., a human rights group protested": the reporting clause's act
        // falls on the subject of the clause it reports.
        if tgt.isEmpty, c.entry.kind != .say { tgt = clauseTarget(c, cands: cands, src: src, range: range) }
        // A disapproval (11: criticize, accuse, complain) is aimed at what it is about, not at the forum it is
        // addressed to: "complained to the United Nations over Israeli air raids" → Israel.
        if c.code.hasPrefix("11"), let topic = complaintTopic(argHead(c), range: range), !topic.isEmpty {
            tgt = topic
        }
        // A pattern that ends in its preposition ("arrive in", "meet with") takes that preposition's object as the
        // target, a place included ("arrived in Bosnia").
        if tgt.isEmpty, c.last > c.trigger, dep(c.last) == "case", Self.targetPreps.contains(lowers[c.last]),
           c.entry.words.last == lowers[c.last], let h = head(c.last, range) {
            tgt = actors(at: h, range: range).filter { !src.contains($0) }
        }
        // A noun event named by a demonstrative ("this cooperation", "that attack") is one told of before: its doers
        // are those of that account, not the speaker or a mention nearby ("“We are deeply concerned about … this
        // cooperation,” Wood said", of Russia's and North Korea's).
        let anaphoric = isNoun(t) && kids(t).contains { dep($0) == "det" && Self.demonstratives.contains(lowers[$0]) }
        let passive = isPassive(t) && !kids(t).contains { dep($0) == "obl:agent" || (dep($0) == "obl" && caseWord($0) == "by") }
        // Noun events without a governing act: "talks between X and Y".
        if src.isEmpty && isNoun(t) {
            for k in kids(t) where dep(k) == "nmod" && caseWord(k) == "between" {
                let a = actors(at: k, range: range)
                if let f = a.first { src = [f]; if a.count > 1 { tgt = Array(a.dropFirst()) } }
            }
        }
        // Quote: the speaker is the source of what they say in the first person, and the statement is their act.
        let trigSpan = document.tokens[t].span
        let q = quotes.firstIndex { $0.content.contains(trigSpan) }
        var speakerAct = false
        // A finite verb right after an actor's mention has that actor for its subject whatever the parse made of
        // them ("… than before Russia invaded Ukraine", with "Russia" parsed as a modifier): before a quote's speaker.
        if src.isEmpty, !passive, !anaphoric, t > range.lowerBound, tokenActor[t - 1] >= 0,
           let x = document.tokens[t].xpos, x == "VBD" || x == "VBZ" || x == "VBP" {
            let m = Int(tokenActor[t - 1])
            if !tgt.contains(m) { src = [m] }
        }
        // A pronoun subject is the subject of the nearest verb of saying above it before the quote's speaker:
        // "CNN reported that Trump told his advisers he does not want to meet" — he is Trump, not CNN.
        if src.isEmpty, !passive, !anaphoric, kids(t).contains(where: { dep($0) == "nsubj" && Self.pronounSubjects.contains(lowers[$0]) }) {
            src = sayingSubject(above: t, range: range, lexicon: lexicon)
            speakerAct = !src.isEmpty
        }
        // An agentless passive names no doer: the reporter of "X was arrested, the agency said" did not arrest.
        if src.isEmpty, !passive, !anaphoric, let q, let code = quotes[q].speakerActor,
           let sp = quotes[q].speakerAntecedent ?? quotes[q].speaker,
           let m = document.actors.firstIndex(where: { $0.span.overlaps(sp) && $0.code == code }) {
            src = [m]
            speakerAct = true
        }
        // Reported speech: the speaker of "X said ..." for subjectless complements ("there is no possibility"):
        // the statement is the speaker's own act.
        if src.isEmpty, !passive, !anaphoric {
            src = sayingSubject(above: t, range: range, lexicon: lexicon)
            speakerAct = !src.isEmpty
        }
        // Positional fallback. In an agentless passive the mention before the verb is the one acted on.
        if passive {
            if tgt.isEmpty, let a = nearest(t, before: true, range: range, excluding: Set(src)) { tgt = [a] }
        } else if src.isEmpty, !anaphoric, !isImpersonal(t, range: range), let a = nearest(t, before: true, range: range, excluding: Set(tgt)) { src = [a] }
        // A passive verb's subject is the one acted on: when it names no actor ("he was criticized by United
        // Nations, U.S., French, Chinese … representatives"), no mention after the verb is the target.
        let unnamedPassiveSubject = kids(t).contains { dep($0) == "nsubj:pass" }
        if tgt.isEmpty, c.entry.kind != .say, !unnamedPassiveSubject {
            // (past the topic of a topic verb: "discussed Iran's nuclear program with France" → France)
            var skip = Set(src)
            var found = nearest(c.last, before: false, range: range, excluding: skip)
            while let a = found, inTopic(a, of: t, range: range) {
                skip.insert(a)
                found = nearest(c.last, before: false, range: range, excluding: skip)
            }
            // An act inside a quotation takes no target from outside it: the one who says it is not the one it is
            // done to ("“Russian and DPRK leaders signed a treaty,” Robert Wood told reporters").
            let outsideQuote = found.map { a in q.map { !quotes[$0].content.contains(document.actors[a].span) } ?? false } ?? false
            if let a = found, !outsideQuote, !inCircumstance(a, of: t, range: range), !isReporter(a, of: t, range: range, lexicon: lexicon) { tgt = [a] }
        }
        tgt = tgt.filter { a in !src.contains(a) }
        if !src.isEmpty, !tgt.isEmpty {
            let sc = Set(src.map { document.actors[$0].code })
            let filtered = tgt.filter { !sc.contains(document.actors[$0].code) }
            if !filtered.isEmpty || src.count == 1 { tgt = filtered }
            if tgt.isEmpty, c.entry.kind != .say { tgt = clauseTarget(c, cands: cands, src: src, range: range).filter { !sc.contains(document.actors[$0].code) } }
        }

        // A noun event with a source but no target in its sentence ("the 2018 withdrawal by the US, coupled with
        // the reimposition of sanctions"): the country the passage is about, from the two sentences before.
        // (not for an act said not to happen: "there have been no discussions about …" is with no one)
        if tgt.isEmpty, !src.isEmpty, isNoun(t), c.entry.kind == .noun, !c.negated {
            let own = Set(src.map { document.actors[$0].country ?? String(document.actors[$0].code.prefix(3)) })
            let lo = max(0, (s >= 2 ? document.sentences[s - 2].tokens.lowerBound : 0))
            // (a country named in a list — "ministers from Britain, Canada, France, Germany, Italy, Japan and the
            // United States" — is one of many, not the one the passage is about)
            var j = range.lowerBound - 1
            while j >= lo {
                if tokenActor[j] >= 0, let c = document.actors[Int(tokenActor[j])].country, !own.contains(c),
                   document.actors[Int(tokenActor[j])].code == c, !inList(j) {
                    tgt = [Int(tokenActor[j])]; break
                }
                j -= 1
            }
        }

        var modality = c.modality
        if modality == .asserted && !speakerAct {
            // Reported: the act is the complement of a verb of saying with its own subject.
            var cur = t
            for _ in 0..<4 {
                guard let h = head(cur, range) else { break }
                if dep(cur) == "ccomp" || dep(cur) == "parataxis", lexicon.verbs[lemma(h)]?.contains(where: { $0.kind == .say }) == true {
                    modality = .reported; break
                }
                cur = h
            }
        }
        let info = lexicon.info(c.code)
        let date = eventDate(t, range: range)
        let location = self.location(t, range: range, coder: coder)
        // Agents without a country ("the minister", "riot police", "rebels") take the country the sentence
        // is about: its location, else the first country named in it, else the document's last one.
        // A source agent ("..., Defence Minister Pierre Joxe said") speaks for the country the sentence names
        // before the place the act happens in; a target agent is first of all where the act happens.
        let namedCountry = sentenceCountry(range, excluding: Set(src + tgt))
        let fallbackCountry = location?.country ?? namedCountry
        let sourceFallback = namedCountry ?? location?.country
        // A target agent in a sentence that names no other country ("Nicaragua's government ordered the opposition
        // newspaper to ...") belongs to the source's own country: a domestic event.
        let targetFallback = fallbackCountry ?? src.lazy.compactMap { self.document.actors[$0].country }.first
        let srcList: [Int?] = src.isEmpty ? [nil] : Array(src.prefix(6))
        let tgtList: [Int?] = tgt.isEmpty ? [nil] : Array(tgt.prefix(6))
        // No target named: an act other than a statement falls on the place it happens in ("eased the curfew in
        // Sudan" → SDN), else a material act (quad 2 or 4, protests aside) of a government, police, army or rebels
        // on their own country — a domestic event (CAMEO codes "the government arrested opposition leaders" as
        // X → X); a country named bare acts on others ("Botswana has made $4 million from the sale of licenses",
        // "Canada and Belgium have banned importation of trophies" are no acts on themselves).
        var implicitTarget: EventActor?
        if tgt.isEmpty, !c.code.hasPrefix("01"), c.entry.kind != .say {
            if let location, let lc = location.country, !c.code.hasPrefix("04") {
                // (a consultation is with people, not with the place it is held in: "the ministers discussed the
                // program in Brussels" is no act toward Belgium)
                implicitTarget = EventActor(code: lc, text: location.text, span: location.span)
            } else if let first = src.first, let sc = document.actors[first].country, document.actors[first].code.count > 3,
                      info?.quad == 2 || info?.quad == 4,
                      !c.code.hasPrefix("14"), !["161", "162", "163", "164", "165", "166"].contains(where: { c.code.hasPrefix($0) }) {
                // (not for the reductions of relations that are with others by definition: cutting diplomatic ties,
                // aid, sanctions, embargoes and tariffs, halting negotiations or mediation, expelling)
                implicitTarget = EventActor(code: sc, text: sc, span: nil)
            }
        }
        // An agentless passive of an act only authorities perform (investigate 09, arrest, detain, expel and the
        // other coercive acts of 17: "was arrested in Lebanon", "has been put under investigation in Italy"): the
        // doer is the state where it happens.
        var implicitSource: EventActor?
        if src.isEmpty, passive, c.code.hasPrefix("09") || c.code.hasPrefix("17"), let location, let lc = location.country,
           !tgt.contains(where: { document.actors[$0].country == lc && document.actors[$0].code.count == 3 }) {
            implicitSource = EventActor(code: lc, text: location.text, span: location.span)
        }
        // "The United States and China held talks in Geneva", "Israel and Hamas agreed to a ceasefire": conjoined
        // subjects of an act done together, with no one else as its object, act toward each other.
        // (a target that is only the place it happens in — "agreed to a ceasefire in Gaza" — is no other party)
        let onlyPlace = tgt.allSatisfy { a in location.map { document.actors[a].span.overlaps($0.span) } ?? false }
        let reciprocal = src.count >= 2 && onlyPlace && Self.isReciprocal(c.code, lemma: lemma(t))
        var out: [Event] = []
        let trigger = Span(document.tokens[t].span.start, document.tokens[c.last].span.end)
        for a in srcList {
            let partners: [Int?] = reciprocal ? srcList.filter { $0 != a } : tgtList
            for b in partners {
                var target = b.map { eventActor($0, targetFallback, range: range) } ?? implicitTarget
                // A curfew, a state of emergency or martial law (imposed, threatened or lifted) falls on the people of
                // a place: a bare country target is its civilian population ("imposed a curfew in Cizre" → TURCVL).
                if Self.populationActs.contains(c.code), let tc = target?.code, tc.utf8.count == 3,
                   !Self.internationalPrefixes.contains(tc), !sectorCodes.contains(tc) {
                    target?.code = tc + "CVL"
                }
                out.append(Event(
                    sentence: s, trigger: trigger, triggerText: document.text(trigger),
                    source: a.map { eventActor($0, sourceFallback, range: range) } ?? implicitSource, target: target,
                    cameo: c.code, goldstein: info?.goldstein ?? 0, quad: info?.quad ?? 0, plover: info?.plover,
                    negated: c.negated, modality: modality, date: date, quote: q, location: location))
            }
        }
        return out
    }

    /// Acts two parties do together: consultations and talks (04), intent to meet (036), formal agreements (057),
    /// material cooperation (06), ceasefires (0871), and fighting each other ("clashed", "exchanged fire").
    static func isReciprocal(_ code: String, lemma: String) -> Bool {
        code.hasPrefix("04") || code.hasPrefix("06") || code == "036" || code == "057" || code == "0871"
            || (code.hasPrefix("19") && ["clash", "fight", "exchange", "trade", "battle", "skirmish"].contains(lemma))
    }

    /// Acts whose targets are the people of a place: curfews (1723, threatened 1323, eased 0813) and states of
    /// emergency or martial law (1724, 1324, 0814).
    static let populationActs: Set<String> = ["1723", "1724", "1323", "1324", "0813", "0814"]

    /// Codes that belong to no country (international and transnational organisations, militant groups,
    /// companies): never prefixed with the sentence's country ("al-Qaeda" stays IMGMUSALQ).
    static let internationalPrefixes: Set<String> = ["IGO", "NGO", "IMG", "MNC", "INT", "UIS"]

    /// Whether the mention at token `j` is one of a list of mentions joined by commas, "and" or "or".
    func inList(_ j: Int) -> Bool {
        let m = tokenActor[j]
        guard m >= 0 else { return false }
        var lo = j, hi = j
        while lo > 0, tokenActor[lo - 1] == m { lo -= 1 }
        while hi + 1 < tokenActor.count, tokenActor[hi + 1] == m { hi += 1 }
        func joiner(_ k: Int) -> Bool { k >= 0 && k < lowers.count && [",", "and", "or"].contains(lowers[k]) }
        func other(_ k: Int) -> Bool { k >= 0 && k < tokenActor.count && tokenActor[k] >= 0 && tokenActor[k] != m }
        let after = joiner(hi + 1) && (other(hi + 2) || (lowers.indices.contains(hi + 2) && ["and", "the"].contains(lowers[hi + 2]) && other(hi + 3)))
        let before = joiner(lo - 1) && (other(lo - 2))
        return after || before
    }

    func eventActor(_ m: Int, _ country: String?, range: Range<Int>? = nil) -> EventActor {
        let a = document.actors[m]
        var code = a.code
        if let range, let own = a.country, let home = residence(m, own: own, range: range) {
            code = home + code.dropFirst(3)
        }
        let international = Self.internationalPrefixes.contains(String(code.prefix(3)))
        if a.country == nil, !international, let range, let own = described(m, range: range) {
            // The mention says whose it is: "Kofi Annan, UN secretary-general" → IGOUNO; "a missionary from
            // Calgary" → CAN + CHR.
            code = own
        } else if a.country == nil, let country, !international, !code.hasPrefix(country), !isOfNoCountry(m, range: range) {
            code = country + code
        }
        return EventActor(code: code, text: a.text, span: a.span)
    }

    static let noCountryModifiers: Set<String> = ["international", "foreign", "global", "western", "multinational", "overseas"]
    static let officeNouns: Set<String> = ["minister", "ministry", "secretary", "office", "service", "affairs", "policy",
                                           "relations", "correspondent", "desk"]

    /// A mention its own modifier says belongs to no one country: "international rights groups", "foreign
    /// journalists", "Western diplomats" take no country from the sentence.
    func isOfNoCountry(_ m: Int, range: Range<Int>?) -> Bool {
        guard let range else { return false }
        let toks = range.filter { tokenActor[$0] == Int32(m) }
        // ("the foreign minister" is an office: "foreign" says which, not whose)
        return range.contains { k in
            guard dep(k) == "amod", Self.noCountryModifiers.contains(lowers[k]), let h = head(k, range) else { return false }
            return toks.contains(h) && !Self.officeNouns.contains(lemma(h))
        }
    }

    /// The token of a mention that heads it in the parse (its head lies outside the mention).
    func headToken(_ m: Int, range: Range<Int>) -> Int? {
        let toks = range.filter { tokenActor[$0] == Int32(m) }
        return toks.first { head($0, range).map { tokenActor[$0] != Int32(m) } ?? true } ?? toks.first
    }

    /// The code a country-less mention gets from its own phrase: an apposition that names an office with a
    /// country or organisation ("Kofi Annan, UN secretary-general"), or a "from" phrase naming where the
    /// people come from ("a Christian missionary from Calgary", "doctors from France").
    func described(_ m: Int, range: Range<Int>) -> String? {
        guard let h = headToken(m, range: range) else { return nil }
        let a = document.actors[m]
        for k in kids(h) where dep(k) == "appos" {
            for x in actors(at: k, range: range) where x != m {
                let b = document.actors[x]
                if b.country != nil || Self.internationalPrefixes.contains(String(b.code.prefix(3))) { return b.code }
            }
        }
        for k in kids(h) where dep(k).hasPrefix("nmod") && caseWord(k) == "from" {
            var country: String?
            if tokenActor[k] >= 0 { country = document.actors[Int(tokenActor[k])].country }
            else if document.tokens[k].pos == .PROPN { country = places[lowers[k]] }
            if let country { return a.code.hasPrefix(country) ? a.code : country + a.code }
        }
        return nil
    }

    /// An ethnic group coded by where it lives, as CAMEO codes residents: "ethnic Albanians in south Serbia",
    /// "ethnic Albanian guerrillas operating in Macedonia", "the Albanians of southern Serbia" belong to the
    /// country named after them. "in" counts only for a group called ethnic ("Americans in Iraq" stay American);
    /// "of" for a bare people (a demonym) or an ethnic group.
    func residence(_ m: Int, own: String, range: Range<Int>) -> String? {
        let a = document.actors[m]
        guard a.person == nil else { return nil }
        let toks = range.filter { tokenActor[$0] == Int32(m) }
        guard let first = toks.first else { return nil }
        let ethnic = lowers[first] == "ethnic" || (first > range.lowerBound && lowers[first - 1] == "ethnic")
        guard ethnic || a.code.count == 3 else { return nil }
        let inside = Set(toks)
        var h = toks.first { head($0, range).map { !inside.contains($0) } ?? true } ?? first
        if ["amod", "compound"].contains(dep(h)), let up = head(h, range), isNoun(up) { h = up }
        func placed(_ k: Int, _ preps: Set<String>) -> String? {
            guard let c = caseWord(k), preps.contains(c) else { return nil }
            for x in actors(at: k, range: range) {
                let b = document.actors[x]
                if b.code.count == 3, let bc = b.country, bc != own { return bc }
            }
            return nil
        }
        let preps: Set<String> = ethnic ? ["in", "of"] : ["of"]
        for k in kids(h) where dep(k).hasPrefix("nmod") {
            if let c = placed(k, preps) { return c }
        }
        if ethnic {
            for v in kids(h) where dep(v) == "acl" {
                for k in kids(v) where dep(k) == "obl" { if let c = placed(k, ["in"]) { return c } }
            }
        }
        return nil
    }

    /// The first country-coded mention in the sentence (not a participant), else the last one before it.
    func sentenceCountry(_ range: Range<Int>, excluding: Set<Int>) -> String? {
        var seen = Set<Int32>()
        for i in range where tokenActor[i] >= 0 && !seen.contains(tokenActor[i]) {
            seen.insert(tokenActor[i])
            let a = document.actors[Int(tokenActor[i])]
            if let c = a.country, !excluding.contains(Int(tokenActor[i])) || a.code.count > 3 { return c }
        }
        var j = range.lowerBound - 1
        while j >= 0 && j >= range.lowerBound - 200 {
            if tokenActor[j] >= 0, let c = document.actors[Int(tokenActor[j])].country { return c }
            j -= 1
        }
        return nil
    }

    /// The token that starts at a byte offset (tokens are in text order).
    func tokenIndex(startingAt offset: Int) -> Int? {
        var lo = 0, hi = document.tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if document.tokens[mid].span.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < document.tokens.count && document.tokens[lo].span.start == offset ? lo : nil
    }

    /// The sentence's DATE nearest the trigger, else the publication day.
    func eventDate(_ t: Int, range: Range<Int>) -> String? {
        let sent = range.isEmpty ? Span(0, 0) : Span(document.tokens[range.lowerBound].span.start, document.tokens[range.upperBound - 1].span.end)
        let pos = document.tokens[t].span.start
        var best: (Int, String)?
        for d in document.dates where d.type == .date && sent.contains(d.span) {
            guard let f = d.value.utf8.first, f >= 48, f <= 57 else { continue }
            let dist = abs(d.span.start - pos)
            if best == nil || dist < best!.0 { best = (dist, d.value) }
        }
        if let best { return best.1 }
        return publishedDay
    }

    nonisolated(unsafe) static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    static let placePreps: Set<String> = ["in", "at", "near", "outside", "inside", "across", "throughout"]
    static let placeNouns: Set<String> = ["city", "town", "village", "province", "region", "district", "capital", "port", "state", "enclave"]

    /// The place the sentence puts the event in: "in Geneva", "in Iraq's Anbar desert".
    func location(_ t: Int, range: Range<Int>, coder: EventCoder) -> EventLocation? {
        var found: EventLocation?
        var j = range.lowerBound
        while j < range.upperBound - 1 {
            defer { j += 1 }
            guard Self.placePreps.contains(lowers[j]) else { continue }
            var k = j + 1
            if k < range.upperBound, lowers[k] == "the" { k += 1 }
            // Modifiers of the place: "in central Baghdad", "in the occupied West Bank", "in the northern city of
            // Kirkuk".
            var mods = 0
            while k < range.upperBound, mods < 2, tokenActor[k] < 0, document.tokens[k].pos == .ADJ || document.tokens[k].pos == .VERB,
                  document.tokens[k].form.utf8.first.map({ $0 >= 97 && $0 <= 122 }) == true { k += 1; mods += 1 }
            if k + 1 < range.upperBound, Self.placeNouns.contains(lowers[k]), lowers[k + 1] == "of" { k += 2 }
            guard k < range.upperBound else { continue }
            var country: String?
            var end = k
            if tokenActor[k] >= 0 {
                let a = document.actors[Int(tokenActor[k])]
                // A capital the recognizer read as its government ("central Baghdad" → IRQGOV) is still a place.
                guard a.code.count == 3 || coder.places[a.text.lowercased()] != nil, let c = a.country else { continue }
                country = c
                while end + 1 < range.upperBound && tokenActor[end + 1] == tokenActor[k] { end += 1 }
            } else {
                // Longest gazetteer phrase starting here.
                var phrase = ""
                for n in 0..<min(coder.maxPlaceWords, range.upperBound - k) {
                    phrase += (n == 0 ? "" : " ") + lowers[k + n]
                    if let c = coder.places[phrase], document.tokens[k].form.first?.isUppercase == true { country = c; end = k + n }
                }
            }
            guard let country else { continue }
            // Extend through a possessive and the rest of the proper-noun phrase.
            while end + 1 < range.upperBound {
                let n = end + 1
                let p = document.tokens[n].pos
                let f = lowers[n]
                if f == "'s" || f == "’s" || f == "'" || f == "’" || p == .PROPN || (p == .NOUN && document.tokens[n].form.first?.isLowercase == true && (f == "desert" || f == "province" || f == "region" || f == "city" || f == "town" || f == "village" || f == "district" || f == "border" || f == "area" || f == "governorate" || f == "state")) {
                    end = n
                } else { break }
            }
            let span = Span(document.tokens[k].span.start, document.tokens[end].span.end)
            let loc = EventLocation(text: document.text(span), span: span, country: country)
            if found == nil || (j > t && (found!.span.start < document.tokens[t].span.start)) { found = loc }
            if j > t { break }
        }
        return found
    }
}
