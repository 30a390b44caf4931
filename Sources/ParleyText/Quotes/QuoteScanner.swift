/// Byte-level scanning for the quotation finder: quotation marks (told apart from apostrophes),
/// quoted stretches, light words and sentence ends. Everything works on UTF-8 bytes.

/// One quoted stretch: the marks and the text between them.
struct QuotedStretch: Equatable {
    /// First byte of the opening mark.
    var open: Int
    /// First byte after the opening mark.
    var contentStart: Int
    /// First byte of the closing mark (end of paragraph when unterminated).
    var contentEnd: Int
    /// First byte after the closing mark.
    var close: Int
    var terminated: Bool
    /// Single marks (‘…’ or '…') rather than double ones.
    var single: Bool
    /// The stretch opens a paragraph that continues an unterminated quote from the previous paragraph.
    var continuesPrevious: Bool
}

/// A light word: letters/digits (with inner apostrophes, hyphens and abbreviation periods), a
/// punctuation byte, or a quotation mark.
struct LightWord {
    enum Kind: UInt8 { case word, punct, quote, newline }
    var start: Int
    var end: Int
    var hash: UInt64
    var kind: Kind
    /// First letter is upper case.
    var capitalized: Bool
    /// The punctuation byte for `.punct` (0x2D for dashes, 0x2E for an ellipsis); for `.quote`
    /// 1 for an opening mark and 2 for a closing one.
    var byte: UInt8
    /// Ends in 's / ’s / s' (possessive).
    var possessive: Bool
    /// First word of a sentence.
    var sentenceStart: Bool
    var cls: QuoteLexicon.Class
}

enum QuoteScanner {
    // MARK: byte classes

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    /// Letters, digits and any non-ASCII lead/continuation byte that is not punctuation we know.
    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c >= 0xC3 }

    /// Is there a mark (double or single) starting at i? Returns its length and whether it is double,
    /// and the glyph: 0 straight, 1 left curly, 2 right curly, 3 guillemet open, 4 guillemet close.
    @inline(__always)
    static func markAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (len: Int, double: Bool, glyph: UInt8)? {
        let n = b.count
        let c = b[i]
        if c == 0x22 { return (1, true, 0) }
        if c == 0x27 {
            if i + 1 < n, b[i + 1] == 0x27 { return (2, true, 0) }
            return (1, false, 0)
        }
        if c == 0x60 {
            if i + 1 < n, b[i + 1] == 0x60 { return (2, true, 1) }
            return nil
        }
        if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 {
            let d = b[i + 2]
            if d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F { return (3, true, d == 0x9D ? 2 : 1) }
            if d == 0x98 || d == 0x99 {
                // Doubled single curly marks act as a double mark.
                if i + 5 < n, b[i + 3] == 0xE2, b[i + 4] == 0x80, b[i + 5] == d { return (6, true, d == 0x98 ? 1 : 2) }
                return (3, false, d == 0x98 ? 1 : 2)
            }
            return nil
        }
        if c == 0xC2, i + 1 < n {
            if b[i + 1] == 0xAB { return (2, true, 3) }
            if b[i + 1] == 0xBB { return (2, true, 4) }
        }
        return nil
    }

    /// What precedes a mark: 0 space/start/opening bracket/dash, 1 word, 2 other punctuation.
    @inline(__always)
    static func before(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 {
        if i == 0 { return 0 }
        let c = b[i - 1]
        if isSpace(c) || c == 0x28 || c == 0x5B || c == 0x7B { return 0 }
        if c == 0xA0, i >= 2, b[i - 2] == 0xC2 { return 0 }
        // em/en dash, and a preceding opening mark (nested)
        if i >= 3, b[i - 3] == 0xE2, b[i - 2] == 0x80, b[i - 1] == 0x94 || b[i - 1] == 0x93 || b[i - 1] == 0x9C || b[i - 1] == 0x98 { return 0 }
        if c == 0x2D, i >= 2, b[i - 2] == 0x2D { return 0 }
        if isWordByte(c) || (c >= 0x80 && c <= 0xBF && !(i >= 3 && b[i - 3] == 0xE2)) { return 1 }
        return 2
    }

    /// What follows a mark ending at j: 0 space/end, 1 word, 2 punctuation (, . ; : ! ? ) ] — and other marks).
    @inline(__always)
    static func after(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> UInt8 {
        if j >= b.count { return 0 }
        let c = b[j]
        if isSpace(c) { return 0 }
        if c == 0xC2, j + 1 < b.count, b[j + 1] == 0xA0 { return 0 }
        if isWordByte(c) || c == 0x24 || c == 0x23 || c == 0x40 { return 1 }
        if c == 0xE2, j + 2 < b.count, b[j + 1] == 0x80 {
            let d = b[j + 2]
            if d == 0x98 || d == 0x9C { return 1 }  // nested opening mark: content follows
            if d == 0xA6 { return 1 }  // ellipsis opening a quote
        }
        if c == 0x2E, j + 1 < b.count, b[j + 1] == 0x2E { return 1 }  // "...and then"
        if c == 0x5B || c == 0x28 { return 1 }
        return 2
    }

    // MARK: quoted stretches

    /// Finds the quoted stretches of a text. Double marks pair first, per paragraph; single marks
    /// pair only outside double stretches and only when both ends are clear (apostrophes never pair).
    /// A paragraph left open that is followed by a paragraph opening with a mark is a multi-paragraph
    /// quotation: the second stretch is flagged `continuesPrevious`.
    static func stretches(_ b: UnsafeBufferPointer<UInt8>) -> [QuotedStretch] {
        var out: [QuotedStretch] = []
        let n = b.count
        var i = 0
        var paraStart = 0
        var paraBlank = true
        var openAt = -1, openEnd = -1
        var openContinues = false
        var depth = 0
        var lastParagraphEndedOpen = false
        var firstMarkInParagraph = true
        var sOpen = -1, sOpenEnd = -1

        func record(_ end: Int, close: Int, terminated: Bool) {
            var e = end
            if !terminated { while e > openEnd, isSpace(b[e - 1]) || b[e - 1] == 0xA0 { e -= 1 } }
            if e > openEnd {
                out.append(QuotedStretch(open: openAt, contentStart: openEnd, contentEnd: e, close: terminated ? close : e,
                                         terminated: terminated, single: false, continuesPrevious: openContinues))
            }
            openAt = -1
            openContinues = false
            depth = 0
        }

        while i < n {
            let c = b[i]
            if c == 0x0A {
                if !paraBlank {
                    lastParagraphEndedOpen = openAt >= 0
                    if openAt >= 0 { record(i, close: i, terminated: false) }
                }
                sOpen = -1
                i += 1
                paraStart = i
                paraBlank = true
                firstMarkInParagraph = true
                continue
            }
            if paraBlank, !isSpace(c), c != 0xC2, c != 0xA0 {
                paraBlank = false
                if markAt(b, i) == nil { lastParagraphEndedOpen = false }
            }
            guard c == 0x22 || c == 0x27 || c == 0x60 || c == 0xE2 || c == 0xC2, let m = markAt(b, i) else {
                i += 1
                continue
            }
            let pre = before(b, i), post = after(b, i + m.len)
            if !m.double {
                // Single marks: apostrophes inside words never count; nested marks stay content.
                if (pre == 1 && post == 1) || openAt >= 0 { i += m.len; continue }
                let opener = pre == 0 && post == 1 && m.glyph != 2
                let closer = pre != 0 && (post == 0 || post == 2) && m.glyph != 1
                if sOpen < 0 {
                    if opener { sOpen = i; sOpenEnd = i + m.len }
                } else if closer {
                    if i > sOpenEnd, i - sOpenEnd < 600 {
                        out.append(QuotedStretch(open: sOpen, contentStart: sOpenEnd, contentEnd: i, close: i + m.len,
                                                 terminated: true, single: true, continuesPrevious: false))
                    }
                    sOpen = -1
                } else if opener, i - sOpenEnd > 300 {
                    sOpen = i; sOpenEnd = i + m.len
                }
                i += m.len
                continue
            }
            // Double marks: context decides, the glyph breaks ties.
            let ctxOpener = pre == 0 && post != 0
            let ctxCloser = pre != 0 && post != 1
            let isOpener: Bool
            if ctxOpener && !ctxCloser { isOpener = true }
            else if ctxCloser && !ctxOpener { isOpener = false }
            else if m.glyph == 1 || m.glyph == 3 { isOpener = true }
            else if m.glyph == 2 || m.glyph == 4 { isOpener = false }
            else { isOpener = openAt < 0 }
            if openAt < 0 {
                if isOpener || (pre == 1 && post == 1) {
                    // A single stretch opened earlier in the paragraph is abandoned.
                    sOpen = -1
                    openAt = i; openEnd = i + m.len
                    openContinues = firstMarkInParagraph && lastParagraphEndedOpen && i == firstNonSpace(b, paraStart)
                }
                // A stray closing mark with nothing open is ignored.
            } else if isOpener && pre == 0 && post == 1 {
                // A clear opening mark while open: a quotation nested with the same marks.
                depth += 1
            } else if depth > 0 {
                depth -= 1
            } else {
                record(i, close: i + m.len, terminated: true)
            }
            firstMarkInParagraph = false
            i += m.len
        }
        if openAt >= 0 { record(n, close: n, terminated: false) }
        out.sort { $0.open < $1.open }
        return out
    }

    @inline(__always)
    static func firstNonSpace(_ b: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var k = from
        while k < b.count, isSpace(b[k]) || b[k] == 0xC2 || b[k] == 0xA0 { k += 1 }
        return k
    }

    // MARK: words

    /// Splits a text into light words. Quotation marks listed in `markStarts` become `.quote`
    /// words; other apostrophes stay inside words. Sentence starts are flagged with a byte-level
    /// rule (terminal punctuation, then space, then an upper-case letter, digit or mark) unless
    /// `sentenceStarts` is given.
    static func words(_ b: UnsafeBufferPointer<UInt8>, marks: [QuotedStretch], sentenceStarts: [Int]?) -> [LightWord] {
        var out: [LightWord] = []
        out.reserveCapacity(b.count / 5)
        // Quote-mark positions from the stretches (opening and closing marks).
        var markRanges: [(Int, Int, UInt8)] = []
        markRanges.reserveCapacity(marks.count * 2)
        for s in marks {
            markRanges.append((s.open, s.contentStart, 1))
            if s.terminated { markRanges.append((s.contentEnd, s.close, 2)) }
        }
        markRanges.sort { $0.0 < $1.0 }
        var mi = 0
        let n = b.count
        var i = 0
        var newSentence = true
        var quoteOpensSentence = false
        var si = 0
        while i < n {
            while mi < markRanges.count, markRanges[mi].0 < i { mi += 1 }
            if mi < markRanges.count, markRanges[mi].0 == i {
                let e = markRanges[mi].1
                // A sentence that begins with its opening mark begins with the word after it.
                if markRanges[mi].2 == 1, let starts = sentenceStarts {
                    while si < starts.count, starts[si] < i { si += 1 }
                    if si < starts.count, starts[si] == i { quoteOpensSentence = true }
                }
                out.append(LightWord(start: i, end: e, hash: 0, kind: .quote, capitalized: false, byte: markRanges[mi].2,
                                     possessive: false, sentenceStart: false, cls: []))
                i = e
                mi += 1
                continue
            }
            let c = b[i]
            if c == 0x0A {
                if out.last?.kind != .newline {
                    out.append(LightWord(start: i, end: i + 1, hash: 0, kind: .newline, capitalized: false, byte: c,
                                         possessive: false, sentenceStart: false, cls: []))
                }
                newSentence = true
                i += 1
                continue
            }
            if isSpace(c) || (c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0) { i += c == 0xC2 ? 2 : 1; continue }
            if isWordByte(c) && !(c == 0xE2) {
                let start = i
                var hasLower = false
                i += 1
                while i < n {
                    let d = b[i]
                    if isWordByte(d) && d != 0xE2 { if d >= 0x61 && d <= 0x7A { hasLower = true }; i += 1; continue }
                    if d >= 0x80 && d < 0xC0 { i += 1; continue }  // continuation bytes
                    // inner apostrophe, hyphen, period, ampersand between word bytes
                    if (d == 0x27 || d == 0x2D || d == 0x2E || d == 0x26), i + 1 < n, isWordByte(b[i + 1]), b[i + 1] != 0xE2 {
                        if d == 0x27, i + 2 < n, b[i + 1] == 0x27 { break }
                        i += 2; continue
                    }
                    if d == 0xE2, i + 3 < n, b[i + 1] == 0x80, b[i + 2] == 0x99, isWordByte(b[i + 3]), b[i + 3] != 0xE2 {
                        i += 4; continue
                    }
                    break
                }
                _ = hasLower
                var end = i
                var h = QuoteLexicon.hash(b, start, end)
                // Abbreviation periods and initials.
                if end < n, b[end] == 0x2E {
                    let hd = (h ^ 0x2E) &* 0x100_0000_01b3
                    let single = end - start == 1 && b[start] >= 0x41 && b[start] <= 0x5A
                    // "U.S.", "a.m.", "Ph.D.": every segment at most two letters
                    let dotted = { () -> Bool in
                        var k = start, seg = 0, dots = 0
                        while k < end {
                            if b[k] == 0x2E { dots += 1; seg = 0 } else { seg += 1; if seg > 2 { return false } }
                            k += 1
                        }
                        return dots > 0
                    }()
                    if single || dotted || QuoteLexicon.lookup(hd).contains(.abbreviation) {
                        end += 1; h = hd; i = end
                    }
                }
                // Possessive: ’s / 's at the end, or s' / s’ followed by a space.
                var possessive = false
                if end - start > 2 {
                    if b[end - 2] == 0x27 && (b[end - 1] | 0x20) == 0x73 { possessive = true }
                    else if end - start > 4, b[end - 4] == 0xE2, b[end - 3] == 0x80, b[end - 2] == 0x99, (b[end - 1] | 0x20) == 0x73 { possessive = true }
                }
                let cap = b[start] >= 0x41 && b[start] <= 0x5A
                var sentStart = newSentence
                if let starts = sentenceStarts {
                    while si < starts.count, starts[si] < start { si += 1 }
                    sentStart = si < starts.count && starts[si] == start || quoteOpensSentence
                }
                quoteOpensSentence = false
                var cls = QuoteLexicon.lookup(h)
                if possessive { cls = [] }
                out.append(LightWord(start: start, end: end, hash: h, kind: .word, capitalized: cap, byte: b[start],
                                     possessive: possessive, sentenceStart: sentStart, cls: cls))
                newSentence = false
                continue
            }
            // punctuation (one byte, or a multi-byte dash/ellipsis)
            var len = 1
            if c >= 0xC0 { len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2 }
            len = min(len, n - i)
            out.append(LightWord(start: i, end: i + len, hash: UInt64(c), kind: .punct, capitalized: false,
                                 byte: c == 0xE2 && len == 3 ? (b[i + 2] == 0xA6 ? 0x2E : 0x2D) : c,
                                 possessive: false, sentenceStart: false, cls: []))
            if c == 0x2E || c == 0x21 || c == 0x3F {
                // Terminal punctuation: a new sentence begins when what follows (after closing marks)
                // is a space and then an upper-case letter, a digit or an opening mark.
                var j = i + 1
                while j < n, b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x29 || (b[j] == 0xE2 && j + 2 < n && (b[j + 2] == 0x9D || b[j + 2] == 0x99)) {
                    j += b[j] == 0xE2 ? 3 : 1
                }
                if j >= n { newSentence = true }
                else if isSpace(b[j]) || b[j] == 0xC2 {
                    var k = j
                    while k < n, isSpace(b[k]) || b[k] == 0xC2 || b[k] == 0xA0 { k += 1 }
                    if k < n, (b[k] >= 0x41 && b[k] <= 0x5A) || isDigit(b[k]) || b[k] == 0x22 || b[k] == 0xE2 || b[k] == 0x27 {
                        newSentence = true
                    }
                }
            }
            i += len
        }
        return out
    }
}
