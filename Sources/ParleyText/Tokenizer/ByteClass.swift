/// Byte classes and the handful of multi-byte characters the tokenizer must recognise.
///
/// The scanner looks at one UTF-8 byte at a time. ASCII bytes are classified by a 256-entry table;
/// a byte ≥ 0x80 starts a multi-byte scalar, which is either one of the known punctuation or space
/// characters below (curly quotes, dashes, ellipsis, no-break space …) or is treated as part of a word.
enum ByteClass {
    static let space: UInt8 = 1
    static let newline: UInt8 = 2
    static let upper: UInt8 = 4
    static let lower: UInt8 = 8
    static let digit: UInt8 = 16
    static let high: UInt8 = 32   // ≥ 0x80: lead or continuation byte of a multi-byte scalar
    static let punct: UInt8 = 64  // any other ASCII byte

    static let letter: UInt8 = upper | lower
    static let alnum: UInt8 = upper | lower | digit
    static let wordy: UInt8 = upper | lower | digit | high

    /// The table as a pointer that lives for the whole process (read-only).
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        p.initialize(from: table, count: 256)
        return UnsafePointer(p)
    }()

    static let table: [UInt8] = {
        var t = [UInt8](repeating: punct, count: 256)
        for b in 0x41...0x5A { t[b] = upper }
        for b in 0x61...0x7A { t[b] = lower }
        for b in 0x30...0x39 { t[b] = digit }
        for b in 0x80...0xFF { t[b] = high }
        for b in [0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x00] { t[b] = space }
        t[0x0A] = newline
        return t
    }()
}

/// What a multi-byte scalar is, for the scanner.
enum Special: UInt8 {
    case none          // part of a word (letters of any script, marks, symbols we do not split on)
    case space
    case newline
    case apostrophe    // ’ (also the right single quote)
    case openQuote     // “ ‘ « ‹ „ ‚
    case closeQuote    // ” » ›
    case dash          // ‐ ‑ ‒ – — ― −
    case ellipsis      // …
    case punct         // other punctuation and symbols: • € £ ¥ ° § © ® ™ ¡ ¿ · ′ ″ × ÷
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Classifies the multi-byte scalar starting at `i` (bytes[i] ≥ 0x80); returns its kind and length.
    @inline(__always)
    func special(at i: Int) -> (Special, Int) {
        let n = count
        let b0 = self[i]
        if b0 == 0xC2, i + 1 < n {
            switch self[i + 1] {
            case 0xA0: return (.space, 2)
            case 0xAB: return (.openQuote, 2)
            case 0xBB: return (.closeQuote, 2)
            case 0xA1, 0xA2, 0xA3, 0xA5, 0xA7, 0xA9, 0xAE, 0xB0, 0xB6, 0xB7, 0xBF: return (.punct, 2)
            case 0x85: return (.newline, 2)
            default: return (.none, 2)
            }
        }
        if b0 == 0xC3, i + 1 < n, self[i + 1] == 0x97 || self[i + 1] == 0xB7 { return (.punct, 2) }
        if b0 == 0xE2, i + 2 < n {
            let b1 = self[i + 1], b2 = self[i + 2]
            if b1 == 0x80 {
                switch b2 {
                case 0x80...0x8B, 0xAF: return (.space, 3)
                case 0xA8, 0xA9: return (.newline, 3)
                case 0x90...0x95: return (.dash, 3)
                case 0x98, 0x9A, 0x9B, 0x9C, 0x9E, 0x9F, 0xB9: return (.openQuote, 3)
                case 0x99: return (.apostrophe, 3)
                case 0x9D, 0xBA: return (.closeQuote, 3)
                case 0xA6: return (.ellipsis, 3)
                case 0xA0, 0xA1, 0xA2, 0xA3, 0xA7, 0xB0, 0xB2, 0xB3, 0xBB: return (.punct, 3)
                case 0x8C, 0x8D, 0x8E, 0x8F: return (.none, 3)  // joiners and direction marks stay in words
                default: return (.punct, 3)
                }
            }
            if b1 == 0x81, b2 == 0x9F || b2 == 0xA0 { return (.space, 3) }
            if b1 == 0x82 { return (.punct, 3) }                   // currency signs ₠–₿ (€ is E2 82 AC)
            if b1 == 0x84, b2 == 0xA2 { return (.punct, 3) }       // ™
            if b1 == 0x88, b2 == 0x92 { return (.dash, 3) }        // − minus sign
            if b1 >= 0x86 && b1 <= 0x9F { return (.punct, 3) }     // arrows, maths, boxes, shapes, dingbats
            return (.none, 3)
        }
        if b0 == 0xE3, i + 2 < n, self[i + 1] == 0x80, self[i + 2] == 0x80 { return (.space, 3) }
        if b0 == 0xEF, i + 2 < n, self[i + 1] == 0xBB, self[i + 2] == 0xBF { return (.space, 3) }  // BOM
        return (.none, scalarLength(b0, at: i))
    }

    /// Length of the scalar whose lead byte is `b0`, clamped to the buffer (1 for stray continuation bytes).
    @inline(__always)
    func scalarLength(_ b0: UInt8, at i: Int) -> Int {
        let len: Int
        if b0 < 0xC0 { len = 1 } else if b0 < 0xE0 { len = 2 } else if b0 < 0xF0 { len = 3 } else { len = 4 }
        return Swift.min(len, count - i)
    }
}
