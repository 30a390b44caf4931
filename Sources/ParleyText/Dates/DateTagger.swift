import Foundation
import ParleyModel

/// Finds date and time expressions and normalises them to TIMEX3 values, resolving relative ones
/// ("Thursday", "last week", "two days ago") against the document's publication time.
///
/// Works on the UTF-8 bytes of each sentence (or the whole text, split at sentence ends, when there are
/// no sentences). A sentence with no number and no date word is rejected after lexing.
///
/// Conventions (TimeML, with the choices TimeBank/AQUAINT annotators made where TimeML leaves room):
/// - extents leave out prepositions ("on Monday" → "Monday") and keep determiners and modifiers
///   ("the fourth quarter", "early 2024", "last week"); "mid-2021"/"early 2024" are valued by the year;
/// - a bare weekday, month or month-day takes its year/week from the tense of the nearest verb cue:
///   the tagger's Penn tags when present (VBD/VBN past, MD will/'ll/shall future, a present "hopes/plans/expects
///   to" or "is set/due/scheduled to" future), else word cues
///   (was/said/-ed/irregular past forms; will/would/plans/scheduled/"as soon as"); weekdays go to the
///   most recent one on or before the anchor unless the tense is future; months and month-days go to
///   the nearest occurrence, pushed away from the side the tense rules out; a cue to the left of the date
///   counts at its distance, one to the right at twice it; a participle with an agent ("untouched by")
///   is no cue; "effective <date>" looks ahead;
/// - "last spring" is the previous year's season, "this past spring" this year's; "the week of March 6"
///   is that day's ISO week; "the day before <date>" one day from it; "April 24 and 25" two dates;
///   "the first two quarters of 1990" the half "1990-H1"; "the same period last year" the quarter under
///   discussion a year back; "Thursday evening" a TIME ("…TEV"); Election Day the Tuesday after the
///   first Monday in November;
/// - "a year ago"/"a year earlier"/"the year-ago quarter" in a text about a quarter (the last quarter
///   named in the sentence or before it) are valued by that quarter a year earlier ("1988-Q3");
///   "the quarter"/"the latest quarter" by the quarter under discussion, else the last completed one;
/// - weeks are ISO weeks ("2025-W45"), the weekend "2025-W45-WE", decades "199", centuries "19";
/// - "Wednesday night" is a DATE valued by its day; "this morning", "tonight", "last night" and clock
///   times are TIME ("2025-11-12TMO", "2025-11-12T21:48");
/// - "the past two months" and "for three years" are DURATIONs (P2M, P3Y), "every week" a SET (P1W);
/// - without an anchor, relative expressions get unresolved values ("XXXX-XX-XX", "XXXX-WXX").
public struct DateTagger: TextStage {
    public let name = "dates"
    public let requires: Set<Annotation> = []
    public let assigns: Set<Annotation> = [.dates]

    public init() {}

    public func process(_ document: inout Document) throws {
        let anchor = document.published.map(CivilDay.init)
        var ranges: [(Int, Int, Range<Int>?)] = []
        if document.sentences.isEmpty {
            ranges.append((0, document.text.utf8.count, nil))
        } else {
            for s in document.sentences { ranges.append((s.span.start, s.span.end, s.tokens)) }
        }
        let tokens = document.tokens
        let hasTags = tokens.contains { $0.xpos != nil }
        var text = document.text
        let found: [DateMention] = text.withUTF8 { buf in
            var state = DateTagger.State()
            var out: [DateMention] = []
            for (lo, hi, toks) in ranges {
                var cues: [(Int, Bool)]? = nil
                if hasTags, let toks, !toks.isEmpty, toks.upperBound <= tokens.count {
                    cues = DateTagger.tenseCues(tokens[toks])
                }
                DateTagger.scan(buf, lo, hi, anchor: anchor, cues: cues, state: &state, into: &out)
            }
            return out
        }
        document.dates = found
    }

    /// Dates in `text` (or in the byte span `range` of it), resolved against `anchor`.
    public static func find(in text: String, range: Span? = nil, anchor: Date?) -> [DateMention] {
        var text = text
        let day = anchor.map(CivilDay.init)
        return text.withUTF8 { buf in
            let lo = max(0, range?.start ?? 0), hi = min(buf.count, range?.end ?? buf.count)
            var state = State()
            var out: [DateMention] = []
            if lo < hi { scan(buf, lo, hi, anchor: day, cues: nil, state: &state, into: &out) }
            return out
        }
    }

    /// What carries from sentence to sentence: the last quarter the text spoke of ("a year earlier"
    /// in an earnings report means the same quarter a year before).
    struct State {
        var quarter: (year: Int, q: Int)? = nil
        /// The reference time: the last date mentioned (TimeML anchors "that day", "the following month",
        /// "later that year" to it).
        var ref: Ref? = nil
        var tokens: [DTok] = []
    }

    /// Present-tense verbs that put the infinitive after them ahead ("hopes to resolve the pause … during talks
    /// Tuesday" is next Tuesday), and "is set / due / scheduled / expected to".
    static let prospectiveVerbs: Set<String> = ["hope", "hopes", "plan", "plans", "expect", "expects", "intend", "intends",
                                                "aim", "aims", "want", "wants", "seek", "seeks"]

    static func tenseCues(_ toks: ArraySlice<Token>) -> [(Int, Bool)] {
        var cues: [(Int, Bool)] = []
        for i in toks.indices {
            let tok = toks[i]
            guard let x = tok.xpos else { continue }
            if (x == "VBZ" || x == "VBP"), i + 1 < toks.endIndex {
                let f = tok.form.lowercased(), next = toks[i + 1].form.lowercased()
                if (prospectiveVerbs.contains(f) && next == "to")
                    || ((f == "is" || f == "are") && ["set", "due", "scheduled", "expected"].contains(next)
                        && i + 2 < toks.endIndex && toks[i + 2].form.lowercased() == "to") {
                    cues.append((tok.span.start, true))
                    continue
                }
            }
            if x == "VBD" || x == "VBN" { cues.append((tok.span.start, false)) }
            else if x == "MD" {
                let f = tok.form.lowercased()
                if f == "will" || f == "'ll" || f == "shall" || f == "’ll" || f == "wo" { cues.append((tok.span.start, true)) }
            }
        }
        return cues
    }

    static func scan(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, anchor: CivilDay?, cues: [(Int, Bool)]?,
                     state: inout State, into out: inout [DateMention]) {
        state.tokens.removeAll(keepingCapacity: true)
        let lo = max(0, min(lo, buf.count)), hi = max(0, min(hi, buf.count))
        guard lo < hi, DateLexer.lex(buf, lo, hi, into: &state.tokens) else { return }
        let toks = state.tokens
        var segStart = 0
        var k = 0
        while k <= toks.count {
            if k == toks.count || isSentenceEnd(toks, k, buf) {
                let end = k == toks.count ? k : k + 1
                if end > segStart {
                    let grammar = DateGrammar(tokens: toks, range: segStart..<end, bytes: buf, anchor: anchor, cues: cues)
                    let hits = grammar.run()
                    if !hits.isEmpty { emit(hits, toks, buf, state: &state, into: &out) }
                }
                segStart = end
            }
            k += 1
        }
    }

    /// A '.', '!' or '?' that ends a sentence: after a word of 4+ letters, a lower-case word or a number,
    /// and before a capital, a digit or a quote.
    static func isSentenceEnd(_ toks: [DTok], _ k: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let tk = toks[k]
        guard tk.kind == .punct, tk.ch == 0x2E || tk.ch == 0x21 || tk.ch == 0x3F, k > 0, k + 1 < toks.count else { return false }
        let p = toks[k - 1]
        if p.kind == .word, p.cap, p.e - p.s <= 3, tk.ch == 0x2E { return false }
        if p.kind == .word, tk.ch == 0x2E, DateLexicon.month(p.w) != nil || DateLexicon.weekday(p.w) != nil, p.e - p.s <= 5,
           p.w != .may, p.w != .jun, p.w != .jul { return false }
        let nx = toks[k + 1]
        if nx.kind == .word { return nx.cap }
        return nx.ch == 0x22 || nx.ch == 0x27 || nx.ch == 0x80
    }

    static func emit(_ hits0: [DateHit], _ toks: [DTok], _ buf: UnsafeBufferPointer<UInt8>, state: inout State,
                     into out: inout [DateMention]) {
        var hits = hits0
        // quarter context: a quarter named in this sentence, else the last one before it
        var sentenceQuarter: (year: Int, q: Int)? = nil
        for h in hits where h.pending == .none {
            if let q = parseQuarter(h.value) { sentenceQuarter = q }
        }
        let context = sentenceQuarter ?? state.quarter
        for k in hits.indices {
            switch hits[k].pending {
            case .none, .anaphor: break
            case .quarterRef:
                if let c = context { hits[k].value = pad(c.year, 4) + "-Q" + String(c.q) }
            case .yearQuarter:
                if let c = context, let y = Int(hits[k].value.prefix(4)) { hits[k].value = pad(y, 4) + "-Q" + String(c.q) }
            case .yearAgo:
                if let c = context, let y = Int(hits[k].value.prefix(4)), c.year - 1 == y {
                    hits[k].value = pad(y, 4) + "-Q" + String(c.q)
                }
            }
        }
        // the quarter under discussion is the one the report opens with; later passing mentions ("after a
        // flat second quarter", a forecast for the fourth) do not replace it
        if state.quarter == nil {
            for h in hits where h.pending == .none {
                if let q = parseQuarter(h.value) { state.quarter = q; break }
            }
        }
        // anaphoric expressions take the reference time: the last date mentioned before them
        for k in hits.indices {
            if case .anaphor(let u, let off) = hits[k].pending, let r = state.ref, let v = r.offset(u, off) {
                hits[k].value = v
            }
            if hits[k].type == .date || hits[k].type == .time, let r = Ref(hits[k].value) { state.ref = r }
        }
        for h in hits {
            let s = toks[h.a].s, e = toks[h.b - 1].e
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[s..<e]), as: UTF8.self)
            out.append(DateMention(span: Span(s, e), text: text, value: h.value, type: h.type))
        }
    }

    /// A date as the reference time: year, and month and day when known (a quarter counts by its first month).
    struct Ref: Equatable {
        var year: Int
        var month: Int? = nil
        var day: Int? = nil
        var quarter: Int? = nil

        /// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD[T…]", "YYYY-Qn"; nil for other values (weeks, seasons, refs).
        init?(_ v: String) {
            let u = Array(v.utf8)
            func digits(_ a: Int, _ b: Int) -> Int? {
                guard b <= u.count else { return nil }
                var x = 0
                for k in a..<b { guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }; x = x * 10 + Int(u[k] - 0x30) }
                return x
            }
            guard u.count >= 4, let y = digits(0, 4) else { return nil }
            year = y
            if u.count == 4 { return }
            guard u[4] == 0x2D, u.count >= 7 else { return nil }
            if u[5] == 0x51, u.count == 7, let q = digits(6, 7), (1...4).contains(q) { quarter = q; return }
            guard let m = digits(5, 7), (1...12).contains(m) else { return nil }
            month = m
            quarter = (m - 1) / 3 + 1
            if u.count == 7 { return }
            guard u.count >= 10, u[7] == 0x2D, let d = digits(8, 10), CivilDay.isValid(year: y, month: m, day: d) else { return nil }
            day = d
        }

        /// The value `k` units from this reference, when it is precise enough for the unit.
        func offset(_ unit: DateLexicon.Unit, _ k: Int) -> String? {
            switch unit {
            case .year: return pad(year + k, 4)
            case .month:
                guard let m = month else { return nil }
                let total = year * 12 + m - 1 + k
                return pad(total / 12, 4) + "-" + pad(total % 12 + 1, 2)
            case .quarter:
                guard let q = quarter else { return nil }
                let total = year * 4 + q - 1 + k
                return pad(total / 4, 4) + "-Q" + String(total % 4 + 1)
            case .day:
                guard let m = month else { return nil }
                guard let d = day else { return k == 0 ? pad(year, 4) + "-" + pad(m, 2) + "-XX" : nil }
                return CivilDay(year: year, month: m, day: d).adding(days: k).iso
            case .week:
                guard let m = month, let d = day else { return nil }
                return CivilDay(year: year, month: m, day: d).adding(days: 7 * k).isoWeekString
            default: return nil
            }
        }
    }

    static func parseQuarter(_ v: String) -> (year: Int, q: Int)? {
        let u = Array(v.utf8)
        guard u.count == 7, u[4] == 0x2D, u[5] == 0x51, let y = Int(v.prefix(4)), u[6] >= 0x31, u[6] <= 0x34 else { return nil }
        return (y, Int(u[6] - 0x30))
    }
}
