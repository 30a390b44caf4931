/// One lexical unit the date grammar reads: a word, a run of digits, or a punctuation byte.
struct DTok {
    enum Kind: UInt8 { case word, number, punct }
    var s: Int
    var e: Int
    var kind: Kind
    var w: DW = .none
    /// Value of a digit run (numbers only).
    var num: Int = 0
    /// Number of digits; 0 for a number with separators ("1,500", "2.5"), which is never a date part.
    var nd: Int = 0
    var cap: Bool = false
    /// Punctuation byte; apostrophes (straight or curly) are 0x27, other non-ASCII 0x80.
    var ch: UInt8 = 0
    /// A lower-case word ending in "-ed" (a past-tense cue).
    var ed: Bool = false
}

enum DateLexer {
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static let corresponding: [UInt8] = Array("corresponding".utf8)

    /// Whether the letters at `i` spell `word` (lower-case `word`; the text may be capitalised).
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: [UInt8]) -> Bool {
        guard i + word.count <= bytes.count else { return false }
        for k in word.indices where bytes[i + k] | 0x20 != word[k] { return false }
        return true
    }

    /// Splits `bytes[lo..<hi]` into tokens, appending to `out`. Returns whether any token can start a date
    /// (a number or a trigger word): the quick rejection.
    static func lex(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into out: inout [DTok]) -> Bool {
        var cue = false
        var i = lo
        while i < hi {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { i += 1; continue }
            if isLetter(b) {
                var j = i
                var key: UInt64 = 0
                while j < hi, isLetter(bytes[j]) {
                    key = key << 5 | UInt64((bytes[j] | 0x20) - 0x60)
                    j += 1
                }
                let len = j - i
                var t = DTok(s: i, e: j, kind: .word)
                t.cap = b < 0x61
                // a.m. / p.m.
                if len == 1, (b | 0x20) == 0x61 || (b | 0x20) == 0x70, j + 1 < hi, bytes[j] == 0x2E,
                   (bytes[j + 1] | 0x20) == 0x6D, j + 2 >= hi || !isLetter(bytes[j + 2]) {
                    t.w = (b | 0x20) == 0x61 ? .am : .pm
                    j += 2
                    if j < hi, bytes[j] == 0x2E { j += 1 }
                    t.e = j
                    out.append(t)
                    cue = true
                    i = j
                    continue
                }
                if len <= 12 {
                    t.w = DateLexicon.table[key] ?? .none
                    if t.w != .none, DateLexicon.isTrigger(t.w) { cue = true }
                } else if len == 13, DateLexer.matches(bytes, i, DateLexer.corresponding) {
                    t.w = .corresponding  // too long for the packed key
                }
                if len >= 5, !t.cap, bytes[j - 1] == 0x64, bytes[j - 2] == 0x65, bytes[j - 3] != 0x65 {
                    t.ed = true
                }
                out.append(t)
                i = j
                continue
            }
            if isDigit(b) {
                var j = i
                var v = 0
                while j < hi, isDigit(bytes[j]) {
                    if j - i < 12 { v = v * 10 + Int(bytes[j] - 0x30) }
                    j += 1
                }
                var nd = j - i
                // "1,500", "2.5", "3,000,000": a quantity, never a date part
                while j + 1 < hi, bytes[j] == 0x2C || bytes[j] == 0x2E, isDigit(bytes[j + 1]) {
                    if bytes[j] == 0x2C, j + 3 < hi, isDigit(bytes[j + 2]), isDigit(bytes[j + 3]),
                       j + 4 >= hi || !isDigit(bytes[j + 4]) {
                        j += 4; nd = 0
                    } else if bytes[j] == 0x2E {
                        j += 1; nd = 0
                        while j < hi, isDigit(bytes[j]) { j += 1 }
                    } else { break }
                }
                out.append(DTok(s: i, e: j, kind: .number, num: v, nd: nd))
                cue = true
                i = j
                continue
            }
            var t = DTok(s: i, e: i + 1, kind: .punct, ch: b)
            if b >= 0x80 {
                var j = i + 1
                while j < hi, bytes[j] & 0xC0 == 0x80 { j += 1 }
                t.e = j
                // ’ ‘ (E2 80 99 / E2 80 98)
                if j - i == 3, b == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 || bytes[i + 2] == 0x98 {
                    t.ch = 0x27
                } else if j - i == 3, b == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x90 && bytes[i + 2] <= 0x94 {
                    t.ch = 0x2D  // dashes
                } else {
                    t.ch = 0x80
                }
            } else if b == 0x60 {
                t.ch = 0x27
            }
            out.append(t)
            i = t.e
        }
        return cue
    }
}
