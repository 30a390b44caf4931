/// A token as the scanner finds it, before sentence splitting: byte offsets, kind and the whitespace
/// that precedes it.
struct RawToken {
    enum Kind: UInt8 {
        case word          // letters, digits, internal hyphens/apostrophes/periods
        case abbreviation  // a word carrying its final period: "U.S.", "Inc.", "J.", "a.m."
        case terminal      // . ! ? and their runs ("?!", "..."), …
        case openQuote     // “ ‘ « and straight quotes that open
        case closeQuote    // ” and straight quotes/apostrophes that may close
        case openBracket   // ( [ {
        case closeBracket  // ) ] }
        case clitic        // 's n't 'm 're 've 'll 'd and fused parts ("na" in "gonna")
        case link          // URL or e-mail address
        case emoticon      // :) :-) ;) :( :D :P
        case other         // any other punctuation or symbol
    }

    /// Whitespace before the token.
    enum Gap: UInt8 { case none, space, newline, blankLine }

    var start: Int
    var end: Int
    var kind: Kind
    var gap: Gap
    var abbreviation: AbbreviationKind?
}

/// Splits UTF-8 bytes into raw tokens in one left-to-right pass.
struct TokenScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let n: Int
    var tokens: [RawToken] = []
    private var pendingGap: RawToken.Gap = .blankLine

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.n = bytes.count
        tokens.reserveCapacity(bytes.count / 5 + 4)
    }

    private let table = ByteClass.pointer
    @inline(__always) private func cls(_ i: Int) -> UInt8 { table[Int(bytes[i])] }
    @inline(__always) private func isClass(_ i: Int, _ mask: UInt8) -> Bool { i < n && cls(i) & mask != 0 }
    @inline(__always) private func byte(_ i: Int) -> UInt8 { i < n ? bytes[i] : 0 }

    /// True when position i starts a letter, digit or a multi-byte scalar that belongs to words.
    @inline(__always) private func isWordChar(_ i: Int) -> Bool {
        guard i < n else { return false }
        let c = cls(i)
        if c & ByteClass.alnum != 0 { return true }
        if c & ByteClass.high != 0 { return bytes.special(at: i).0 == .none }
        return false
    }

    @inline(__always) private func isLetterAt(_ i: Int) -> Bool {
        guard i < n else { return false }
        let c = cls(i)
        if c & ByteClass.letter != 0 { return true }
        if c & ByteClass.high != 0 { return bytes.special(at: i).0 == .none }
        return false
    }

    /// An apostrophe (' or ’) at i: its length, else 0.
    @inline(__always) private func apostropheLength(_ i: Int) -> Int {
        guard i < n else { return 0 }
        if bytes[i] == 0x27 { return 1 }
        if bytes[i] == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 { return 3 }
        return 0
    }

    /// True when nothing word-like follows position i (end, space, punctuation).
    @inline(__always) private func wordBoundary(_ i: Int) -> Bool { !isWordChar(i) }

    private mutating func emit(_ start: Int, _ end: Int, _ kind: RawToken.Kind, abbreviation: AbbreviationKind? = nil) {
        tokens.append(RawToken(start: start, end: end, kind: kind, gap: pendingGap, abbreviation: abbreviation))
        pendingGap = .none
    }

    mutating func scan() {
        var i = 0
        var newlines = 0
        while i < n {
            let c = cls(i)
            // Whitespace.
            if c & ByteClass.space != 0 {
                i += 1
                continue
            }
            if c & ByteClass.newline != 0 {
                newlines += 1
                i += 1
                continue
            }
            var special = Special.none
            var specialLength = 1
            if c & ByteClass.high != 0 {
                (special, specialLength) = bytes.special(at: i)
                if special == .space { i += specialLength; continue }
                if special == .newline { newlines += 1; i += specialLength; continue }
            }
            // A token starts here: settle the gap before it.
            if i > 0 || newlines > 0 {
                let prevEnd = tokens.last?.end ?? 0
                if newlines >= 2 { pendingGap = .blankLine }
                else if newlines == 1 { pendingGap = tokens.isEmpty ? .blankLine : .newline }
                else if tokens.isEmpty { pendingGap = .blankLine }
                else { pendingGap = prevEnd < i ? .space : .none }
            }
            newlines = 0

            if c & ByteClass.alnum != 0 || (c & ByteClass.high != 0 && special == .none) {
                i = scanWord(from: i)
                continue
            }
            if c & ByteClass.high != 0 {
                i = scanSpecial(special, at: i, length: specialLength)
                continue
            }
            i = scanPunct(at: i)
        }
    }

    // MARK: punctuation

    private mutating func scanSpecial(_ special: Special, at i: Int, length: Int) -> Int {
        switch special {
        case .apostrophe:
            if let end = cliticEnd(at: i, apostrophe: length) { emit(i, end, .clitic); return end }
            if let end = elidedYearEnd(at: i, apostrophe: length) { emit(i, end, .word); return end }
            // ’ closes a quote after a word or punctuation with no space; otherwise it opens one.
            emit(i, i + length, pendingGap == .none ? .closeQuote : .openQuote)
            return i + length
        case .openQuote:
            // ‘ used as an opening quote; “ always opens.
            emit(i, i + length, .openQuote)
            return i + length
        case .closeQuote:
            emit(i, i + length, .closeQuote)
            return i + length
        case .ellipsis:
            var j = i + length
            while j + 2 < n, bytes[j] == 0xE2, bytes[j + 1] == 0x80, bytes[j + 2] == 0xA6 { j += 3 }
            emit(i, j, .terminal)
            return j
        case .dash:
            // A run of the same dash is one token.
            var j = i + length
            while j + length <= n, bytes[j] == bytes[i], bytes[j + 1] == bytes[i + 1], bytes[j + 2] == bytes[i + 2] { j += length }
            emit(i, j, .other)
            return j
        default:
            emit(i, i + length, .other)
            return i + length
        }
    }

    /// A clitic ('s 'm 'd 're 've 'll, straight or curly apostrophe) starting at i right after a word.
    private func cliticEnd(at i: Int, apostrophe: Int) -> Int? {
        guard pendingGap == .none, let last = tokens.last, last.end == i,
              last.kind == .word || last.kind == .abbreviation || last.kind == .clitic && bytes[last.start] | 0x20 == 0x6E
        else { return nil }
        let j = i + apostrophe
        guard j < n else { return nil }
        let a = bytes[j] | 0x20
        if a == 0x73 || a == 0x6D || a == 0x64 {            // s m d
            return wordBoundary(j + 1) ? j + 1 : nil
        }
        if j + 1 < n {
            let b = bytes[j + 1] | 0x20
            if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) {  // re ve ll
                return wordBoundary(j + 2) ? j + 2 : nil
            }
        }
        return nil
    }

    /// "'67", "’90s": an apostrophe opening a two-digit year.
    private func elidedYearEnd(at i: Int, apostrophe: Int) -> Int? {
        let j = i + apostrophe
        guard pendingGap != .none, isClass(j, ByteClass.digit), isClass(j + 1, ByteClass.digit), !isClass(j + 2, ByteClass.digit)
        else { return nil }
        if j + 2 < n, bytes[j + 2] == 0x73, !isWordChar(j + 3) { return j + 3 }
        return isWordChar(j + 2) ? nil : j + 2
    }

    private mutating func scanPunct(at i: Int) -> Int {
        let b = bytes[i]
        switch b {
        case 0x2E, 0x21, 0x3F:  // . ! ?
            // ".5" opens a number.
            if b == 0x2E, isClass(i + 1, ByteClass.digit), pendingGap != .none || tokens.last?.kind != .word {
                return scanWord(from: i)
            }
            var j = i + 1
            while j < n, bytes[j] == 0x2E || bytes[j] == 0x21 || bytes[j] == 0x3F { j += 1 }
            emit(i, j, .terminal)
            return j
        case 0x27:  // '
            if let end = cliticEnd(at: i, apostrophe: 1) { emit(i, end, .clitic); return end }
            if let end = elidedYearEnd(at: i, apostrophe: 1) { emit(i, end, .word); return end }
            if i + 1 < n, bytes[i + 1] == 0x27 {            // '' as a closing double quote
                emit(i, i + 2, .closeQuote)
                return i + 2
            }
            emit(i, i + 1, pendingGap == .none && !(tokens.last?.kind == .openQuote || tokens.last?.kind == .openBracket)
                 ? .closeQuote : .openQuote)
            return i + 1
        case 0x22:  // "
            let opens = pendingGap != .none || tokens.last?.kind == .openBracket || tokens.last?.kind == .openQuote
            emit(i, i + 1, opens ? .openQuote : .closeQuote)
            return i + 1
        case 0x60:  // ` and ``
            let j = i + 1 < n && bytes[i + 1] == 0x60 ? i + 2 : i + 1
            emit(i, j, .openQuote)
            return j
        case 0x28, 0x5B, 0x7B:
            emit(i, i + 1, .openBracket)
            return i + 1
        case 0x29, 0x5D, 0x7D:
            emit(i, i + 1, .closeBracket)
            return i + 1
        case 0x3A, 0x3B:  // : ;  — emoticons ":)", ":-)", ";)", ":("
            var j = i + 1
            if j < n, bytes[j] == 0x2D { j += 1 }
            if j < n, bytes[j] == 0x29 || bytes[j] == 0x28 || bytes[j] == 0x44 || bytes[j] == 0x50,
               j + 1 >= n || cls(j + 1) & (ByteClass.space | ByteClass.newline) != 0 {
                emit(i, j + 1, .emoticon)
                return j + 1
            }
            emit(i, i + 1, .other)
            return i + 1
        case 0x2D, 0x2A, 0x3D, 0x2B, 0x3C, 0x3E, 0x7E, 0x5F, 0x23:  // - * = + < > ~ _ #: runs are one token
            var j = i + 1
            while j < n, bytes[j] == b { j += 1 }
            emit(i, j, .other)
            return j
        default:
            emit(i, i + 1, .other)
            return i + 1
        }
    }

    // MARK: words

    /// Scans a word (or number, abbreviation, URL, e-mail) starting at `w`; emits it and any clitic split
    /// off it, and returns the position after it.
    private mutating func scanWord(from w: Int) -> Int {
        // Links first: scheme://…, www.…
        if let end = linkEnd(from: w) {
            emit(w, end, .link)
            return end
        }
        var j = w
        var segStart = w          // start of the current segment (after the last internal . or -)
        var segDigits = true      // current segment has only digits so far
        var internalDots = false  // letter.letter pattern (U.S, e.g, a.m)
        var longSegmentDot = false
        var phone = false
        while j < n {
            let c = cls(j)
            if c & ByteClass.alnum != 0 {
                if c & ByteClass.digit == 0 { segDigits = false }
                j += 1
                continue
            }
            if c & ByteClass.high != 0 {
                let (sp, len) = bytes.special(at: j)
                if sp == .none { segDigits = false; j += len; continue }
                if sp == .apostrophe, let split = apostropheInWord(w: w, at: j, length: len) {
                    if split.cont { j += len; segDigits = false; continue }
                    return finishWord(w, split.end)
                }
                break
            }
            let b = bytes[j]
            let nextWord = isWordChar(j + 1)
            if !nextWord {
                // '@' before a non-word? nothing; a trailing connector never joins.
                break
            }
            let nextDigit = isClass(j + 1, ByteClass.digit)
            switch b {
            case 0x2E:  // .
                if segDigits && nextDigit && j > segStart { j += 1; segStart = j; continue }     // 3.5, 1.2.3
                let segLen = j - segStart
                let nextUpper = isClass(j + 1, ByteClass.upper)
                if segLen == 1 && !segDigits {
                    if !isLetterAt(j + 2) || internalDots {                       // U.S, e.g, a.m
                        internalDots = true
                        j += 1; segStart = j; segDigits = true; continue
                    }
                    if j - w == 1 && nextUpper && !hasAt(from: j) {               // "J.Aron": an initial
                        emit(w, j + 1, .abbreviation, abbreviation: .title)
                        return j + 1
                    }
                }
                if nextUpper && !internalDots && !longSegmentDot && !hasAt(from: j) {
                    // "deal.It": split unless the left side is a known abbreviation.
                    if let key = WordKey(bytes, w, j), let kind = TokenizerLexicon.abbreviations[key] {
                        emit(w, j + 1, .abbreviation, abbreviation: kind)                 // "Gen.Smith"
                        return j + 1
                    }
                    return finishWord(w, j)
                }
                longSegmentDot = true                                             // example.com, No.5
                j += 1; segStart = j; segDigits = true; continue
            case 0x2C:  // , thousands
                if segDigits && j > segStart, isClass(j + 1, ByteClass.digit), isClass(j + 2, ByteClass.digit),
                   isClass(j + 3, ByteClass.digit), !isClass(j + 4, ByteClass.alnum) {
                    j += 1; continue
                }
                break
            case 0x3A:  // : in times 21:48:07
                if segDigits && nextDigit && j > segStart { j += 1; segStart = j; continue }
                break
            case 0x2F:  // / in dates and fractions 11/12/2025, 9/11, and letter pairs b/c, w/o, N/A, L/C
                if segDigits && nextDigit && j > segStart { j += 1; segStart = j; continue }
                if j - w == 1, isClass(w, ByteClass.letter), isClass(j + 1, ByteClass.letter), !isWordChar(j + 2) {
                    j += 1; segStart = j; segDigits = false; continue
                }
                break
            case 0x2D:  // -
                if segDigits && nextDigit && j > segStart {
                    var k = j + 1
                    while k < n, cls(k) & ByteClass.digit != 0 { k += 1 }
                    let left = j - segStart, right = k - j - 1
                    // Phone numbers and ZIP+4 stay whole (713-853-3989, 345-9945, 77002-3700); ranges split (5-10, 1969-1970).
                    if phone || (left == 3 && right >= 3) || (right == 4 && left != 4 && left >= 1)
                        || (left == 1 && right == 3 && bytes[segStart] == 0x31) {
                        phone = true
                        j += 1; segStart = j; continue
                    }
                    break
                }
                if !segDigits, let key = WordKey(bytes, segStart, j), TokenizerLexicon.hyphenPrefixes.contains(key) {
                    j += 1; segStart = j; segDigits = true; continue
                }
                break
            case 0x27:  // '
                if let split = apostropheInWord(w: w, at: j, length: 1) {
                    if split.cont { j += 1; segDigits = false; continue }
                    return finishWord(w, split.end)
                }
                break
            case 0x26:  // & in AT&T, S&P, Q&A
                if isClass(j - 1, ByteClass.upper) && isClass(j + 1, ByteClass.upper) { j += 1; continue }
                break
            case 0x40:  // @: e-mail address
                if let end = emailEnd(from: w, at: j) { emit(w, end, .link); return end }
                break
            case 0x5F:  // _ inside identifiers
                j += 1; continue
            default:
                break
            }
            break
        }
        // A period right after the word: part of it (abbreviation) or a separate token.
        // ("Inc.." is "Inc." and a full stop; "Inc..." is "Inc" and an ellipsis.)
        if j < n, bytes[j] == 0x2E, !(j + 1 < n && bytes[j + 1] == 0x2E && j + 2 < n && bytes[j + 2] == 0x2E) {
            if internalDots {
                let kind = WordKey(bytes, w, j).flatMap { TokenizerLexicon.abbreviations[$0] } ?? .terminal
                emit(w, j + 1, .abbreviation, abbreviation: kind)
                return j + 1
            }
            if j - w == 1 && isClass(w, ByteClass.upper) && bytes[w] != 0x49 && !openerFollows(j + 1) {
                emit(w, j + 1, .abbreviation, abbreviation: .title)             // an initial: "J."
                return j + 1
            }
            if let key = WordKey(bytes, w, j), let kind = TokenizerLexicon.abbreviations[key] {
                if kind != .ambiguous || ambiguousAbbreviationFollows(j + 1) {
                    emit(w, j + 1, .abbreviation, abbreviation: kind)
                    return j + 1
                }
            }
        }
        return finishWord(w, j)
    }

    /// After "No." or "Sat.": is the next thing a number or a comma?
    private func ambiguousAbbreviationFollows(_ i: Int) -> Bool {
        var k = i
        while k < n, bytes[k] == 0x20 { k += 1 }
        guard k < n else { return false }
        return cls(k) & ByteClass.digit != 0 || bytes[k] == 0x2C
    }

    /// Does a capitalised sentence opener ("The", "He", "In" …) follow after spaces? Then a single capital
    /// before the period is a word ending a sentence ("on platform X. He added"), not an initial.
    private func openerFollows(_ i: Int) -> Bool {
        var k = i
        while k < n, bytes[k] == 0x20 { k += 1 }
        guard isClass(k, ByteClass.upper) else { return false }
        var e = k + 1
        while e < n, e - k <= 16, cls(e) & ByteClass.letter != 0 { e += 1 }
        guard let key = WordKey(bytes, k, e) else { return false }
        return TokenizerLexicon.sentenceOpeners.contains(key)
    }

    /// Is there an '@' shortly before the next whitespace (an e-mail address such as "Jane.Doe@example.com")?
    private func hasAt(from i: Int) -> Bool {
        var k = i
        let limit = Swift.min(n, i + 64)
        while k < limit, cls(k) & (ByteClass.space | ByteClass.newline) == 0 {
            if bytes[k] == 0x40 { return true }
            k += 1
        }
        return false
    }

    /// An apostrophe inside a word at j: nil = the word ends before it; cont = it stays inside
    /// (O'Brien); end = the word ends at `end` and a clitic follows ("do|n't", "Iran|'s").
    private func apostropheInWord(w: Int, at j: Int, length: Int) -> (cont: Bool, end: Int)? {
        let k = j + length
        guard isLetterAt(k) else { return nil }
        let a = bytes[k] | 0x20
        // n't
        if a == 0x74, wordBoundary(k + 1), j - 1 > w, bytes[j - 1] | 0x20 == 0x6E {
            return (false, j - 1)
        }
        if a == 0x73 && wordBoundary(k + 1) && cls(j - 1) & ByteClass.digit != 0 { return (true, 0) }   // "80's"
        if (a == 0x73 || a == 0x6D || a == 0x64) && wordBoundary(k + 1) { return (false, j) }
        if k + 1 < n {
            let b = bytes[k + 1] | 0x20
            if ((a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C)) && wordBoundary(k + 2) {
                return (false, j)
            }
        }
        return (true, 0)
    }

    /// Emits the word w..<end, splitting "n't" and fused contractions ("cannot", "gonna") and am/pm
    /// after a time ("5pm" → "5" "pm").
    private mutating func finishWord(_ w: Int, _ end: Int) -> Int {
        // n't directly after the word (the apostrophe check stopped at the n).
        var tail = end
        if end < n, bytes[end] | 0x20 == 0x6E {
            let a = apostropheLength(end + 1)
            if a > 0, end + 1 + a < n, bytes[end + 1 + a] | 0x20 == 0x74, wordBoundary(end + 2 + a) {
                tail = end + 2 + a
            }
        }
        let len = end - w
        let lastByte = bytes[end - 1] | 0x20
        if len >= 2 && len <= 8, lastByte == 0x74 || lastByte == 0x61 || lastByte == 0x6D || lastByte == 0x65 || lastByte == 0x73,
           let key = WordKey(bytes, w, end), let split = TokenizerLexicon.fusedContractions[key] {
            emit(w, w + split, .word)
            emit(w + split, end, .clitic)
        } else if len >= 3, bytes[end - 1] | 0x20 == 0x6D, bytes[end - 2] | 0x20 == 0x61 || bytes[end - 2] | 0x20 == 0x70,
                  isClass(end - 3, ByteClass.digit) {
            emit(w, end - 2, .word)
            emit(end - 2, end, .word)
        } else {
            emit(w, end, .word)
        }
        if tail > end {
            emit(end, tail, .clitic)
        }
        return tail
    }

    // MARK: links

    /// "http://…", "https://…", "ftp://…", "www.…": the link's end, without trailing punctuation.
    private func linkEnd(from w: Int) -> Int? {
        let first = bytes[w] | 0x20
        guard first == 0x68 || first == 0x77 || first == 0x66 || first == 0x6D else { return nil }   // h w f m
        var k = w
        while k < n, cls(k) & ByteClass.letter != 0, k - w < 6 { k += 1 }
        let isScheme = k + 2 < n && bytes[k] == 0x3A && bytes[k + 1] == 0x2F && bytes[k + 2] == 0x2F && k > w
        let isWWW = k - w == 3 && k < n && bytes[k] == 0x2E && bytes[w] | 0x20 == 0x77 && bytes[w + 1] | 0x20 == 0x77
            && bytes[w + 2] | 0x20 == 0x77 && isWordChar(k + 1)
        let isMailto = k - w == 6 && k + 1 < n && bytes[k] == 0x3A && bytes[w] | 0x20 == 0x6D && bytes[w + 1] | 0x20 == 0x61
            && bytes[w + 4] | 0x20 == 0x74 && bytes[w + 5] | 0x20 == 0x6F && isWordChar(k + 1)
        guard isScheme || isWWW || isMailto else { return nil }
        return trimLinkEnd(w, chunkEnd(from: k))
    }

    /// "name@host.tld" (or "Name@HOST" in mail headers): the address's end.
    private func emailEnd(from w: Int, at: Int) -> Int? {
        let end = trimLinkEnd(w, chunkEnd(from: at))
        return end > at + 1 ? end : nil
    }

    /// Next whitespace (or a character that cannot be in a link: quotes, angle brackets).
    private func chunkEnd(from i: Int) -> Int {
        var k = i
        while k < n {
            let c = cls(k)
            if c & (ByteClass.space | ByteClass.newline) != 0 { break }
            let b = bytes[k]
            if b == 0x22 || b == 0x3C || b == 0x3E { break }
            if c & ByteClass.high != 0 {
                let (sp, len) = bytes.special(at: k)
                if sp != .none { break }
                k += len
                continue
            }
            k += 1
        }
        return k
    }

    /// Drops trailing sentence punctuation and unbalanced closing brackets from a link.
    private func trimLinkEnd(_ w: Int, _ e: Int) -> Int {
        var end = e
        var open = 0, close = 0
        for k in w..<end {
            if bytes[k] == 0x28 || bytes[k] == 0x5B { open += 1 } else if bytes[k] == 0x29 || bytes[k] == 0x5D { close += 1 }
        }
        while end > w + 1 {
            let b = bytes[end - 1]
            if b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x27 {
                end -= 1
                continue
            }
            if b == 0x29 || b == 0x5D, close > open {
                close -= 1
                end -= 1
                continue
            }
            break
        }
        return end
    }
}
