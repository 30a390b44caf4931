import ParleyModel

/// Finds direct quotations and indirect (reported) speech, each with its cue and speaker.
///
/// Works from the document's bytes alone; sentence boundaries from `document.sentences` are used
/// when present, and a dependency parse (token heads with `nsubj` relations), when present, names
/// the subject of a cue verb in preference to the byte-level rules.
///
/// Conventions:
/// - A direct quote's `content` is the text between the marks (marks excluded).
/// - A quotation split by its cue (“We will not,” he said, “negotiate.”) gives one `Quote` per
///   quoted stretch; the stretches share the same `cue` and `speaker` spans, so a reader can
///   regroup them by cue. Multi-paragraph quotations and quotes that continue right after the
///   attributing sentence (“A,” she said. “B.”) share the cue the same way.
/// - A paragraph-long quotation continued in the next paragraph, a quotation resumed later in the
///   same paragraph (within two sentences), and “…” — Name at the end of a line are attributed too.
/// - A mixed quotation introduced by its cue (stated that “there is no possibility” of talks)
///   gets the whole clause as content, from after the opening mark to the end of the clause.
/// - Quoted stretches with no cue (scare quotes, titles, quoted fragments inside reported
///   speech, a quotation opening mid-clause) are kept as direct quotes with no cue and no speaker;
///   the reported clause around them, when there is one, is indirect speech.
/// - Indirect speech (`direct == false`) covers the reported clause: “X said (that) …”,
///   “…, X said.”, “according to X, …”.
/// - `speaker` is the mention the cue attaches to; `speakerText` the resolved name (pronouns
///   resolve to the nearest fitting earlier speaker, surnames to the full name seen earlier);
///   `speakerAntecedent` where that name was found.
public struct QuoteFinder: TextStage {
    public let name = "quotes"
    public let requires: Set<Annotation> = []
    public let assigns: Set<Annotation> = [.quotes]

    public init() {}

    public func process(_ document: inout Document) throws {
        document.quotes = Self.find(in: document)
    }

    /// The quotes of a document, in text order.
    public static func find(in document: Document) -> [Quote] {
        var text = document.text
        return text.withUTF8 { b -> [Quote] in
            guard !b.isEmpty else { return [] }
            let starts: [Int]? = document.sentences.isEmpty ? nil : document.sentences.map(\.span.start)
            var analysis = QuoteAnalysis(bytes: b, sentenceStarts: starts, tokens: document.tokens)
            return analysis.run()
        }
    }
}

/// A speaker mention: a range of light words.
struct SpeakerMention {
    enum Kind { case pronoun, name, organisation, nominal }
    var words: Range<Int>
    var kind: Kind
}

/// An attribution found for a quoted stretch or a reported clause.
struct Attribution {
    var cue: Range<Int>
    var speaker: SpeakerMention?
}

struct QuoteAnalysis {
    let b: UnsafeBufferPointer<UInt8>
    let stretches: [QuotedStretch]
    let w: [LightWord]
    let tokens: [Token]
    /// Word index of each stretch's opening mark and closing mark (-1 when unterminated).
    var openWord: [Int] = []
    var closeWord: [Int] = []
    /// Which word indices are inside quoted content.
    var inQuote: [Bool] = []
    /// Person names seen in the text: (first word, end word) ranges of ≥ 2 capitalised words.
    var names: [Range<Int>] = []
    /// Person mentions (word index, full name) in text order.
    var persons: [(at: Int, name: Range<Int>)] = []
    var sStart: [Int32] = []
    var sEnd: [Int32] = []
    /// Number of quoted words before each word index.
    var quotedBefore: [Int32] = []

    init(bytes: UnsafeBufferPointer<UInt8>, sentenceStarts: [Int]?, tokens: [Token]) {
        b = bytes
        stretches = QuoteScanner.stretches(bytes)
        w = QuoteScanner.words(bytes, marks: stretches, sentenceStarts: sentenceStarts)
        self.tokens = tokens
    }

    // MARK: word helpers

    @inline(__always) func isWord(_ i: Int) -> Bool { i >= 0 && i < w.count && w[i].kind == .word }
    @inline(__always) func isPunct(_ i: Int, _ c: UInt8) -> Bool { i >= 0 && i < w.count && w[i].kind == .punct && w[i].byte == c }
    @inline(__always) func has(_ i: Int, _ c: QuoteLexicon.Class) -> Bool { isWord(i) && w[i].cls.contains(c) }
    @inline(__always) func isTerminal(_ i: Int) -> Bool {
        guard i >= 0 && i < w.count else { return true }
        let x = w[i]
        if x.kind == .newline { return true }
        return x.kind == .punct && (x.byte == 0x2E || x.byte == 0x21 || x.byte == 0x3F || x.byte == 0x3B)
    }
    @inline(__always) func isPronoun(_ i: Int) -> Bool { has(i, .personPronoun) || has(i, .groupPronoun) }

    func wordIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = w.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if w[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A cue verb at i (not a noun after a determiner: "the post", "a tweet").
    func isCue(_ i: Int) -> Bool {
        guard isWord(i) else { return false }
        if w[i].cls.contains(.phrasal) {
            // "shot back", "fired back", "went on"
            return isWord(i + 1) && (w[i + 1].hash == H.back || w[i + 1].hash == H.on && w[i].hash == H.went)
                && !(isWord(i - 1) && w[i - 1].cls.contains(.determiner))
        }
        guard w[i].cls.contains(.cue) else { return false }
        if w[i].capitalized && !w[i].sentenceStart && i > 0 && w[i - 1].kind == .word { return false }
        if isWord(i - 1), w[i - 1].cls.contains(.article) || w[i - 1].possessive { return false }
        if isAccording(i) { return true }
        if w[i].hash == H.according { return false }
        return true
    }

    func isAccording(_ i: Int) -> Bool { isWord(i) && w[i].hash == H.according && isWord(i + 1) && w[i + 1].hash == H.to }

    func isIngForm(_ i: Int) -> Bool {
        let e = w[i].end
        return e - w[i].start > 4 && b[e - 3] == 0x69 && b[e - 2] == 0x6E && b[e - 1] == 0x67
    }

    // MARK: noun phrases

    /// The subject noun phrase that ends right before `v` (skipping adverbs and auxiliaries),
    /// not reaching below `lb`. Handles "Name, a role, said" and "Name (R-S.C.) said".
    func leftNP(before v: Int, lowerBound lb: Int) -> SpeakerMention? {
        var i = v - 1
        while i >= lb, isWord(i), has(i, .adverb) || has(i, .time) || isLowerLy(i) { i -= 1 }
        guard i >= lb else { return nil }
        if isPunct(i, 0x29) {
            var k = i - 1
            while k >= lb, k > i - 10, !isPunct(k, 0x28) { k -= 1 }
            guard k >= lb, isPunct(k, 0x28) else { return nil }
            i = k - 1
        } else if isPunct(i, 0x2C) {
            // apposition: "Bernstein, a Montgomery Village resident, said"
            var k = i - 1
            while k >= lb, k > i - 16, w[k].kind == .word || isPunct(k, 0x27) { k -= 1 }
            guard k >= lb, isPunct(k, 0x2C) else { return nil }
            if let np = coreLeft(end: k, lowerBound: lb), np.kind == .name || np.kind == .organisation { return np }
            return nil
        }
        guard i >= lb else { return nil }
        return coreLeft(end: i + 1, lowerBound: lb)
    }

    func isLowerLy(_ i: Int) -> Bool {
        let x = w[i]
        return !x.capitalized && x.end - x.start > 4 && b[x.end - 2] == 0x6C && b[x.end - 1] == 0x79
            && !x.cls.contains(.cue)
    }

    /// Noun phrase ending at word `end` (exclusive), scanning left.
    func coreLeft(end e: Int, lowerBound lb: Int) -> SpeakerMention? {
        let last = e - 1
        guard last >= lb, isWord(last) else { return nil }
        if isPronoun(last) { return SpeakerMention(words: last..<e, kind: .pronoun) }
        if has(last, .nonSubject) || has(last, .stop) || has(last, .preposition) || isCue(last) { return nil }
        var s = last
        var lowerRun = 0
        var sawDeterminer = false
        while s >= lb, last - s < 14 {
            let x = w[s]
            guard x.kind == .word else { break }
            if x.cls.contains(.determiner) && !x.capitalized || (x.capitalized && x.sentenceStart && x.cls.contains(.determiner)) {
                sawDeterminer = true
                s -= 1
                break
            }
            if x.capitalized {
                if x.sentenceStart && x.cls.contains(.notName) && !x.cls.contains(.title) { break }
                s -= 1
                continue
            }
            if (x.hash == H.of || x.hash == H.for) && s < last && s > lb && isWord(s - 1)
                && (w[s + 1].capitalized || w[s + 1].cls.contains(.determiner)) {
                s -= 1
                continue
            }
            if x.cls.contains(.stop) || x.cls.contains(.preposition) || x.cls.contains(.nonSubject)
                || x.cls.contains(.personPronoun) || x.cls.contains(.groupPronoun) || isCue(s) || x.cls.contains(.adverb) {
                break
            }
            lowerRun += 1
            if lowerRun > 3 { break }
            s -= 1
        }
        var start = s + 1
        while start < e, isWord(start), w[start].hash == H.of || w[start].hash == H.for { start += 1 }
        guard start < e else { return nil }
        if !sawDeterminer {
            // A bare lower-case phrase keeps only its last two words ("Iranian officials", "critics").
            var firstCap = -1
            for k in start..<e where w[k].capitalized { firstCap = k; break }
            if firstCap < 0 { start = max(start, e - 2) }
        }
        return classify(start..<e)
    }

    /// The subject noun phrase that starts at `j` and runs right (after an inverted cue: "said X").
    func rightNP(from j: Int, limit: Int) -> SpeakerMention? {
        guard j < limit, isWord(j) else { return nil }
        if isPronoun(j) { return SpeakerMention(words: j..<(j + 1), kind: .pronoun) }
        if w[j].sentenceStart, has(j, .notName), !has(j, .determiner), !has(j, .title) { return nil }
        if (has(j, .nonSubject) && !has(j, .determiner)) || has(j, .stop) || (has(j, .preposition) && !w[j].capitalized)
            || has(j, .time) && !w[j].capitalized && !has(j, .determiner) { return nil }
        var e = j
        var lowerRun = 0
        while e < limit, e - j < 14 {
            let x = w[e]
            guard x.kind == .word else { break }
            if x.cls.contains(.time) && e > j { break }
            if x.capitalized && !x.cls.contains(.time) { e += 1; if x.possessive { continue }; continue }
            if x.cls.contains(.determiner) && (e == j || w[e - 1].hash == H.of || w[e - 1].hash == H.for || w[e - 1].hash == H.at) {
                e += 1; continue
            }
            if (x.hash == H.of || x.hash == H.for || x.hash == H.at) && e > j && e + 1 < limit && isWord(e + 1)
                && (w[e + 1].capitalized || w[e + 1].cls.contains(.determiner)) {
                e += 1; continue
            }
            if x.cls.contains(.stop) || x.cls.contains(.preposition) || x.cls.contains(.adverb) || isCue(e)
                || (x.cls.contains(.nonSubject) && e > j) || x.cls.contains(.personPronoun) || x.cls.contains(.groupPronoun) {
                break
            }
            // a participle opening a modifier: "a poll conducted by …"
            if e > j, x.end - x.start > 3, b[x.end - 2] == 0x65, b[x.end - 1] == 0x64, has(e + 1, .preposition) { break }
            lowerRun += 1
            if lowerRun > 4 { break }
            e += 1
        }
        while e > j, isWord(e - 1), w[e - 1].hash == H.of || w[e - 1].hash == H.for || w[e - 1].hash == H.at
            || w[e - 1].cls.contains(.determiner) { e -= 1 }
        guard e > j else { return nil }
        return classify(j..<e)
    }

    func classify(_ r: Range<Int>) -> SpeakerMention {
        var caps = 0
        var org = false
        var statement = false
        for k in r {
            if w[k].capitalized { caps += 1 }
            if w[k].cls.contains(.organisation) { org = true }
            if w[k].cls.contains(.statement) { statement = true }
        }
        let lastIsOrg = w[r.upperBound - 1].cls.contains(.organisation)
        if caps == 0 { return SpeakerMention(words: r, kind: statement || org ? .organisation : .nominal) }
        if lastIsOrg || (org && !w[r.upperBound - 1].capitalized) { return SpeakerMention(words: r, kind: .organisation) }
        if !w[r.upperBound - 1].capitalized && !w[r.upperBound - 1].possessive { return SpeakerMention(words: r, kind: .nominal) }
        return SpeakerMention(words: r, kind: .name)
    }

    /// A subject read from the dependency parse, when the document has one.
    func parseSubject(ofCue v: Int) -> SpeakerMention? {
        guard !tokens.isEmpty, tokens.first?.head != nil else { return nil }
        // token holding the cue word
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].span.end <= w[v].start { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tokens.count, tokens[lo].span.start <= w[v].start, tokens[lo].span.end > w[v].start else { return nil }
        let verb = lo
        let window = max(0, verb - 40)..<min(tokens.count, verb + 40)
        var subject = -1
        for t in window where tokens[t].head == verb {
            if let d = tokens[t].dep, d == "nsubj" || d.hasPrefix("nsubj:") { subject = t; break }
        }
        guard subject >= 0 else { return nil }
        var first = subject, last = subject
        let keep: Set<String> = ["compound", "flat", "flat:name", "det", "amod", "nmod:poss", "case", "nn", "poss", "compound:prt"]
        for t in window where tokens[t].head == subject {
            if let d = tokens[t].dep, keep.contains(d) {
                if t < first && t == first - 1 || (t < first && tokens[t].span.end >= tokens[first].span.start - 2) { first = t }
                if t > last && t == last + 1 { last = t }
            }
        }
        // Extend contiguous compound chains leftwards.
        var changed = true
        while changed {
            changed = false
            if first > 0, let h = tokens[first - 1].head, (h == subject || h == first), let d = tokens[first - 1].dep, keep.contains(d) {
                first -= 1; changed = true
            }
        }
        // The whole noun phrase when it is one unpunctuated stretch of modifiers, names and "of" phrases before the
        // cue ("U.S. Secretary of State Marco Rubio has said"), not a clause or a list ("the head, who …, said").
        var inPhrase: Set<Int> = [subject]
        changed = true
        while changed {
            changed = false
            for t in window where !inPhrase.contains(t) {
                if let h = tokens[t].head, inPhrase.contains(h) { inPhrase.insert(t); changed = true }
            }
        }
        let stretchStart = inPhrase.min()!, stretchEnd = inPhrase.max()!
        let phraseDeps: Set<String> = keep.union(["nmod", "appos", "flat", "nummod"])
        func form(_ t: Int) -> UInt64 { QuoteLexicon.hash(b, tokens[t].span.start, tokens[t].span.end) }
        // "of" and "for" phrases only ("the head of MSF", "a spokesperson for the State Department"), not times or
        // places ("Olaf Scholz on Wednesday", "trade with Mauritius").
        func fits(_ t: Int) -> Bool {
            guard t == subject || tokens[t].dep.map({ phraseDeps.contains($0) }) == true else { return false }
            if tokens[t].dep == "case" { return [H.of, H.for, H.possessive].contains(form(t)) }
            if tokens[t].dep == "nmod" { return window.contains { tokens[$0].head == t && tokens[$0].dep == "case" && [H.of, H.for].contains(form($0)) } }
            return true
        }
        if stretchEnd < verb, stretchEnd - stretchStart < 10,
           (stretchStart...stretchEnd).allSatisfy({ t in inPhrase.contains(t) && fits(t) }) {
            first = min(first, stretchStart)
            last = max(last, stretchEnd)
        }
        let ws = wordIndex(atOrAfter: tokens[first].span.start)
        var we = wordIndex(atOrAfter: tokens[last].span.end)
        if we <= ws { we = ws + 1 }
        guard ws < w.count, we <= w.count else { return nil }
        if we - ws == 1, isPronoun(ws) { return SpeakerMention(words: ws..<we, kind: .pronoun) }
        return classify(ws..<we)
    }

    /// First word of the sentence holding word i.
    @inline(__always) func sentenceStart(of i: Int) -> Int { i < sStart.count ? Int(sStart[i]) : 0 }

    /// Index of the first word of the next sentence after word i (an opening mark that begins
    /// the next sentence counts as its first word), or of the line break.
    @inline(__always) func sentenceEnd(of i: Int) -> Int { i < sEnd.count ? Int(sEnd[i]) : w.count }

    /// Sentence bounds for every word, in one pass each way.
    mutating func indexSentences() {
        let n = w.count
        sStart = [Int32](repeating: 0, count: n)
        sEnd = [Int32](repeating: Int32(n), count: n)
        var cur = 0
        for i in 0..<n {
            if (w[i].kind == .word && w[i].sentenceStart) || (i > 0 && w[i - 1].kind == .newline) { cur = i }
            sStart[i] = Int32(cur)
        }
        var next = n
        var i = n - 1
        while i >= 0 {
            sEnd[i] = Int32(next)
            let x = w[i]
            if x.kind == .newline || (x.kind == .word && x.sentenceStart)
                || (x.kind == .quote && x.byte == 1 && i + 1 < n && w[i + 1].kind == .word && w[i + 1].sentenceStart) {
                next = i
            }
            i -= 1
        }
        quotedBefore = [Int32](repeating: 0, count: n + 1)
        for k in 0..<n { quotedBefore[k + 1] = quotedBefore[k] + (inQuote[k] ? 1 : 0) }
    }

    // MARK: direct quotes

    /// The speaker of a cue verb at v: the parse subject when there is one, else the byte rules.
    func subject(ofCue v: Int, lowerBound lb: Int) -> SpeakerMention? {
        if let p = parseSubject(ofCue: v) { return p }
        return leftNP(before: v, lowerBound: lb)
    }

    /// The subject shared by a participle or a coordinated verb ("Clinton tweeted, saying: …",
    /// "The president noted …, and added: …"): the subject of an earlier cue verb in the
    /// sentence, else the noun phrase that opens the sentence.
    func sharedSubject(ofCue v: Int, lowerBound lb: Int) -> SpeakerMention? {
        var k = v - 1
        var pronoun = -1
        while k >= lb {
            if w[k].kind == .quote { break }
            if isCue(k), !isIngForm(k), let np = subject(ofCue: k, lowerBound: lb) { return np }
            if pronoun < 0, isPronoun(k), !w[k].cls.contains(.nonSubject), isWord(k + 1), !w[k + 1].capitalized { pronoun = k }
            k -= 1
        }
        // "he supported Obama and said, …": the nearest subject pronoun of the clause
        if pronoun >= 0 { return SpeakerMention(words: pronoun..<(pronoun + 1), kind: .pronoun) }
        guard lb < v, isWord(lb), !isIngForm(lb) else { return nil }
        if let np = rightNP(from: lb, limit: v), np.kind != .nominal || has(lb, .determiner) {
            // the opening phrase must be followed by a verb-like word
            let next = np.words.upperBound
            guard isWord(next), !w[next].capitalized, !has(next, .preposition), !has(next, .determiner) else { return nil }
            return np
        }
        return nil
    }

    /// A cue after the closing mark: “…,” said X / “…,” X said / “…,” X, a role, said.
    func cueAfter(_ closeIndex: Int) -> Attribution? {
        var j = closeIndex + 1
        var skipped = 0
        while j < w.count, w[j].kind == .punct, w[j].byte == 0x2C || w[j].byte == 0x2D || w[j].byte == 0x27 || w[j].byte == 0x22
            || w[j].byte == 0xE2, skipped < 2 { j += 1; skipped += 1 }
        guard j < w.count, w[j].kind == .word else { return nil }
        let limit = min(w.count, sentenceEnd(of: j))
        // “…” — Name: a dash and a name closing the line (pull quotes, readers' voices)
        if j > closeIndex + 1, w[j - 1].kind == .punct, w[j - 1].byte == 0x2D, w[j - 1].end - w[j - 1].start > 1 || isPunct(j - 2, 0x2D),
           let np = rightNP(from: j, limit: limit), np.kind == .name || np.kind == .organisation {
            let e = np.words.upperBound
            if e >= w.count || w[e].kind == .newline || isTerminal(e) || isPunct(e, 0x2C) || isPunct(e, 0x28) {
                return Attribution(cue: (j - 1)..<j, speaker: np)
            }
        }
        if isCue(j) {
            if isAccording(j) {
                if let np = rightNP(from: j + 2, limit: limit) { return Attribution(cue: j..<(j + 2), speaker: np) }
                return nil
            }
            if isIngForm(j) { return nil }
            var k = j + 1
            while k < limit, has(k, .adverb) { k += 1 }
            if let np = rightNP(from: k, limit: limit) { return Attribution(cue: j..<(j + 1), speaker: np) }
            return nil
        }
        // NP first, then a cue within a few words.
        guard let np = rightNP(from: j, limit: limit) else { return nil }
        var k = np.words.upperBound
        if isPunct(k, 0x2C) {
            // apposition up to a comma right before the verb
            var m = k + 1
            while m < limit, m < k + 30, !isTerminal(m), w[m].kind != .quote, !(isPunct(m, 0x2C) && m + 1 < limit && (isCue(m + 1) || has(m + 1, .adverb))) { m += 1 }
            guard isPunct(m, 0x2C) else { return nil }
            k = m + 1
        } else if isPunct(k, 0x28) {
            var m = k + 1
            while m < limit, m < k + 10, !isPunct(m, 0x29) { m += 1 }
            guard isPunct(m, 0x29) else { return nil }
            k = m + 1
        }
        while k < limit, has(k, .adverb) || (isWord(k) && isLowerLy(k)) { k += 1 }
        guard k < limit, isCue(k), !isIngForm(k) else { return nil }
        if isAccording(k) { return nil }
        if let p = parseSubject(ofCue: k) { return Attribution(cue: k..<(k + 1), speaker: p) }
        return Attribution(cue: k..<(k + 1), speaker: np)
    }

    /// A cue before the opening mark: X said, “…” / X said: “…” / X told reporters, “…” /
    /// according to X, “…” / X: “…”. `embedded` is set when the quote sits inside a clause
    /// (X said the plan was “a disaster”) rather than being introduced.
    func cueBefore(_ openIndex: Int) -> (attribution: Attribution?, embedded: Bool) {
        var k = openIndex - 1
        guard k >= 0 else { return (nil, false) }
        var sep: UInt8 = 0
        if w[k].kind == .newline {
            // a paragraph introduced by the previous one ending in a colon
            guard k >= 1, isPunct(k - 1, 0x3A) else { return (nil, false) }
            sep = 0x3A
            k -= 2
        } else if w[k].kind == .punct {
            let c = w[k].byte
            guard c == 0x2C || c == 0x3A || c == 0x2D || c == 0x28 else { return (nil, false) }
            sep = c
            k -= 1
        }
        guard k >= 0 else { return (nil, false) }
        let lb = sentenceStart(of: k)
        // find the nearest cue verb to the left
        var v = -1
        var m = k
        while m >= lb, m > k - (sep == 0 ? 9 : 14) {
            if w[m].kind == .quote || w[m].kind == .newline || isTerminal(m) { break }
            if isCue(m) { v = m; break }
            if isWord(m - 1), isAccording(m - 1) { v = m - 1; break }
            m -= 1
        }
        if v >= 0 {
            let betweenStart = isAccording(v) ? v + 2 : v + 1
            let between = min(betweenStart, k + 1)..<(k + 1)
            var embedded = false
            if sep == 0 && isWord(k) && w[k].hash == H.that && introducedByThat(between) {
                // "stated that “there is no possibility” of …", "told reporters on Wednesday that “…”"
            } else if sep == 0 {
                // Introduced only when what lies between is an object or an adjunct, not a clause.
                for q in between {
                    if has(q, .stop) || isCue(q) && q != v { embedded = true; break }
                    if w[q].kind == .punct { embedded = true; break }
                }
                if between.count > 4 { embedded = true }
            } else {
                for q in between {
                    if has(q, .stop) && w[q].hash != H.to { embedded = true; break }
                }
            }
            if embedded { return (nil, true) }
            if isAccording(v) {
                let np = rightNP(from: v + 2, limit: k + 1)
                return (np.map { Attribution(cue: v..<(v + 2), speaker: $0) }, false)
            }
            if isIngForm(v), isWord(v - 1), let np = sharedSubject(ofCue: v, lowerBound: lb) {
                // "The town released a statement saying …": the phrase before a participle is
                // its object; the speaker is the clause subject.
                return (Attribution(cue: v..<(v + 1), speaker: np), false)
            }
            if let np = subject(ofCue: v, lowerBound: lb) { return (Attribution(cue: v..<(v + 1), speaker: np), false) }
            let beforeVerb = v - 1
            if isIngForm(v) || has(beforeVerb, .stop) || isPunct(beforeVerb, 0x2C) {
                if let np = sharedSubject(ofCue: v, lowerBound: lb) { return (Attribution(cue: v..<(v + 1), speaker: np), false) }
            }
            // inverted before the quote: "Continued Stone: “…”"
            if v == lb, let np = rightNP(from: v + 1, limit: k + 1), np.words.upperBound == k + 1 {
                return (Attribution(cue: v..<(v + 1), speaker: np), false)
            }
            return (Attribution(cue: v..<(v + 1), speaker: nil), false)
        }
        if sep == 0x3A, k - lb < 7, let np = coreLeft(end: k + 1, lowerBound: lb), np.words.lowerBound == lb || np.kind == .pronoun {
            let colon = w[k + 1].kind == .punct ? k + 1 : k
            if np.kind == .name || np.kind == .organisation || np.kind == .pronoun {
                return (Attribution(cue: colon..<(colon + 1), speaker: np), false)
            }
        }
        // mid-clause with no cue: a quoted phrase inside ordinary text
        return (nil, sep == 0 && isWord(k))
    }

    // MARK: run

    mutating func run() -> [Quote] {
        openWord = []
        closeWord = []
        inQuote = [Bool](repeating: false, count: w.count)
        for s in stretches {
            let o = wordIndex(atOrAfter: s.open)
            openWord.append(o)
            if s.terminated {
                let c = wordIndex(atOrAfter: s.contentEnd)
                closeWord.append(c < w.count && w[c].kind == .quote && w[c].start == s.contentEnd ? c : -1)
            } else {
                closeWord.append(-1)
            }
            var k = o + 1
            while k < w.count, w[k].start < s.contentEnd { inQuote[k] = true; k += 1 }
        }
        indexSentences()
        collectNames()

        var found: [(Quote, SpeakerMention?, Int)] = []  // quote, mention, order key
        var usedCues = Set<Int>()
        var prev: (attribution: Attribution, stretch: Int, closeAt: Int)? = nil
        for (si, s) in stretches.enumerated() {
            let o = openWord[si]
            let c = closeWord[si]
            var attribution: Attribution? = nil
            var embedded = false
            var demoted: (attribution: Attribution, stretch: Int, closeAt: Int)? = nil
            // Quotes inside quotes belong to the outer one.
            if si > 0, stretches[si - 1].open < s.open && stretches[si - 1].close > s.close { continue }
            if c >= 0, let a = cueAfter(c) { attribution = a }
            if attribution == nil || opensMidClause(o) {
                let before = cueBefore(o)
                if before.attribution != nil || attribution == nil {
                    attribution = before.attribution
                    embedded = before.embedded
                } else {
                    // A quotation opening inside a clause ("placed in a “burn bag,” the Times
                    // reported") is part of the reported clause, not a statement of its own;
                    // its speaker still carries on to a quotation that follows.
                    if let a = attribution { demoted = (a, si, c) }
                    attribution = nil
                    embedded = true
                }
            }
            if attribution == nil, let p = prev,
               !embedded || (p.attribution.cue.lowerBound > p.closeAt && p.attribution.cue.lowerBound < o) {
                // Continuation: the next paragraph of the same quotation, the second half of a
                // quote split by its cue, or a quote right after the attributing sentence.
                if s.continuesPrevious && p.stretch == si - 1 {
                    attribution = p.attribution
                } else if follows(from: p.closeAt, to: o, cue: p.attribution.cue) {
                    attribution = p.attribution
                }
            }
            // Short fragments whose cue was only found by position are quoted phrases, not statements.
            if let a = attribution, isFragment(s), !introduces(a, stretch: si) { attribution = nil }
            var quote = Quote(content: Span(s.contentStart, s.contentEnd), direct: true)
            if let a = attribution, c >= 0, introduces(a, stretch: si), !isPunct(o - 1, 0x3A),
               isWord(c + 1), !w[c + 1].capitalized, !isCue(c + 1) {
                // A mixed quotation runs on into reported words (says “the wind is at our backs”
                // despite his loss): the content is the whole clause.
                var e = sentenceEnd(of: c) - 1
                while e > c, w[e].kind != .word { e -= 1 }
                if e > c { quote.content.end = w[e].end }
            }
            if let a = attribution {
                quote.cue = span(a.cue)
                usedCues.insert(a.cue.lowerBound)
                if let sp = a.speaker { quote.speaker = span(sp.words) }
                prev = (a, si, c >= 0 ? c : (s.terminated ? o : wordIndex(atOrAfter: s.contentEnd)))
            } else if let d = demoted {
                prev = d
            } else if !isFragment(s) && !embedded {
                prev = nil
            }
            found.append((quote, attribution?.speaker, s.contentStart))
        }
        // Indirect speech.
        for (q, m) in indirect(usedCues: usedCues) { found.append((q, m, q.content.start)) }
        found.sort { $0.2 < $1.2 }
        // Resolve speakers in text order.
        var history: [(mention: SpeakerMention, text: String, antecedent: Span?)] = []
        let quotedSpans = found.filter { $0.0.direct }.map { $0.0.content }
        var out: [Quote] = []
        out.reserveCapacity(found.count)
        for (q0, m, _) in found {
            var q = q0
            if let m {
                let r = resolve(m, history: history, quoted: quotedSpans)
                q.speakerText = r.text
                q.speakerAntecedent = r.antecedent
                if r.text != nil, m.kind != .pronoun || r.antecedent != nil {
                    history.append((SpeakerMention(words: m.words, kind: m.kind == .pronoun ? .name : m.kind), r.text ?? "", r.antecedent))
                }
            }
            out.append(q)
        }
        return out
    }

    /// Does the stretch starting at word `o` follow the previous attributed stretch closely:
    /// nothing between but the previous cue's clause, punctuation and the sentence break?
    func follows(from closeAt: Int, to o: Int, cue: Range<Int>) -> Bool {
        guard o > closeAt else { return false }
        var k = closeAt + 1
        var words = 0
        var newline = false
        while k < o {
            if w[k].kind == .newline { newline = true }
            if w[k].kind == .word { words += 1 }
            k += 1
        }
        // Across a paragraph break only when the new stretch opens its paragraph.
        if newline && w[o - 1].kind != .newline { return false }
        if words == 0 { return true }
        // a quoted phrase inside a later clause is not a resumed quotation
        if opensMidClause(o) { return false }
        if !newline {
            // Same paragraph, at most two sentences on: a quotation resumed after a remark about the speaker.
            var starts = 0
            var k = closeAt + 1
            while k < o { if w[k].kind == .word && w[k].sentenceStart { starts += 1 }; k += 1 }
            if starts <= 2 { return true }
        }
        // the cue sits between the two stretches: the new one opens in the cue's sentence or right after it
        guard cue.lowerBound > closeAt, cue.lowerBound < o else { return false }
        let end = sentenceEnd(of: cue.upperBound - 1)
        return o <= end || (newline && end < w.count && w[end].kind == .newline && o == end + 1)
    }

    /// Does the opening mark follow a word of the same clause (not a cue, a colon or a comma)?
    func opensMidClause(_ o: Int) -> Bool {
        let k = o - 1
        guard k >= 0, isWord(k), !isCue(k), b[w[k].end - 1] != 0x2E else { return false }
        return !(w[o].kind == .quote && w[k].end < w[o].start - 3)
    }

    /// A short quoted phrase (at most three words, no sentence punctuation).
    func isFragment(_ s: QuotedStretch) -> Bool {
        var spaces = 0
        var k = s.contentStart
        var last: UInt8 = 0
        while k < s.contentEnd {
            let c = b[k]
            if c == 0x20 { spaces += 1; if spaces > 3 { return false } }
            if !QuoteScanner.isSpace(c) { last = c }
            k += 1
        }
        return !(last == 0x2C || last == 0x2E || last == 0x21 || last == 0x3F)
    }

    /// Words between a cue and "that": a hearer or an adjunct ("reporters on Wednesday"), no clause.
    func introducedByThat(_ between: Range<Int>) -> Bool {
        guard between.count <= 6 else { return false }
        for q in between.lowerBound..<(between.upperBound - 1) {
            guard isWord(q) else { return false }
            if has(q, .stop) && w[q].hash != H.to || isCue(q) { return false }
        }
        return true
    }

    /// Does the cue introduce the stretch directly (cue right before with a colon or comma, or right after)?
    func introduces(_ a: Attribution, stretch si: Int) -> Bool {
        let o = openWord[si]
        if o >= 1, w[o - 1].kind == .punct, w[o - 1].byte == 0x3A { return true }
        // right after the cue: said “…”, stated that “…”
        if a.cue.upperBound == o { return true }
        return isWord(o - 1) && w[o - 1].hash == H.that && a.cue.upperBound < o && introducedByThat(a.cue.upperBound..<o)
    }

    func span(_ r: Range<Int>) -> Span { Span(w[r.lowerBound].start, w[r.upperBound - 1].end) }

    // MARK: indirect speech

    func indirect(usedCues: Set<Int>) -> [(Quote, SpeakerMention?)] {
        var out: [(Quote, SpeakerMention?)] = []
        var v = 0
        var lastContentEnd = -1
        while v < w.count {
            defer { v += 1 }
            guard !inQuote[v], isWord(v), w[v].cls.contains(.cue), !usedCues.contains(v), isCue(v) else { continue }
            let lb = sentenceStart(of: v)
            let se = sentenceEnd(of: v)
            // content end: before terminal punctuation and closing marks
            var ce = se - 1
            while ce > v, w[ce].kind != .word && !(w[ce].kind == .quote) { ce -= 1 }
            if isAccording(v) {
                // "according to X, CLAUSE" or "CLAUSE, according to X."
                guard let np = rightNP(from: v + 2, limit: se) else { continue }
                var after = np.words.upperBound
                if isPunct(after, 0x2C) { after += 1 }
                if v == lb || (v > lb && isPunct(v - 1, 0x2C) && v - 1 == lb) {
                    // the clause begins after the comma that closes the source phrase
                    if !isPunct(after - 1, 0x2C) {
                        var t = after
                        while t < se, t < after + 25, !isPunct(t, 0x2C) { t += 1 }
                        guard t < se, isPunct(t, 0x2C) else { continue }
                        after = t + 1
                    }
                    guard after <= ce, ce - after >= 2 else { continue }
                    if let q = make(content: after..<(ce + 1), cue: v..<(v + 2), np, minStart: lastContentEnd) {
                        out.append(q); lastContentEnd = q.0.content.end
                    }
                } else if isPunct(v - 1, 0x2C), v - 1 - lb >= 3 {
                    if let q = make(content: lb..<(v - 1), cue: v..<(v + 2), np, minStart: lastContentEnd) {
                        out.append(q); lastContentEnd = q.0.content.end
                    }
                }
                continue
            }
            guard w[v].cls.contains(.clause), !isIngForm(v) else { continue }
            // Trailing cue: "CLAUSE, X said." / "CLAUSE, said X."
            if let np = leftNP(before: v, lowerBound: lb), isPunct(np.words.lowerBound - 1, 0x2C) || np.words.lowerBound - 1 >= 0 && isPunct(np.words.lowerBound - 1, 0x2C) {
                let comma = np.words.lowerBound - 1
                if comma - lb >= 3, se - v <= 7, !stretchBetween(lb, comma) {
                    let speaker = parseSubject(ofCue: v) ?? np
                    if let q = make(content: lb..<comma, cue: v..<(v + 1), speaker, minStart: lastContentEnd) {
                        out.append(q); lastContentEnd = q.0.content.end
                    }
                    continue
                }
            }
            if isPunct(v - 1, 0x2C), v - 1 - lb >= 3, let np = rightNP(from: v + 1, limit: se), se - np.words.upperBound <= 6,
               !stretchBetween(lb, v - 1) {
                if let q = make(content: lb..<(v - 1), cue: v..<(v + 1), np, minStart: lastContentEnd) {
                    out.append(q); lastContentEnd = q.0.content.end
                }
                continue
            }
            // Leading cue: "X said (that) CLAUSE", "X told Y that CLAUSE".
            guard let np = subject(ofCue: v, lowerBound: lb) else { continue }
            var cs = v + 1
            while cs < se, has(cs, .adverb) || (isWord(cs) && isLowerLy(cs)) { cs += 1 }
            guard cs < se, w[cs].kind == .word else { continue }
            if w[cs].hash == H.that {
                cs += 1
            } else if has(cs, .preposition) || has(cs, .time) {
                // an adjunct before "that": "said on Monday that", "said Tuesday that"
                var t = cs
                while t < se, t < cs + 6, w[t].kind == .word, w[t].hash != H.that, !has(t, .stop) || w[t].hash == H.to { t += 1 }
                guard t < se, isWord(t), w[t].hash == H.that else { continue }
                cs = t + 1
            } else if has(v, .takesObject) {
                // object then "that" ("told reporters that", "warned Washington that")
                var t = cs
                while t < se, t < cs + 6, w[t].kind == .word, w[t].hash != H.that, !has(t, .stop) || w[t].hash == H.to { t += 1 }
                if t < se, isWord(t), w[t].hash == H.that { cs = t + 1 }
                else if has(cs, .preposition) || has(cs, .stop) || isCue(cs) || w[cs].hash == H.to { continue }
                else if let h = has(cs, .nonSubject) && !has(cs, .determiner) ? cs + 1
                            : rightNP(from: cs, limit: se).flatMap({ $0.kind == .pronoun ? nil : $0.words.upperBound }),
                        h < se, isPronoun(h) && !has(h, .nonSubject) || has(h, .determiner) {
                    // the hearer, then a clause with its own subject: "told VOA it was aware …", "assured
                    // reporters the talks would go on" (not "warned Iran would face …", where Iran is the subject)
                    cs = h
                }
            } else {
                // Without "that", only verbs that take a bare clause ("said Iran would …").
                guard has(v, .bareClause) else { continue }
                if has(cs, .preposition) || has(cs, .stop) || isCue(cs) || w[cs].hash == H.to { continue }
                else if !(has(cs, .determiner) || isPronoun(cs) || w[cs].capitalized || (isWord(cs) && !has(cs, .nonSubject))) { continue }
            }
            guard cs <= ce, ce - cs >= 2 else { continue }
            // A quotation opening the content makes it direct speech, handled above.
            if w[cs].kind == .quote { continue }
            if let q = make(content: cs..<(ce + 1), cue: v..<(v + 1), np, minStart: lastContentEnd) {
                out.append(q); lastContentEnd = q.0.content.end
            }
        }
        return out
    }

    func stretchBetween(_ a: Int, _ z: Int) -> Bool {
        // the clause is mostly a quotation: direct speech handles it
        guard z > a else { return false }
        let quoted = Int(quotedBefore[z] - quotedBefore[a])
        return quoted * 2 > (z - a)
    }

    func make(content r: Range<Int>, cue: Range<Int>, _ np: SpeakerMention, minStart: Int) -> (Quote, SpeakerMention?)? {
        guard r.lowerBound < r.upperBound else { return nil }
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, w[lo].kind == .punct { lo += 1 }
        while hi > lo, w[hi - 1].kind == .punct { hi -= 1 }
        guard lo < hi else { return nil }
        let content = Span(w[lo].start, w[hi - 1].end)
        guard content.start >= minStart else { return nil }
        var q = Quote(content: content, cue: span(cue), speaker: span(np.words), direct: false)
        q.direct = false
        return (q, np)
    }

    // MARK: names and resolution

    /// Collects runs of two or more capitalised words (titles stripped) as person names.
    mutating func collectNames() {
        var i = 0
        while i < w.count {
            guard isWord(i), w[i].capitalized else { i += 1; continue }
            var e = i
            while e < w.count, isWord(e), w[e].capitalized, !(e > i && w[e].sentenceStart) {
                e += 1
                if w[e - 1].possessive { break }
            }
            var s = i
            while s < e, w[s].cls.contains(.title) || w[s].cls.contains(.notName) || isDemonym(s) { s += 1 }
            let afterArticle = i > 0 && isWord(i - 1) && w[i - 1].cls.contains(.article) && !w[i - 1].capitalized
            if e - s >= 2, e - s <= 4, !w[e - 1].cls.contains(.organisation), !inQuote[s], !afterArticle, s == i || !w[i].cls.contains(.determiner) {
                var ok = true
                for k in s..<e where w[k].cls.contains(.organisation) || w[k].cls.contains(.time) { ok = false }
                // a place, not a person: "North Korea", "United States", "Saudi Arabia"
                if w[s].cls.contains(.placeWord) || w[e - 1].cls.contains(.placeWord) { ok = false }
                if ok { names.append(s..<e) }
            }
            i = max(e, i + 1)
        }
        // Person mentions in text order: each full name (at its last word) and each later
        // capitalised word that repeats a full name's last word (a surname mention).
        var byLast: [UInt64: Range<Int>] = [:]
        var ni = 0
        var k = 0
        while k < w.count {
            if ni < names.count, names[ni].lowerBound == k {
                let r = names[ni]
                byLast[w[r.upperBound - 1].hash] = r
                persons.append((r.upperBound - 1, r))
                ni += 1
                k = r.upperBound
                continue
            }
            if isWord(k), w[k].capitalized, !w[k].cls.contains(.notName), !w[k].cls.contains(.title),
               let r = byLast[w[k].hash], !(isWord(k + 1) && w[k + 1].capitalized) {
                persons.append((k, r))
            }
            k += 1
        }
    }

    /// Capitalised adjectives of nationality ("Iranian", "American", "Chinese").
    func isDemonym(_ i: Int) -> Bool {
        let x = w[i]
        guard x.capitalized, x.end - x.start > 4 else { return false }
        let e = x.end
        func suf(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard e - x.start > n else { return false }
            let p = s.utf8Start
            for k in 0..<n where b[e - n + k] != p[k] { return false }
            return true
        }
        return suf("ian") || suf("ese") || suf("ish") || suf("can") || suf("ean") || suf("ani")
    }

    func text(_ r: Range<Int>) -> String {
        let s = Span(w[r.lowerBound].start, w[r.upperBound - 1].end)
        var str = String(decoding: UnsafeBufferPointer(rebasing: b[s.start..<s.end]), as: UTF8.self)
        if w[r.upperBound - 1].possessive {
            if str.hasSuffix("'s") || str.hasSuffix("’s") { str.removeLast(2) }
        }
        return str
    }

    /// The name part of a mention: titles, determiners and demonyms stripped from the front.
    func namePart(_ r: Range<Int>) -> Range<Int> {
        // the last run of capitalised words (before any apposition comma)
        var end = r.upperBound
        for k in r where !isWord(k) { end = k; break }
        var e = end
        while e > r.lowerBound, !w[e - 1].capitalized { e -= 1 }
        guard e > r.lowerBound else { return r.lowerBound..<(r.lowerBound + 1) }
        var s = e - 1
        while s > r.lowerBound, isWord(s - 1), w[s - 1].capitalized, !w[s - 1].possessive { s -= 1 }
        while s < e - 1, w[s].cls.contains(.title) || w[s].cls.contains(.determiner) || isDemonym(s) { s += 1 }
        return s..<e
    }

    /// The (at most 400) names that start before word `start`, nearest last.
    func namesBefore(_ start: Int) -> ArraySlice<Range<Int>> {
        var lo = 0, hi = names.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if names[mid].lowerBound < start { lo = mid + 1 } else { hi = mid }
        }
        return names[max(0, lo - 400)..<lo]
    }

    func resolve(_ m: SpeakerMention, history: [(mention: SpeakerMention, text: String, antecedent: Span?)],
                 quoted: [Span] = []) -> (text: String?, antecedent: Span?) {
        let start = m.words.lowerBound
        switch m.kind {
        case .pronoun:
            let person = has(start, .personPronoun)
            let h = w[start].hash
            if h == H.i || h == H.you { return (nil, nil) }
            // the nearest earlier speaker of the fitting kind …
            var best: (at: Int, text: String, span: Span)? = nil
            for entry in history.suffix(300).reversed() where entry.mention.words.lowerBound < start {
                let fits = person ? entry.mention.kind == .name : entry.mention.kind != .name || h == H.they
                if fits {
                    best = (entry.mention.words.lowerBound, entry.text, entry.antecedent ?? span(entry.mention.words))
                    break
                }
            }
            // … or a person named more recently ("Rubio has underscored …. He told reporters")
            if person {
                var lo = 0, hi = persons.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if persons[mid].at < start { lo = mid + 1 } else { hi = mid }
                }
                // (not one named inside a quotation: "“… both Trump and Kim Jong Un …,” he added" is said by the
                // speaker before, not by Kim)
                var k = lo
                while k > 0, case let at = span(persons[k - 1].at..<persons[k - 1].at + 1), quoted.contains(where: { $0.contains(at) }) { k -= 1 }
                if k > 0 {
                    let p = persons[k - 1]
                    if best == nil || p.at > best!.at { best = (p.at, text(p.name), span(p.name)) }
                }
            }
            return best.map { ($0.text, $0.span) } ?? (nil, nil)
        case .name:
            let np = namePart(m.words)
            if np.count == 1 {
                // a surname: the full name seen earlier
                let key = w[np.lowerBound].hash
                for r in namesBefore(start).reversed() where r.count >= 2 && w[r.upperBound - 1].hash == key {
                    return (text(r), span(r))
                }
            }
            return (text(np), span(np))
        case .organisation, .nominal:
            var s = m.words.lowerBound
            while s < m.words.upperBound - 1, w[s].cls.contains(.determiner) { s += 1 }
            return (text(s..<m.words.upperBound), nil)
        }
    }
}

/// Hashes of single words the rules test by identity.
enum H {
    static let according = QuoteLexicon.hash("according")
    static let to = QuoteLexicon.hash("to")
    static let of = QuoteLexicon.hash("of")
    static let `for` = QuoteLexicon.hash("for")
    static let at = QuoteLexicon.hash("at")
    /// "'s" (and "’s": the hash reads a curly apostrophe as a straight one).
    static let possessive = QuoteLexicon.hash("'s")
    static let that = QuoteLexicon.hash("that")
    static let i = QuoteLexicon.hash("i")
    static let you = QuoteLexicon.hash("you")
    static let they = QuoteLexicon.hash("they")
    static let back = QuoteLexicon.hash("back")
    static let on = QuoteLexicon.hash("on")
    static let went = QuoteLexicon.hash("went")
}
