import ParleyModel

/// A matched expression over the tokens `a..<b` of one sentence.
struct DateHit {
    enum Pending: Equatable {
        case none, yearAgo, quarterRef, yearQuarter
        /// Anaphoric: `k` units from the reference time (the last date the text mentioned): "that day",
        /// "the following month", "later that year", "two days later". `value` holds the fallback (from the anchor).
        case anaphor(DateLexicon.Unit, Int)
    }
    var a: Int
    var b: Int
    var value: String
    var type: DateMention.Kind
    var pending: Pending = .none
}

enum Tense { case past, future, unknown }

/// The grammar of date expressions over one sentence's tokens, resolved against an anchor day.
struct DateGrammar {
    let t: [DTok]
    /// The sentence's tokens are t[lo..<n].
    let lo: Int
    let n: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let anchor: CivilDay?
    /// Tense cues from the caller (tagger tokens) as (byte offset, isFuture); nil = derive from words.
    let cues: [(Int, Bool)]?

    init(tokens: [DTok], range: Range<Int>, bytes: UnsafeBufferPointer<UInt8>, anchor: CivilDay?, cues: [(Int, Bool)]?) {
        self.t = tokens
        self.lo = range.lowerBound
        self.n = range.upperBound
        self.bytes = bytes
        self.anchor = anchor
        self.cues = cues
    }

    // MARK: token tests

    @inline(__always) func w(_ i: Int) -> DW { i >= lo && i < n && t[i].kind == .word ? t[i].w : .none }
    @inline(__always) func isW(_ i: Int, _ x: DW) -> Bool { w(i) == x }
    @inline(__always) func isP(_ i: Int, _ c: UInt8) -> Bool { i >= lo && i < n && t[i].kind == .punct && t[i].ch == c }
    @inline(__always) func isNum(_ i: Int) -> Bool { i >= lo && i < n && t[i].kind == .number && t[i].nd > 0 }
    /// Tokens i and i+1 touch (no space between).
    @inline(__always) func adj(_ i: Int) -> Bool { i >= lo && i + 1 < n && t[i].e == t[i + 1].s }
    @inline(__always) func wordAny(_ i: Int, _ set: DWSet) -> Bool { let x = w(i); return x != .none && set.contains(x) }

    // MARK: driver

    func run() -> [DateHit] {
        var hits: [DateHit] = []
        var i = lo
        while i < n {
            if t[i].kind != .punct, t[i].kind == .number || t[i].w != .none, let h = match(i), h.b > h.a {
                hits.append(h)
                i = h.b
                if let h2 = coordinatedDay(after: h) {
                    // "May 3-4, 2024": the year after the second day holds for the first too
                    if h2.value.prefix(4) != h.value.prefix(4) { hits[hits.count - 1].value = String(h2.value.prefix(4) + h.value.dropFirst(4)) }
                    hits.append(h2)
                    i = h2.b
                }
            } else {
                i += 1
            }
        }
        return hits
    }

    /// "April 24 and 25", "May 3-4": a second day number joined to a month-day is a date of its own, in
    /// the same month (TimeML annotates each day).
    func coordinatedDay(after h: DateHit) -> DateHit? {
        guard h.type == .date, h.value.utf8.count == 10, h.b - 1 >= lo, t[h.b - 1].kind == .number, t[h.b - 1].nd <= 2 else { return nil }
        var k = h.b
        if isW(k, .and) || isW(k, .or) || isW(k, .to) || isW(k, .through) { k += 1 }
        else if isP(k, 0x2D), adj(k - 1), adj(k) { k += 1 }
        else { return nil }
        guard isNum(k), t[k].nd <= 2, !adj(k) || k + 1 >= n || t[k + 1].kind == .punct,
              DateLexicon.month(w(k + 1)) == nil, DateLexicon.unit(w(k + 1)) == nil, !isP(k + 1, 0x3A), !isP(k + 1, 0x25),
              let d0 = CivilDay(isoString: h.value), CivilDay.isValid(year: d0.year, month: d0.month, day: t[k].num),
              t[k].num > d0.day else { return nil }
        var year = d0.year, b = k + 1
        var yk = b
        if isP(yk, 0x2C) { yk += 1 }
        if isNum(yk), t[yk].nd == 4, t[yk].num >= 1000, CivilDay.isValid(year: t[yk].num, month: d0.month, day: t[k].num) {
            year = t[yk].num; b = yk + 1
        }
        return DateHit(a: k, b: b, value: CivilDay(year: year, month: d0.month, day: t[k].num).iso, type: .date)
    }

    func match(_ i: Int) -> DateHit? {
        if t[i].kind == .number { return matchNumber(i) }
        let x = t[i].w
        if let m = DateLexicon.month(x) { return matchMonth(i, month: m, start: i, mod: .none) }
        if let d = DateLexicon.weekday(x) { return matchWeekday(i, day: d, start: i, mod: .none) }
        switch x {
        case .the: return matchThe(i)
        case .that: return matchAnaphor(i + 1, start: i, offset: 0)
        case .last, .past, .previous, .this, .next, .coming, .upcoming, .current, .following, .latest, .these:
            return matchMod(i, start: i)
        case .early, .late, .mid, .earlier, .later: return matchEdge(i)
        case .today, .yesterday, .tomorrow, .tonight: return matchDeictic(i, start: i)
        case .now:
            if isW(i - 1, .from) { return nil }
            return DateHit(a: i, b: i + 1, value: "PRESENT_REF", type: .date)
        case .currently, .nowadays:
            return DateHit(a: i, b: i + 1, value: "PRESENT_REF", type: .date)
        case .recently, .lately:
            return DateHit(a: i, b: i + 1, value: "PAST_REF", type: .date)
        case .recent:
            // "recent months"; the bare adjective ("recent talks") is too often not a time reference
            if let u = DateLexicon.unit(w(i + 1)), u.plural { return DateHit(a: i, b: i + 2, value: "PAST_REF", type: .date) }
            return nil
        case .nineteen:
            // spelled-out years: nineteen ninety-six
            if let y = spelledYear(i) { return DateHit(a: i, b: y.end, value: pad(y.year, 4), type: .date) }
            return matchQuantity(i)
        case .present:
            if isW(i - 1, .at) { return DateHit(a: i, b: i + 1, value: "PRESENT_REF", type: .date) }
            return nil
        case .future:
            if isW(i - 1, .in) || isW(i - 1, .near) || isW(i - 1, .the) {
                return DateHit(a: i, b: i + 1, value: "FUTURE_REF", type: .date)
            }
            return nil
        case .pre, .post:
            // post-1959 politics, pre-1990 levels
            if isP(i + 1, 0x2D), adj(i), adj(i + 1), isNum(i + 2), t[i + 2].nd == 4, let h = matchYear(i + 2, start: i) { return h }
            return nil
        case .every, .each: return matchSet(i)
        case .daily: return DateHit(a: i, b: i + 1, value: "P1D", type: .set)
        case .weekly: return DateHit(a: i, b: i + 1, value: "P1W", type: .set)
        case .monthly: return DateHit(a: i, b: i + 1, value: "P1M", type: .set)
        case .annually: return DateHit(a: i, b: i + 1, value: "P1Y", type: .set)
        case .hourly: return DateHit(a: i, b: i + 1, value: "PT1H", type: .set)
        case .fiscal: return matchFiscal(i, start: i)
        case .year: return matchYearWord(i, start: i)
        case .q:
            if adj(i), isNum(i + 1), (1...4).contains(t[i + 1].num), t[i].cap { return quarterTail(i, q: t[i + 1].num, after: i + 2, start: i) }
            return nil
        case .noon, .midnight, .midday: return matchClockWord(i)
        case .christmas, .thanksgiving, .new, .election: return matchHoliday(i)
        case .spring, .summer, .fall, .autumn, .winter:
            if wordAny(i - 1, DateGrammar.seasonPreps) || isW(i - 1, .this) {
                return seasonHit(i, start: i, offset: 0, explicit: nil)
            }
            return nil
        default:
            if DateLexicon.ordinal(x) != nil { return matchOrdinal(i, start: i) }
            if DateLexicon.cardinal(x) != nil || wordAny(i, DateGrammar.approximators) {
                return matchQuantity(i)
            }
            return nil
        }
    }

    // MARK: resolution helpers

    var A: CivilDay? { anchor }

    func dayValue(_ d: CivilDay?) -> String { d?.iso ?? "XXXX-XX-XX" }

    func monthValue(year: Int?, month: Int) -> String { (year.map { pad($0, 4) } ?? "XXXX") + "-" + pad(month, 2) }

    func addMonths(_ k: Int) -> String {
        guard let a = A else { return "XXXX-XX" }
        let total = a.year * 12 + (a.month - 1) + k
        return pad(total / 12, 4) + "-" + pad(total % 12 + 1, 2)
    }

    func addYears(_ k: Int) -> String { A.map { pad($0.year + k, 4) } ?? "XXXX" }

    func addWeeks(_ k: Int) -> String { A.map { $0.adding(days: 7 * k).isoWeekString } ?? "XXXX-WXX" }

    func addQuarters(_ k: Int) -> String {
        guard let a = A else { return "XXXX-QX" }
        let total = a.year * 4 + (a.quarter - 1) + k
        return pad(total / 4, 4) + "-Q" + String(total % 4 + 1)
    }

    func decadeValue(_ k: Int) -> String { A.map { pad(($0.year / 10) + k, 3) } ?? "XXX" }

    func unitOffset(_ u: DateLexicon.Unit, _ k: Int) -> String? {
        switch u {
        case .day: return dayValue(A?.adding(days: k))
        case .week: return addWeeks(k)
        case .month: return addMonths(k)
        case .year: return addYears(k)
        case .quarter: return addQuarters(k)
        case .decade: return decadeValue(k)
        case .century: return A.map { pad($0.year / 100 + k, 2) } ?? "XX"
        case .weekend: return weekendValue(mod: k < 0 ? .last : k > 0 ? .next : .this, at: 0)
        case .hour, .minute: return nil
        }
    }

    func durationValue(_ u: DateLexicon.Unit, _ k: Int?) -> String? {
        let q = k.map(String.init) ?? "X"
        switch u {
        case .day: return "P\(q)D"
        case .week: return "P\(q)W"
        case .month: return "P\(q)M"
        case .year: return "P\(q)Y"
        case .quarter: return "P\(q)Q"
        case .decade: return k.map { "P\($0 * 10)Y" } ?? "PXE"
        case .century: return k.map { "P\($0 * 100)Y" } ?? "PXC"
        case .hour: return "PT\(q)H"
        case .minute: return "PT\(q)M"
        case .weekend: return nil
        }
    }

    enum Mod { case none, last, this, next }

    func modOf(_ x: DW) -> Mod? {
        switch x {
        case .last, .past, .previous: .last
        case .this, .current: .this
        case .next, .coming, .upcoming, .following: .next
        default: nil
        }
    }

    /// Weekday resolution: `mod` last/next are strict, bare uses tense (past/unknown → on or before).
    func weekdayDate(_ d: Int, mod: Mod, at i: Int) -> CivilDay? {
        guard let a = A else { return nil }
        let aw = a.weekday
        switch mod {
        case .last:
            var k = (aw - d + 7) % 7
            if k == 0 { k = 7 }
            return a.adding(days: -k)
        case .next:
            var k = (d - aw + 7) % 7
            if k == 0 { k = 7 }
            return a.adding(days: k)
        case .this, .none:
            let tense = tense(at: i)
            if tense == .future || (mod == .this && tense != .past) {
                return a.adding(days: (d - aw + 7) % 7)
            }
            return a.adding(days: -((aw - d + 7) % 7))
        }
    }

    func weekendValue(mod: Mod, at i: Int) -> String {
        guard let sat = weekdayDate(6, mod: mod, at: i) else { return "XXXX-WXX-WE" }
        return sat.isoWeekString + "-WE"
    }

    /// Year for a month (and day) given without a year.
    func yearFor(month m: Int, day d: Int?, mod: Mod, at i: Int) -> Int? {
        guard let a = A else { return nil }
        let target = m * 100 + (d ?? 0)
        let now = a.month * 100 + (d == nil ? 0 : a.day)
        switch mod {
        case .last: return target < now ? a.year : a.year - 1
        case .next: return target > now ? a.year : a.year + 1
        case .this: return a.year
        case .none:
            // the nearest occurrence, pushed away from the side the tense rules out (news leans to the past)
            let tense = tense(at: i)
            var best = a.year, bestScore = Int.max
            for y in (a.year - 1)...(a.year + 1) {
                let day = CivilDay(year: y, month: m, day: min(d ?? 15, CivilDay.daysIn(month: m, year: y)))
                let diff = day.serial - a.serial
                var score = abs(diff)
                if d == nil, y == a.year, m == a.month { score = 0 }
                // a clause's tense rules out the other side outright (a past "in January" written in
                // November is ten months back, not two months ahead)
                switch tense {
                case .past: if diff > 0 { score += 200 }
                case .future: if diff < 0 { score += 200 }
                case .unknown: if diff > 0 { score += 60 }
                }
                if score < bestScore { bestScore = score; best = y }
            }
            return best
        }
    }

    // MARK: tense

    /// The tense of the clause around token i: the nearest tense cue wins (left cues preferred).
    func tense(at i: Int) -> Tense {
        // "effective Feb. 1": the date a change takes effect, announced ahead of it
        if isW(i - 1, .effective) { return .future }
        let pos = i < n ? t[i].s : (n > 0 ? t[n - 1].e : 0)
        if let cues {
            var best = Int.max
            var result = Tense.unknown
            for (p, future) in cues {
                let d = abs(p - pos) * 2 + (p < pos ? 0 : 1)
                if d < best { best = d; result = future ? .future : .past }
            }
            // future cues the tags do not carry: plans, scheduled, due, set to, is to, as soon as, next, hopes to
            func wordCue(_ j: Int) {
                guard j >= lo, j < n, t[j].kind == .word, t[j].w != .will, t[j].w != .ll, t[j].w != .shall,
                      cue(j) == .future else { return }
                let p = t[j].s
                let d = abs(p - pos) * 2 + (p < pos ? 0 : 1)
                if d < best { best = d; result = .future }
            }
            var k = 1
            while k <= 14 { wordCue(i - k); wordCue(i + k); k += 1 }
            return result
        }
        // a cue to the left (the verb the date modifies: "said Friday", "will meet in March") counts
        // at its distance, one to the right at twice its distance ("In January, the company hired …")
        var k = 1
        while k <= 28 {
            if k <= 14, i - k >= lo, let c = cue(i - k) { return c }
            if k % 2 == 0, i + k / 2 < n, let c = cue(i + k / 2) { return c }
            k += 1
        }
        return .unknown
    }

    func cue(_ j: Int) -> Tense? {
        let tok = t[j]
        guard tok.kind == .word else { return nil }
        switch tok.w {
        case .will, .shall, .plans, .scheduled, .due, .would, .may, .planned, .might, .slated: return .future
        case .ll: return isP(j - 1, 0x27) ? .future : nil
        case .early, .soon: return isW(j - 1, .as) && isW(j + 1, .as) ? .future : nil
        case .set: return isW(j + 1, .to) ? .future : nil
        // "the United States hopes to resolve the pause … during talks Tuesday": next Tuesday (without tags, as
        // the tagged path's prospective verbs)
        case .hopes: return isW(j + 1, .to) ? .future : nil
        case .to: return isW(j - 1, .is) || isW(j - 1, .are) ? .future : nil
        case .expected: return isW(j - 1, .is) || isW(j - 1, .are) || isW(j - 1, .be) ? .future : .past
        case .was, .were, .had, .did, .said, .told: return .past
        case .has, .have: return .past
        case .next: return isW(j + 1, .to) ? nil : .future  // "next to the embassy" is a place
        case .upcoming: return .future
        default:
            guard tok.ed || tok.w == .pastIrregular else { return nil }
            // "will be held": a participle after "be" takes its tense from further left
            if isW(j - 1, .be) { return nil }
            // "markets untouched by the crisis", "a plan backed by Paris": a participle with its agent
            // modifies a noun (a reduced relative clause); the clause's own verb carries the tense
            if isW(j + 1, .by), !wordAny(j - 1, DateGrammar.auxiliaries) { return nil }
            return .past
        }
    }

    // MARK: numbers

    func year2(_ yy: Int) -> Int {
        let century = (A?.year ?? 2000) / 100 * 100
        let y = century + yy
        return y > (A?.year ?? 2000) + 10 ? y - 100 : y
    }

    func matchNumber(_ i: Int) -> DateHit? {
        let tok = t[i]
        guard tok.nd > 0 else { return nil }
        // glued to a word or another number on the left ("F16", "COVID-19", "A-1")
        if i > lo, adj(i - 1), t[i - 1].kind != .punct { return nil }
        if i > lo + 1, adj(i - 1), isP(i - 1, 0x2D), adj(i - 2), t[i - 2].kind == .word { return nil }
        if isP(i - 1, 0x24) || isP(i - 1, 0x23) { return nil }  // $ #
        let v = tok.num
        // ISO 2025-11-09
        if tok.nd == 4, isP(i + 1, 0x2D), adj(i), adj(i + 1), isNum(i + 2), t[i + 2].nd <= 2, adj(i + 2), isP(i + 3, 0x2D),
           adj(i + 3), isNum(i + 4), t[i + 4].nd <= 2 {
            let m = t[i + 2].num, d = t[i + 4].num
            if CivilDay.isValid(year: v, month: m, day: d) {
                return DateHit(a: i, b: i + 5, value: CivilDay(year: v, month: m, day: d).iso, type: .date)
            }
            return nil
        }
        // US 11/09/2025, 11/9/25
        if tok.nd <= 2, isP(i + 1, 0x2F), adj(i), adj(i + 1), isNum(i + 2), t[i + 2].nd <= 2, adj(i + 2), isP(i + 3, 0x2F),
           adj(i + 3), isNum(i + 4), t[i + 4].nd == 2 || t[i + 4].nd == 4 {
            let y = t[i + 4].nd == 4 ? t[i + 4].num : year2(t[i + 4].num)
            var m = v, d = t[i + 2].num
            if m > 12, d <= 12 { swap(&m, &d) }
            if CivilDay.isValid(year: y, month: m, day: d) {
                return DateHit(a: i, b: i + 5, value: CivilDay(year: y, month: m, day: d).iso, type: .date)
            }
            return nil
        }
        // 19980108
        if tok.nd == 8 {
            let y = v / 10000, m = v / 100 % 100, d = v % 100
            if (1900...2099).contains(y), CivilDay.isValid(year: y, month: m, day: d) {
                return DateHit(a: i, b: i + 1, value: CivilDay(year: y, month: m, day: d).iso, type: .date)
            }
            return nil
        }
        // clock times
        if let h = matchClock(i) { return h }
        // '90s
        if tok.nd == 2, isW(i + 1, .s), adj(i), isP(i - 1, 0x27), adj(i - 1) {
            let y = year2(v)
            return DateHit(a: i - 1, b: i + 2, value: pad(y / 10, 3), type: .date)
        }
        // day-month: 9 Nov, 9th of November 2025
        if tok.nd <= 2, (1...31).contains(v) {
            var j = i + 1
            if adj(i), wordAny(j, DateGrammar.ordinalSuffixes) { j += 1 }
            if isW(j, .of) { j += 1 }
            if let m = DateLexicon.month(w(j)), t[j].cap || w(j) != .may {
                var k = j + 1
                if isP(k, 0x2E), adj(j) { k += 1 }
                if isNum(k), t[k].nd == 4 {
                    if CivilDay.isValid(year: t[k].num, month: m, day: v) {
                        return DateHit(a: i, b: k + 1, value: CivilDay(year: t[k].num, month: m, day: v).iso, type: .date)
                    }
                    return nil
                }
                let y = yearFor(month: m, day: v, mod: .none, at: i)
                return DateHit(a: i, b: j + 1, value: y.map { pad($0, 4) + "-" + pad(m, 2) + "-" + pad(v, 2) } ?? "XXXX-" + pad(m, 2) + "-" + pad(v, 2), type: .date)
            }
        }
        // 20th century
        if tok.nd <= 2, v >= 1, adj(i), wordAny(i + 1, DateGrammar.ordinalSuffixes), isW(i + 2, .century) {
            return DateHit(a: i, b: i + 3, value: pad(v - 1, 2), type: .date)
        }
        // 4-digit year
        if tok.nd == 4, let h = matchYear(i, start: i) { return h }
        // quantities: 3 years ago, 5-year plan
        if tok.nd <= 3 { return matchQuantity(i) }
        return nil
    }

    func plausibleYear(_ i: Int) -> Bool {
        let v = t[i].num
        guard t[i].nd == 4 else { return false }
        // a name with a number ("Orion 1980", "Windows 2000") — a capitalised unknown word, not sentence-initial
        if i - 1 > lo, t[i - 1].kind == .word, t[i - 1].cap, t[i - 1].w == .none, t[i - 2].kind == .word { return false }
        let prep = wordAny(i - 1, DateGrammar.yearPreps)
        let hi = (A?.year ?? 2030) + 30
        if v < 1900 || v > hi { if !(prep && v >= 1000 && v <= hi) { return false } }
        // counts: "2018 troops", "1500 percent"
        let next = w(i + 1)
        switch next {
        case .percent, .people, .troops, .points, .votes, .shares, .cases, .dollars, .tons, .barrels, .miles, .feet,
             .meters, .km, .kilometers, .acres, .residents, .units, .members, .soldiers, .workers:
            return false
        default: break
        }
        if isP(i + 1, 0x25) { return false }
        if isP(i + 1, 0x3A) , adj(i) { return false }
        return true
    }

    func matchYear(_ i: Int, start: Int) -> DateHit? {
        guard plausibleYear(i) else { return nil }
        let y = t[i].num
        // 1990s
        if isW(i + 1, .s), adj(i) { return DateHit(a: start, b: i + 2, value: pad(y / 10, 3), type: .date) }
        // 1989's third quarter
        if isP(i + 1, 0x27), isW(i + 2, .s), let q = ordinalQuarter(i + 3) {
            return DateHit(a: start, b: q.end, value: pad(y, 4) + (q.half ? "-H" : "-Q") + String(q.n), type: .date)
        }
        // the 1988 second quarter; the 1989 period / quarter (the quarter under discussion)
        if let q = ordinalQuarter(i + 1) {
            return DateHit(a: start, b: q.end, value: pad(y, 4) + (q.half ? "-H" : "-Q") + String(q.n), type: .date)
        }
        if isW(start, .the), wordAny(i + 1, DateGrammar.periodWords) {
            return DateHit(a: start, b: i + 2, value: pad(y, 4), type: .date, pending: .yearQuarter)
        }
        return DateHit(a: start, b: i + 1, value: pad(y, 4), type: .date)
    }

    // MARK: clock

    func clockTail(_ i: Int, hour: Int, minute: Int, second: Int? = nil, end: Int, start: Int) -> DateHit {
        var j = end
        if wordAny(j, DateGrammar.zones) { j += 1 }
        var day = A
        var k = j
        if isP(k, 0x2C) { k += 1 }
        if isW(k, .on) { k += 1 }
        if let d = DateLexicon.weekday(w(k)), let h = matchWeekday(k, day: d, start: k, mod: .none), h.type == .date {
            day = CivilDay(isoString: h.value) ?? day; j = h.b
        } else if let m = DateLexicon.month(w(k)), let h = matchMonth(k, month: m, start: k, mod: .none), h.value.count == 10 {
            day = CivilDay(isoString: h.value) ?? day; j = h.b
        } else if wordAny(k, DateGrammar.deictics) {
            day = A?.adding(days: w(k) == .yesterday ? -1 : w(k) == .tomorrow ? 1 : 0); j = k + 1
        }
        let clock = pad(hour, 2) + ":" + pad(minute, 2) + (second.map { ":" + pad($0, 2) } ?? "")
        return DateHit(a: start, b: j, value: dayValue(day) + "T" + clock, type: .time)
    }

    func matchClock(_ i: Int) -> DateHit? {
        let tok = t[i]
        guard tok.nd <= 2 else { return nil }
        var h = tok.num, m = 0
        var j = i + 1
        var hasMinutes = false
        var seconds: Int? = nil
        if isP(j, 0x3A), adj(i), adj(j), isNum(j + 1), t[j + 1].nd == 2, t[j + 1].num < 60 {
            m = t[j + 1].num; j += 2; hasMinutes = true
            if isP(j, 0x3A), adj(j - 1), isNum(j + 1), t[j + 1].nd == 2, t[j + 1].num < 60 { seconds = t[j + 1].num; j += 2 }
        }
        if wordAny(j, DateGrammar.meridiems) {
            guard (1...12).contains(h) else { return nil }
            if w(j) == .pm, h < 12 { h += 12 }
            if w(j) == .am, h == 12 { h = 0 }
            return clockTail(i, hour: h, minute: m, end: j + 1, start: i)
        }
        if hasMinutes, h < 24, tok.nd == 2 || wordAny(i - 1, DateGrammar.clockPreps) {
            return clockTail(i, hour: h, minute: m, second: seconds, end: j, start: i)
        }
        return nil
    }

    func matchClockWord(_ i: Int) -> DateHit? {
        let hour = w(i) == .midnight ? 24 : 12
        return clockTail(i, hour: hour, minute: 0, end: i + 1, start: i)
    }

    // MARK: months, weekdays, days

    static let monthNameLength = [7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8]

    func matchMonth(_ i: Int, month m: Int, start: Int, mod: Mod) -> DateHit? {
        let tok = t[i]
        let abbreviated = tok.e - tok.s < DateGrammar.monthNameLength[m - 1]
        var j = i + 1
        if abbreviated, isP(j, 0x2E), adj(i) { j += 1 }
        let dotted = j > i + 1
        // day
        if isNum(j), t[j].nd <= 2, (1...31).contains(t[j].num), !(isP(j + 1, 0x3A) && adj(j) && adj(j + 1) && isNum(j + 2)), !isP(j + 1, 0x25) {
            let d = t[j].num
            var k = j + 1
            if adj(j), wordAny(k, DateGrammar.ordinalSuffixes) { k += 1 }
            var yk = k
            if isP(yk, 0x2C) { yk += 1 }
            if isNum(yk), t[yk].nd == 4, t[yk].num >= 1000 {
                let y = t[yk].num
                guard CivilDay.isValid(year: y, month: m, day: d) else { return nil }
                return DateHit(a: start, b: yk + 1, value: CivilDay(year: y, month: m, day: d).iso, type: .date)
            }
            if tok.w == .may || tok.w == .mar, !tok.cap { return nil }
            let y = yearFor(month: m, day: d, mod: mod, at: i)
            if let y, !CivilDay.isValid(year: y, month: m, day: d) { return nil }
            return DateHit(a: start, b: k, value: (y.map { pad($0, 4) } ?? "XXXX") + "-" + pad(m, 2) + "-" + pad(d, 2), type: .date)
        }
        // ordinal-word day: March eighth
        if let d2 = DateLexicon.ordinal(w(j)), tok.cap {
            var k = j + 1
            if isW(k, .of), isNum(k + 1), t[k + 1].nd == 4 { k += 2 }
            let y = yearFor(month: m, day: d2, mod: mod, at: i)
            return DateHit(a: start, b: k, value: (y.map { pad($0, 4) } ?? "XXXX") + "-" + pad(m, 2) + "-" + pad(d2, 2), type: .date)
        }
        // month year
        var yk = j
        if isP(yk, 0x2C) || isW(yk, .of) { yk += 1 }
        if isNum(yk), t[yk].nd == 4, t[yk].num >= 1000, tok.cap || tok.w != .may {
            if tok.w == .may || tok.w == .mar, !tok.cap { return nil }
            return DateHit(a: start, b: yk + 1, value: monthValue(year: t[yk].num, month: m), type: .date)
        }
        // January nineteen ninety-seven
        if tok.cap, let sy = spelledYear(yk) {
            return DateHit(a: start, b: sy.end, value: monthValue(year: sy.year, month: m), type: .date)
        }
        // July last year, February this year
        if mod == .none, tok.cap, wordAny(j, DateGrammar.relMods), isW(j + 1, .year) {
            let k = w(j) == .last ? -1 : w(j) == .next ? 1 : 0
            return DateHit(a: start, b: j + 2, value: monthValue(year: A.map { $0.year + k }, month: m), type: .date)
        }
        // bare month
        if abbreviated, !dotted, mod == .none, start == i { return nil }
        if !tok.cap, start == i { return nil }
        if tok.w == .may || tok.w == .mar {
            let prev = start == i ? w(i - 1) : .the
            let ok = DateGrammar.monthPreps.contains(prev) || (start != i)
            if !ok { return nil }
            // "in May be ..." — a verb right after
            if j < n, t[j].kind == .word, !t[j].cap, DateGrammar.verbsAfterMonth.contains(w(j)) { return nil }
        }
        let y = yearFor(month: m, day: nil, mod: mod, at: i)
        return DateHit(a: start, b: j, value: monthValue(year: y, month: m), type: .date)
    }

    func matchWeekday(_ i: Int, day d: Int, start: Int, mod: Mod) -> DateHit? {
        let tok = t[i]
        let full = tok.e - tok.s >= 6
        var j = i + 1
        if !full {
            guard tok.cap, isP(j, 0x2E), adj(i) else { return nil }
            j += 1
        }
        // Sunday, March 8
        var k = j
        if isP(k, 0x2C) { k += 1 }
        if let m = DateLexicon.month(w(k)), t[k].cap, let h = matchMonth(k, month: m, start: start, mod: .none), h.value.count == 10 {
            return h
        }
        if isNum(k), t[k].nd <= 2, DateLexicon.month(w(k + 1)) != nil, t[k + 1].cap, let h = matchNumber(k), h.value.count == 10, h.b > k + 1 {
            return DateHit(a: start, b: h.b, value: h.value, type: .date)
        }
        // "Wednesday's ruling": a possessive weekday is nearly always a past one
        let possessive = mod == .none && isP(j, 0x27) && isW(j + 1, .s) && adj(i)
        let date = possessive ? A.map { $0.adding(days: -(($0.weekday - d + 7) % 7)) } : weekdayDate(d, mod: mod, at: i)
        if let pod = DateLexicon.partOfDay(w(j)), pod == "EV" || pod == "AF" {
            // "Thursday evening", "Friday afternoon": a part of a day is a TIME (TimeML), valued 1998-02-12TEV
            return DateHit(a: start, b: j + 1, value: date.map { $0.iso + "T" + pod } ?? "XXXX-XX-XXT" + pod, type: .time)
        }
        if DateLexicon.partOfDay(w(j)) != nil {
            // "Wednesday night": TimeBank and AQUAINT mostly mark it as a DATE valued by its day, which is also
            // what event dating needs
            return DateHit(a: start, b: j + 1, value: dayValue(date), type: .date)
        }
        return DateHit(a: start, b: j, value: dayValue(date), type: .date)
    }

    func matchDeictic(_ i: Int, start: Int) -> DateHit? {
        let x = w(i)
        let off = x == .yesterday ? -1 : x == .tomorrow ? 1 : 0
        let day = A?.adding(days: off)
        if x == .tonight { return DateHit(a: start, b: i + 1, value: dayValue(day) + "TNI", type: .time) }
        if let pod = DateLexicon.partOfDay(w(i + 1)) {
            return DateHit(a: start, b: i + 2, value: dayValue(day) + "T" + pod, type: .time)
        }
        return DateHit(a: start, b: i + 1, value: dayValue(day), type: .date)
    }

    // MARK: modifiers

    /// A year spelled out at i: "nineteen ninety-six", "nineteen eighty".
    func spelledYear(_ i: Int) -> (year: Int, end: Int)? {
        guard isW(i, .nineteen), let tens = DateLexicon.cardinal(w(i + 1)), tens >= 20, tens % 10 == 0 else { return nil }
        var b = i + 2, v = tens
        var k = b
        if isP(k, 0x2D) { k += 1 }
        if let u = DateLexicon.cardinal(w(k)), u < 10, w(k) != .a, w(k) != .an { v += u; b = k + 1 }
        return (1900 + v, b)
    }

    func seasonHit(_ i: Int, start: Int, offset: Int, explicit: Int?) -> DateHit? {
        guard let s = DateLexicon.season(w(i)) else { return nil }
        var b = i + 1
        var year = explicit ?? A.map { $0.year + offset }
        if isW(b, .of), isNum(b + 1), t[b + 1].nd == 4 { year = t[b + 1].num; b += 2 }
        else if isW(b, .of), let y = spelledYear(b + 1) { year = y.year; b = y.end }
        else if isNum(b), t[b].nd == 4 { year = t[b].num; b += 1 }
        return DateHit(a: start, b: b, value: (year.map { pad($0, 4) } ?? "XXXX") + "-" + s, type: .date)
    }

    /// last/this/next/past/previous/coming/current/latest + X.
    func matchMod(_ i: Int, start: Int) -> DateHit? {
        let x = w(i)
        var j = i + 1
        if x == .these { return isW(j, .days) ? DateHit(a: start, b: j + 1, value: "PRESENT_REF", type: .date) : nil }
        if x == .latest {
            if isW(j, .fiscal) { j += 1 }
            if isW(j, .quarter) || isW(j, .period) {
                return DateHit(a: start, b: j + 1, value: addQuarters(-1), type: .date, pending: .quarterRef)
            }
            if isW(j, .year), isW(i - 1, .the) { return DateHit(a: start, b: j + 1, value: addYears(-1), type: .date) }
            return nil
        }
        if x == .current {
            if isW(j, .fiscal) { j += 1 }
            if let u = DateLexicon.unit(w(j)), !u.plural, let v = unitOffset(u.0, 0) {
                return DateHit(a: start, b: j + 1, value: v, type: .date)
            }
            if wordAny(i + 1, DateGrammar.notCurrent) || isW(i - 1, .electric) { return nil }
            // "the then current chairman": a past present
            if start == i, isW(i - 1, .then) { return DateHit(a: i - 1, b: i + 1, value: "PAST_REF", type: .date) }
            return start == i ? DateHit(a: i, b: i + 1, value: "PRESENT_REF", type: .date) : nil
        }
        guard let mod = modOf(x) else { return nil }
        let sign = mod == .last ? -1 : mod == .next ? 1 : 0
        if x == .this, isW(j, .past) { j += 1 }  // "this past spring"
        if isW(j, .fiscal) { j += 1 }
        let y = w(j)
        if let d = DateLexicon.weekday(y) { return matchWeekday(j, day: d, start: start, mod: mod) }
        if let m = DateLexicon.month(y), t[j].cap { return matchMonth(j, month: m, start: start, mod: mod) }
        if DateLexicon.season(y) != nil {
            guard let a = A else { return seasonHit(j, start: start, offset: 0, explicit: nil) }
            var off = 0
            let sm: Int = switch y { case .spring: 3; case .summer: 6; case .fall, .autumn: 9; default: 12 }
            // "last spring" is the previous year's ("this past spring" is this year's)
            if mod == .last { off = -1 }
            if mod == .next { off = sm > a.month ? 0 : 1 }
            if mod == .this, x == .this, isW(i + 1, .past) { off = sm + 2 < a.month ? 0 : -1 }
            return seasonHit(j, start: start, offset: off, explicit: nil)
        }
        if let pod = DateLexicon.partOfDay(y) {
            if x == .this { return DateHit(a: start, b: j + 1, value: dayValue(A) + "T" + pod, type: .time) }
            if x == .last, y == .night { return DateHit(a: start, b: j + 1, value: dayValue(A?.adding(days: -1)) + "TNI", type: .time) }
            return nil
        }
        if let (u, plural) = DateLexicon.unit(y) {
            if plural {
                if x == .coming || x == .upcoming || x == .next && isW(i - 1, .the) {
                    return DateHit(a: start, b: j + 1, value: "FUTURE_REF", type: .date)
                }
                if x == .past || x == .last { return DateHit(a: start, b: j + 1, value: "PAST_REF", type: .date) }
                return nil
            }
            if u == .day { return nil }  // "the next day": narrative time
            if x == .following { return nil }
            if u == .weekend { return DateHit(a: start, b: j + 1, value: weekendValue(mod: mod, at: i), type: .date) }
            if u == .year, isP(j + 1, 0x27), isW(j + 2, .s) {
                if let q = ordinalQuarter(j + 3) {
                    return DateHit(a: start, b: q.end, value: addYears(sign) + (q.half ? "-H" : "-Q") + String(q.n), type: .date)
                }
                if wordAny(j + 3, DateGrammar.periodWords) {
                    return DateHit(a: start, b: j + 4, value: addYears(sign), type: .date, pending: sign == -1 ? .yearAgo : .none)
                }
            }
            if u == .quarter, mod == .last, x == .last || x == .previous || x == .past {
                return DateHit(a: start, b: j + 1, value: addQuarters(-1), type: .date)
            }
            guard let v = unitOffset(u, sign) else { return nil }
            return DateHit(a: start, b: j + 1, value: v, type: .date)
        }
        // the past two months, the next few weeks
        if let q = quantity(j), let (u, _) = DateLexicon.unit(w(q.end)), let v = durationValue(u, q.value) {
            return DateHit(a: start, b: q.end + 1, value: v, type: .duration)
        }
        return nil
    }

    /// early/late/mid/earlier/later + X.
    func matchEdge(_ i: Int) -> DateHit? {
        let x = w(i)
        var j = i + 1
        if isP(j, 0x2D), adj(i) { j += 1 }
        if x == .earlier || x == .later {
            // earlier that day, later that year: the day/year of the reference time
            if isW(j, .that), let h = matchAnaphor(j + 1, start: i, offset: 0) { return h }
            if isW(j, .in), isW(j + 1, .the), let uu = DateLexicon.unit(w(j + 2)), !uu.plural, let v = unitOffset(uu.0, 0) {
                return DateHit(a: i, b: j + 3, value: v, type: .date)
            }
            if !wordAny(j, DateGrammar.edgeTargets) && DateLexicon.weekday(w(j)) == nil { return nil }
        }
        if isNum(j), t[j].nd == 4, x != .earlier, x != .later {
            return matchYear(j, start: i)
        }
        if let m = DateLexicon.month(w(j)), t[j].cap { return matchMonth(j, month: m, start: i, mod: .none) }
        if let d = DateLexicon.weekday(w(j)) { return matchWeekday(j, day: d, start: i, mod: .none) }
        if wordAny(j, DateGrammar.deictics) { return matchDeictic(j, start: i) }
        if wordAny(j, DateGrammar.relMods) { return matchMod(j, start: i) }
        if DateLexicon.season(w(j)) != nil, x != .earlier, x != .later, isW(i - 1, .the) || wordAny(i - 1, DateGrammar.seasonPreps) {
            // the early summer, in late spring: the season (TimeML puts early/late in the modifier)
            guard let a = A else { return seasonHit(j, start: i, offset: 0, explicit: nil) }
            let sm: Int = switch w(j) { case .spring: 3; case .summer: 6; case .fall, .autumn: 9; default: 12 }
            return seasonHit(j, start: i, offset: tense(at: j) == .past && sm > a.month ? -1 : 0, explicit: nil)
        }
        if DateLexicon.partOfDay(w(j)) != nil, x == .mid || x == .late || x == .early, isW(j + 1, .yesterday) || isW(j + 1, .today) {
            let off = isW(j + 1, .yesterday) ? -1 : 0
            return DateHit(a: i, b: j + 2, value: dayValue(A?.adding(days: off)) + "T" + DateLexicon.partOfDay(w(j))!, type: .time)
        }
        return nil
    }

    /// "for the year", "during the fiscal year": the year of the text (the anchor's); "the year ended
    /// Sept. 30" is a duration (P1Y).
    func theYear(_ i: Int, unit j: Int) -> DateHit? {
        guard isW(i - 1, .for) || isW(i - 1, .during), j + 1 >= n || t[j + 1].kind != .punct || !adj(j) || t[j + 1].ch != 0x2D
        else { return nil }
        if isW(j + 1, .ended) || isW(j + 1, .ending) { return DateHit(a: i, b: j + 1, value: "P1Y", type: .duration) }
        if isW(j + 1, .to) || isW(j + 1, .earlier) || isW(j + 1, .ago) { return nil }
        return DateHit(a: i, b: j + 1, value: addYears(0), type: .date)
    }

    /// [same] day|week|month|year|quarter (or "morning" for a day) at i, `offset` units from the reference time
    /// (the last date the text mentioned; resolved when the hits are emitted). The value here is the
    /// fallback, from the anchor.
    func matchAnaphor(_ i: Int, start: Int, offset: Int) -> DateHit? {
        var j = i
        if isW(j, .same) { j += 1 }
        let u: DateLexicon.Unit
        switch w(j) {
        case .day: u = .day
        case .morning: guard offset != 0 else { return nil }; u = .day
        case .week: u = .week
        case .month: u = .month
        case .year: u = .year
        case .quarter: u = .quarter
        default: return nil
        }
        // "the day-to-day", "that year-end"
        if isP(j + 1, 0x2D), adj(j) { return nil }
        guard let v = unitOffset(u, offset) else { return nil }
        return DateHit(a: start, b: j + 1, value: v, type: .date, pending: .anaphor(u, offset))
    }

    // MARK: "the …"

    func matchThe(_ i: Int) -> DateHit? {
        let j = i + 1
        let x = w(j)
        switch x {
        case .same, .corresponding, .comparable:
            // the same period last year, the corresponding quarter a year earlier: the period under
            // discussion a year back (resolved against the quarter context when the hits are emitted)
            if wordAny(j + 1, DateGrammar.periodWords), let h = yearAgoTail(start: i, at: j + 2) { return h }
            // the same day / month / year: the reference time's
            return x == .same ? matchAnaphor(j + 1, start: i, offset: 0) : nil
        case .following, .previous, .preceding, .prior:
            // the following month, the previous day: one unit from the reference time
            if let h = matchAnaphor(j + 1, start: i, offset: x == .following ? 1 : -1) { return h }
            if x == .following || x == .preceding || x == .prior { return nil }
            return matchMod(j, start: i)
        case .next:
            // the next day / the next morning: narrative time, a day after the reference time
            if isW(j + 1, .day) || isW(j + 1, .morning) { return matchAnaphor(j + 1, start: i, offset: 1) }
            return matchMod(j, start: i)
        case .past:
            if quantity(j + 1) != nil || DateLexicon.unit(w(j + 1)) != nil || isW(j + 1, .fiscal) { return matchMod(j, start: i) }
            return DateHit(a: i, b: j + 1, value: "PAST_REF", type: .date)
        case .future: return DateHit(a: i, b: j + 1, value: "FUTURE_REF", type: .date)
        case .twenties, .thirties, .forties, .fifties, .sixties, .seventies, .eighties, .nineties:
            // the nineties: the decade of the last century that bears the name
            let d = Int(x.rawValue - DW.twenties.rawValue) + 2
            return DateHit(a: i, b: j + 1, value: "19" + String(d), type: .date)
        case .near: return isW(j + 1, .future) ? DateHit(a: i, b: j + 2, value: "FUTURE_REF", type: .date) : nil
        case .weekend:
            return DateHit(a: i, b: j + 1, value: weekendValue(mod: .none, at: i), type: .date)
        case .day:
            // the day before last Tuesday, the day after Christmas: one day from the date it names
            if isW(j + 1, .before) || isW(j + 1, .after), let h = match(j + 2), h.a == j + 2, h.type == .date,
               h.value.utf8.count == 10, let d = CivilDay(isoString: h.value) {
                return DateHit(a: i, b: h.b, value: d.adding(days: isW(j + 1, .before) ? -1 : 1).iso, type: .date)
            }
            return nil
        case .week:
            // the week of March 6: the (ISO) week that holds the day
            if isW(j + 1, .of), let m = DateLexicon.month(w(j + 2)), t[j + 2].cap,
               let h = matchMonth(j + 2, month: m, start: j + 2, mod: .none), let d = CivilDay(isoString: h.value) {
                return DateHit(a: i, b: h.b, value: d.isoWeekString, type: .date)
            }
            return nil
        case .quarter:
            if isP(j + 1, 0x2D), adj(j) { return nil }  // the quarter-to-quarter comparison
            return DateHit(a: i, b: j + 1, value: addQuarters(-1), type: .date, pending: .quarterRef)
        case .fiscal:
            if isW(j + 1, .year), let h = theYear(i, unit: j + 1) { return h }
            return matchFiscal(j, start: i)
        case .year:
            if let h = theYear(i, unit: j) { return h }
            return matchYearWord(j, start: i)
        case .full:
            if isW(j + 1, .year) { return DateHit(a: i, b: j + 2, value: addYears(0), type: .date) }
            return nil
        case .end, .beginning, .start:
            guard isW(j + 1, .of) else { return nil }
            let k = j + 2
            if isW(k, .the), let uu = DateLexicon.unit(w(k + 1)), !uu.plural, uu.0 != .day, let v = unitOffset(uu.0, 0) {
                return DateHit(a: i, b: k + 2, value: v, type: .date)
            }
            if let h = match(k), h.a == k, h.type == .date { return DateHit(a: i, b: h.b, value: h.value, type: .date, pending: h.pending) }
            return nil
        case .spring, .summer, .fall, .autumn, .winter:
            guard let a = A else { return seasonHit(j, start: i, offset: 0, explicit: nil) }
            let sm: Int = switch x { case .spring: 3; case .summer: 6; case .fall, .autumn: 9; default: 12 }
            let off = tense(at: j) == .past && sm > a.month ? -1 : 0
            return seasonHit(j, start: i, offset: off, explicit: nil)
        case .early, .late, .mid:
            // the early 1990s, the late summer
            if let h = matchEdge(j) { return DateHit(a: i, b: h.b, value: h.value, type: h.type, pending: h.pending) }
            return nil
        default:
            if DateLexicon.ordinal(x) != nil || (x == .last && isW(j + 1, .half)) {
                if let h = matchOrdinal(j, start: i) { return h }
                // the 20th century
                return nil
            }
            if isNum(j) {
                if t[j].nd == 4, isW(j + 1, .s), adj(j) { return matchYear(j, start: i) }
                // the 1989 period / the 1988 quarter: the quarter under discussion in that year
                if t[j].nd == 4, wordAny(j + 1, DateGrammar.periodWords) { return matchYear(j, start: i) }
                if t[j].nd <= 2, adj(j), wordAny(j + 1, DateGrammar.ordinalSuffixes), isW(j + 2, .century) {
                    return DateHit(a: i, b: j + 3, value: pad(t[j].num - 1, 2), type: .date)
                }
                if t[j].nd <= 2, adj(j), wordAny(j + 1, DateGrammar.ordinalSuffixes), isW(j + 2, .of) { return matchNumber(j) }
                return nil
            }
            if isP(j, 0x27), isNum(j + 1), t[j + 1].nd == 2, isW(j + 2, .s) {
                return DateHit(a: i, b: j + 3, value: pad(year2(t[j + 1].num) / 10, 3), type: .date)
            }
            if modOf(x) != nil || x == .latest || x == .current {
                if let h = matchMod(j, start: i) { return h }
            }
            return nil
        }
    }

    // MARK: quarters, fiscal

    /// ordinal [-] [fiscal] quarter|half at i: (number, end index, isHalf)
    func ordinalQuarter(_ i: Int) -> (n: Int, end: Int, half: Bool)? {
        var j = i
        var q: Int
        if let o = DateLexicon.ordinal(w(j)) { q = o; j += 1 }
        else if isW(j, .last), isW(j + 1, .half) { q = 2; j += 1 }
        else if isNum(j), t[j].nd == 1, adj(j), wordAny(j + 1, DateGrammar.ordinalSuffixes) { q = t[j].num; j += 2 }
        else { return nil }
        if isP(j, 0x2D), adj(j - 1) { j += 1 }
        // the first two quarters (of 1990): the first half
        if q == 1, isW(j, .two), isW(j + 1, .quarters) { return (q == 1 ? 1 : 2, j + 2, true) }
        if isW(j, .fiscal) { j += 1; if isP(j, 0x2D) { j += 1 } }
        if isW(j, .quarter), (1...4).contains(q) { return (q, j + 1, false) }
        if isW(j, .half), (1...2).contains(q) { return (q, j + 1, true) }
        return nil
    }

    func quarterTail(_ i: Int, q: Int, after j0: Int, start: Int, half: Bool = false) -> DateHit? {
        var j = j0
        var year: Int? = nil
        if half, isW(j, .of), let dec = decadeAt(j + 1) {
            // the last half of the '80s: the decade
            return DateHit(a: start, b: dec.end, value: dec.value, type: .date)
        }
        if isW(j, .of) || isP(j, 0x2C) {
            if isNum(j + 1), t[j + 1].nd == 4 { year = t[j + 1].num; j += 2 }
            else if isW(j + 1, .fiscal), isNum(j + 2), t[j + 2].nd == 4 { year = t[j + 2].num; j += 3 }
            else if wordAny(j + 1, DateGrammar.relMods), isW(j + 2, .year) {
                let s = w(j + 1) == .next ? 1 : w(j + 1) == .last ? -1 : 0
                year = A.map { $0.year + s }; j += 3
            } else if isW(j + 1, .the), isW(j + 2, .year) { year = A?.year; j += 3 }
        } else if isNum(j), t[j].nd == 4, !half {
            year = t[j].num; j += 1
        }
        if year == nil, let a = A {
            year = a.year
            let cur = half ? (a.month - 1) / 6 + 1 : a.quarter
            if q > cur, tense(at: i) == .past { year = a.year - 1 }
        }
        let v = (year.map { pad($0, 4) } ?? "XXXX") + (half ? "-H" : "-Q") + String(q)
        return DateHit(a: start, b: j, value: v, type: .date)
    }

    /// A decade at i: "the 1980s", "the '80s", "the eighties".
    func decadeAt(_ i: Int) -> (value: String, end: Int)? {
        guard isW(i, .the) else { return nil }
        let j = i + 1
        if isNum(j), t[j].nd == 4, adj(j), isW(j + 1, .s) { return (pad(t[j].num / 10, 3), j + 2) }
        if isP(j, 0x27), isNum(j + 1), t[j + 1].nd == 2, isW(j + 2, .s) { return (pad(year2(t[j + 1].num) / 10, 3), j + 3) }
        let x = w(j)
        if x.rawValue >= DW.twenties.rawValue, x.rawValue <= DW.nineties.rawValue {
            return ("19" + String(Int(x.rawValue - DW.twenties.rawValue) + 2), j + 1)
        }
        return nil
    }

    func matchOrdinal(_ i: Int, start: Int) -> DateHit? {
        guard let q = ordinalQuarter(i) else { return nil }
        return quarterTail(i, q: q.n, after: q.end, start: start, half: q.half)
    }

    func matchFiscal(_ i: Int, start: Int) -> DateHit? {
        var j = i + 1
        if isW(j, .year) { j += 1 }
        if isNum(j), t[j].nd == 4 { return DateHit(a: start, b: j + 1, value: pad(t[j].num, 4), type: .date) }
        if isNum(j), t[j].nd == 2, isP(j - 1, 0x27) {
            return DateHit(a: start, b: j + 1, value: pad(year2(t[j].num), 4), type: .date)
        }
        if DateLexicon.ordinal(w(j)) != nil { return matchOrdinal(j, start: start) }
        return nil
    }

    /// "last year" / "a year earlier" / "a year ago" at k, closing "the same period …".
    func yearAgoTail(start: Int, at k: Int) -> DateHit? {
        if isW(k, .last), isW(k + 1, .year) {
            return DateHit(a: start, b: k + 2, value: addYears(-1), type: .date, pending: .yearAgo)
        }
        if isW(k, .a), isW(k + 1, .year), wordAny(k + 2, DateGrammar.agoWords) {
            return DateHit(a: start, b: k + 3, value: addYears(-1), type: .date, pending: .yearAgo)
        }
        return nil
    }

    /// year-end, year end, year-ago quarter, year-earlier period, year's end.
    func matchYearWord(_ i: Int, start: Int) -> DateHit? {
        // the year 2000, the year two thousand
        if isNum(i + 1), t[i + 1].nd == 4 { return DateHit(a: start, b: i + 2, value: pad(t[i + 1].num, 4), type: .date) }
        if isW(i + 1, .two), isW(i + 2, .thousand) { return DateHit(a: start, b: i + 3, value: "2000", type: .date) }
        var j = i + 1
        if isP(j, 0x2D) { j += 1 }
        if isW(j, .end) { return DateHit(a: start, b: j + 1, value: addYears(0), type: .date) }
        if isP(i + 1, 0x27), isW(i + 2, .s), isW(i + 3, .end) { return DateHit(a: start, b: i + 4, value: addYears(0), type: .date) }
        if j > i + 1, wordAny(j, DateGrammar.agoWords) {
            var b = j + 1
            if let q = ordinalQuarter(b) { return DateHit(a: start, b: q.end, value: addYears(-1) + "-Q" + String(q.n), type: .date) }
            if wordAny(b, DateGrammar.periodWords) { b += 1 }
            return DateHit(a: start, b: b, value: addYears(-1), type: .date, pending: .yearAgo)
        }
        return nil
    }

    // MARK: quantities, durations, sets

    /// A count at i: digits, number words ("twenty-four"), "a"/"an", or vague words (several, a few) → nil value.
    func quantity(_ i: Int) -> (value: Int?, end: Int)? {
        if isNum(i), t[i].nd <= 3 {
            return (t[i].num, isP(i + 1, 0x2D) && adj(i) ? i + 2 : i + 1)
        }
        let x = w(i)
        if x == .several || x == .many || x == .some { return (nil, i + 1) }
        if x == .few { return (nil, i + 1) }
        if x == .a || x == .an {
            if isW(i + 1, .few) { return (nil, i + 2) }
            if isW(i + 1, .couple) { return (2, isW(i + 2, .of) ? i + 3 : i + 2) }
        }
        if x == .couple { return (2, isW(i + 1, .of) ? i + 2 : i + 1) }
        if var v = DateLexicon.cardinal(x) {
            var j = i + 1
            if v >= 20, v % 10 == 0 {
                var k = j
                if isP(k, 0x2D) { k += 1 }
                if let u = DateLexicon.cardinal(w(k)), u < 10, w(k) != .a, w(k) != .an { v += u; j = k + 1 }
            }
            if isP(j, 0x2D), adj(j - 1) { j += 1 }
            return (v, j)
        }
        return nil
    }

    func matchQuantity(_ i: Int) -> DateHit? {
        var j = i
        // approximators: about, nearly, almost, more than, less than, at least, around, over
        switch w(j) {
        case .about, .nearly, .almost, .around, .over: j += 1
        case .more, .less: if isW(j + 1, .than) { j += 2 } else { return nil }
        case .at: if isW(j + 1, .least) { j += 2 } else { return nil }
        default: break
        }
        guard let q = quantity(j) else { return nil }
        guard let (u, _) = DateLexicon.unit(w(q.end)) else { return nil }
        let isArticle = w(j) == .a || w(j) == .an
        let unitEnd = q.end + 1
        let next = w(unitEnd)
        if next == .ago || next == .earlier || (next == .from && isW(unitEnd + 1, .now)) {
            let sign = next == .from ? 1 : -1
            let end = next == .from ? unitEnd + 2 : unitEnd + 1
            guard let k = q.value else {
                return DateHit(a: i, b: end, value: sign < 0 ? "PAST_REF" : "FUTURE_REF", type: .date)
            }
            if u == .hour || u == .minute || u == .weekend { return nil }
            let pending: DateHit.Pending = (u == .year && k == 1) ? .yearAgo : .none
            guard let v = unitOffset(u, sign * k) else { return nil }
            return DateHit(a: i, b: end, value: v, type: .date, pending: pending)
        }
        if u == .weekend { return nil }
        // two days later, a year later: from the reference time
        if next == .later, let k = q.value, u != .hour, u != .minute, u != .decade, u != .century,
           let v = unitOffset(u, k) {
            return DateHit(a: i, b: unitEnd + 1, value: v, type: .date, pending: .anaphor(u, k))
        }
        // ages ("a 44-year-old protester") are not times; "five-year plan" is a duration
        if isP(unitEnd, 0x2D), adj(unitEnd - 1), isW(unitEnd + 1, .old) { return nil }
        // fractions: "three-quarters of", "a quarter of the vote"
        if u == .quarter, isW(unitEnd, .of) || (w(q.end) == .quarters && isP(q.end - 1, 0x2D)) { return nil }
        var end = unitEnd
        if isP(unitEnd, 0x2D), adj(unitEnd - 1), isW(unitEnd + 1, .long) { end = unitEnd + 2 }
        if isArticle || q.value == nil {
            let prev = w(i - 1)
            guard DateGrammar.durationPreps.contains(prev)
                    || j > i else { return nil }
        }
        guard let v = durationValue(u, q.value) else { return nil }
        return DateHit(a: i, b: end, value: v, type: .duration)
    }

    func matchSet(_ i: Int) -> DateHit? {
        var j = i + 1
        if isW(j, .other) {
            if let uu = DateLexicon.unit(w(j + 1)), !uu.plural, let v = durationValue(uu.0, 2) { return DateHit(a: i, b: j + 2, value: v, type: .set) }
            return nil
        }
        if let d = DateLexicon.weekday(w(j)) {
            j += 1
            if let pod = DateLexicon.partOfDay(w(j)) { return DateHit(a: i, b: j + 1, value: "XXXX-WXX-\(d)T" + pod, type: .set) }
            return DateHit(a: i, b: j, value: "XXXX-WXX-\(d)", type: .set)
        }
        if let m = DateLexicon.month(w(j)), t[j].cap { return DateHit(a: i, b: j + 1, value: "XXXX-" + pad(m, 2), type: .set) }
        if let pod = DateLexicon.partOfDay(w(j)) { return DateHit(a: i, b: j + 1, value: "XXXX-XX-XXT" + pod, type: .set) }
        var k: Int? = nil
        if let q = quantity(j), !(w(j) == .a || w(j) == .an) { k = q.value; j = q.end }
        if let (u, _) = DateLexicon.unit(w(j)), let v = durationValue(u, k ?? 1) {
            return DateHit(a: i, b: j + 1, value: v, type: .set)
        }
        return nil
    }

    func matchHoliday(_ i: Int) -> DateHit? {
        guard t[i].cap else { return nil }
        var j = i + 1
        var m = 12, d = 25
        switch w(i) {
        case .christmas:
            if isW(j, .eve) { d = 24; j += 1 } else if isW(j, .day) { j += 1 }
        case .new:
            guard isW(j, .year), t[j].cap else { return nil }
            j += 1
            if isP(j, 0x27), isW(j + 1, .s) { j += 2 }
            if isW(j, .eve) { d = 31; j += 1 } else if isW(j, .day) { m = 1; d = 1; j += 1 } else { m = 1; d = 1 }
        case .thanksgiving:
            if isW(j, .day) { j += 1 }
            m = 11
            d = 0
        case .election:
            // US Election Day: the Tuesday after the first Monday in November
            guard isW(j, .day), t[j].cap else { return nil }
            j += 1
            m = 11
            d = -1
        default: return nil
        }
        var y: Int?
        if isNum(j), t[j].nd == 4 { y = t[j].num; j += 1 }
        else { y = yearFor(month: m, day: d == 0 ? 22 : d < 0 ? 2 : d, mod: .none, at: i) }
        if d <= 0, let yy = y {
            let nov1 = CivilDay(year: yy, month: 11, day: 1)
            d = d == 0 ? 1 + (4 - nov1.weekday + 7) % 7 + 21 : 1 + (1 - nov1.weekday + 7) % 7 + 1
        }
        guard let yy = y else { return DateHit(a: i, b: j, value: "XXXX-" + pad(m, 2) + "-" + pad(max(d, 1), 2), type: .date) }
        return DateHit(a: i, b: j, value: CivilDay(year: yy, month: m, day: d).iso, type: .date)
    }
}

extension CivilDay {
    /// Parses "YYYY-MM-DD" (the first ten characters of a value).
    init?(isoString s: String) {
        let u = Array(s.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func num(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for k in a..<b { guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }; v = v * 10 + Int(u[k] - 0x30) }
            return v
        }
        guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

// MARK: word sets (built once)

extension DateGrammar {
    static let seasonPreps = DWSet([.in, .during, .since, .until, .by])
    static let approximators = DWSet([.several, .few, .couple, .some, .many, .about, .nearly, .almost, .more, .less, .around, .over, .at])
    static let ordinalSuffixes = DWSet([.st, .nd, .rd, .th])
    static let yearPreps = DWSet([.in, .since, .until, .by, .of, .from, .during, .the, .early, .late, .mid, .fiscal, .before, .after, .year, .summer, .spring, .fall, .autumn, .winter])
    static let periodWords = DWSet([.period, .quarter])
    static let zones = DWSet([.est, .edt, .gmt, .utc, .cst, .pst, .et])
    static let deictics = DWSet([.today, .yesterday, .tomorrow])
    static let meridiems = DWSet([.am, .pm])
    static let clockPreps = DWSet([.at, .by, .until, .from])
    static let relMods = DWSet([.this, .last, .next])
    static let notCurrent = DWSet([.account, .affairs, .events])
    static let edgeTargets = DWSet([.this, .next, .last, .today, .yesterday, .tomorrow])
    static let agoWords = DWSet([.ago, .earlier])
    static let verbsAfterMonth = DWSet([.be, .have, .will])
    static let auxiliaries = DWSet([.was, .were, .had, .has, .have, .is, .are, .been])
    static let durationPreps = DWSet([.for, .within, .over, .in, .after, .than, .least, .about, .nearly, .almost, .past, .last, .next])
    static let monthPreps = DWSet([.in, .since, .until, .by, .of, .from, .during, .early, .late, .mid, .last, .this, .next, .before, .after, .the, .end, .beginning, .on])
}

/// Zero-padded decimal (`CivilDay.pad`).
@inline(__always) func pad(_ v: Int, _ width: Int) -> String { CivilDay.pad(v, width) }
