/// The word scanner the actor dictionary and recogniser share.
///
/// Actor phrases are matched over *words* read straight from the text's bytes, not over the
/// tokenizer's tokens, so the result does not depend on how a tokenizer splits "U.S." or
/// "al-Qaida" or "Iran's": dictionary phrases and text pass through the same scanner.
///
/// - A word is a run of letters and digits (ASCII, or any non-ASCII byte other than the
///   typographic punctuation U+2000–U+206F and the no-break space).
/// - A dot joins an initialism ("U.S.", "U.N.", "D.C.") and is dropped from the key.
/// - Hyphens, apostrophes and other punctuation separate words; the gap before each word is
///   remembered so that matches do not run across commas or full stops.
/// - "'s" after a word becomes a possessive marker word.
/// - The key is a 64-bit FNV-1a hash of the lower-cased, accent-folded letters.
struct ActorWord: Sendable {
    var start: Int32
    var end: Int32
    var hash: UInt64
    /// Shape bits: see `ActorWord.firstUpper` etc.
    var shape: UInt8
    /// What separates this word from the previous one.
    var gap: Gap
    /// Recogniser word classes (see `ActorRecognizer.WordClass`), filled after scanning.
    var flags: UInt16 = 0
    /// The dictionary's id for the word, or `UInt32.max` when no phrase uses it.
    var id: UInt32 = .max

    enum Gap: UInt8, Sendable {
        /// Start of the scanned range.
        case start
        /// Only white space.
        case space
        /// A hyphen, apostrophe, slash or ampersand (with or without spaces): "al-Sudani".
        case joiner
        /// A comma.
        case comma
        /// Any other punctuation: full stop, colon, brackets, quotes.
        case hard
    }

    static let firstUpper: UInt8 = 1
    static let allUpper: UInt8 = 2
    static let hasLetter: UInt8 = 4
    static let possessive: UInt8 = 8
    static let digit: UInt8 = 16
    /// No white space between this word and the previous one (attached by a joiner).
    static let attached: UInt8 = 32

    var isFirstUpper: Bool { shape & ActorWord.firstUpper != 0 }
    var isAllUpper: Bool { shape & ActorWord.allUpper != 0 }
    var isPossessive: Bool { shape & ActorWord.possessive != 0 }
}

enum ActorScan {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    /// Hash of the possessive marker word.
    static let possessiveHash: UInt64 = {
        var h = fnvOffset
        h = (h ^ UInt64(UInt8(ascii: "'"))) &* fnvPrime
        h = (h ^ UInt64(UInt8(ascii: "s"))) &* fnvPrime
        return h
    }()

    /// Combines word hashes into a phrase hash (order-sensitive).
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a ^ (b &+ 0x9e37_79b9_7f4a_7c15 &+ (a << 6) &+ (a >> 2))) &* fnvPrime
    }

    /// Latin-1 supplement letters (second byte of a C3 sequence) folded to ASCII lower case; 0 when not a letter.
    static let latin1Fold: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 64)
        let upper = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"   // C3 80 ... C3 9F
        let lower = "aaaaaaaceeeeiiiidnooooo/ouuuuyty"   // C3 A0 ... C3 BF
        for (i, c) in upper.utf8.enumerated() where c != UInt8(ascii: "*") { t[i] = c }
        for (i, c) in lower.utf8.enumerated() where c != UInt8(ascii: "/") { t[32 + i] = c }
        return t
    }()

    /// Latin Extended-A (U+0100–U+017F, C4 80 … C5 BF) folded to ASCII, and which are capitals.
    static let latinAFold: [UInt8] = Array("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs".utf8)
    static let latinAUpper: [Bool] = "UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUllUlUlUlUlUlUlUlUllUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUUlUlUll".utf8.map { $0 == UInt8(ascii: "U") }

    @inline(__always)
    static func isASCIIAlnum(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }

    /// Scans `bytes[range]` into words (appending to `out`).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from lo: Int, to hi: Int, into out: inout [ActorWord]) {
        var i = lo
        var gap = ActorWord.Gap.start
        var sawSpace = false
        while i < hi {
            let c = bytes[i]
            // typographic punctuation E2 80 xx / E2 81 xx and no-break space C2 A0
            if c == 0xE2, i + 2 < hi, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                let d = bytes[i + 2]
                if d == 0x99 || d == 0x98 {          // ’ ‘ : apostrophe
                    if handleApostrophe(bytes, at: i, width: 3, hi: hi, out: &out, gap: &gap) { i += 4; continue }
                    if gap.rawValue < ActorWord.Gap.joiner.rawValue { gap = .joiner }
                } else if d == 0x90 || d == 0x91 || d == 0x93 {   // hyphens and en dash join
                    if gap.rawValue < ActorWord.Gap.joiner.rawValue { gap = .joiner }
                } else if d == 0xAF || d == 0x89 || d == 0x8A || d == 0x8B || d == 0x80 {
                    sawSpace = true                   // narrow/thin spaces
                } else {
                    gap = .hard                       // quotes, em dash, ellipsis
                }
                i += 3
                continue
            }
            if c == 0xC2, i + 1 < hi, bytes[i + 1] == 0xA0 { sawSpace = true; i += 2; continue }
            if c >= 0x80 || isASCIIAlnum(c) {
                i = word(bytes, at: i, hi: hi, gap: gap, spaced: sawSpace, out: &out)
                gap = .space
                sawSpace = false
                continue
            }
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                sawSpace = true
            case UInt8(ascii: "'"):
                if handleApostrophe(bytes, at: i, width: 1, hi: hi, out: &out, gap: &gap) { i += 2; continue }
                if gap.rawValue < ActorWord.Gap.joiner.rawValue { gap = .joiner }
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "&"):
                if gap.rawValue < ActorWord.Gap.joiner.rawValue { gap = .joiner }
            case UInt8(ascii: ","):
                if gap.rawValue < ActorWord.Gap.comma.rawValue { gap = .comma }
            default:
                gap = .hard
            }
            i += 1
        }
    }

    /// "'s" right after a word (and before a non-letter) becomes a possessive marker word.
    @inline(__always)
    private static func handleApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, width: Int, hi: Int,
                                         out: inout [ActorWord], gap: inout ActorWord.Gap) -> Bool {
        guard gap == .space, let last = out.last, Int(last.end) == i, i + width < hi else { return false }
        let s = bytes[i + width]
        guard s == UInt8(ascii: "s") || s == UInt8(ascii: "S") else { return false }
        if i + width + 1 < hi, isASCIIAlnum(bytes[i + width + 1]) || bytes[i + width + 1] >= 0x80 { return false }
        out.append(ActorWord(start: Int32(i), end: Int32(i + width + 1), hash: possessiveHash,
                             shape: ActorWord.possessive | ActorWord.attached, gap: .joiner))
        gap = .space
        return true
    }

    /// Reads one word starting at `i`; returns the index after it.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, hi: Int, gap: ActorWord.Gap,
                             spaced: Bool, out: inout [ActorWord]) -> Int {
        var h = fnvOffset
        var i = start
        var letters = 0
        var lowers = 0
        var first: UInt8 = 0   // 1 upper, 2 lower, 3 digit/other
        var lastWasLetter = false
        var sinceDot = 0       // letters since the last dot (initialism detection)
        var digits = 0
        while i < hi {
            let c = bytes[i]
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A {
                    h = (h ^ UInt64(c | 0x20)) &* fnvPrime
                    letters += 1; sinceDot += 1; lastWasLetter = true
                    if first == 0 { first = 1 }
                } else if c >= 0x61 && c <= 0x7A {
                    h = (h ^ UInt64(c)) &* fnvPrime
                    letters += 1; lowers += 1; sinceDot += 1; lastWasLetter = true
                    if first == 0 { first = 2 }
                } else if c >= 0x30 && c <= 0x39 {
                    h = (h ^ UInt64(c)) &* fnvPrime
                    digits += 1; lastWasLetter = false; sinceDot += 2
                    if first == 0 { first = 3 }
                } else if c == 0x2E, lastWasLetter, sinceDot == 1,
                          i + 1 >= hi || !(bytes[i + 1] >= 0x61 && bytes[i + 1] <= 0x7A) {
                    // initialism: single letter then dot ("U." "S.")
                    sinceDot = 0
                    lastWasLetter = false
                } else {
                    break
                }
                i += 1
                continue
            }
            // non-ASCII
            if c == 0xE2, i + 1 < hi, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 { break }
            if c == 0xC2, i + 1 < hi, bytes[i + 1] == 0xA0 { break }
            if c == 0xC3, i + 1 < hi, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBF {
                let d = bytes[i + 1]
                let f = latin1Fold[Int(d - 0x80)]
                if f != 0 {
                    h = (h ^ UInt64(f)) &* fnvPrime
                    if d < 0xA0 { if first == 0 { first = 1 } } else { lowers += 1; if first == 0 { first = 2 } }
                    letters += 1; sinceDot += 1; lastWasLetter = true
                    i += 2
                    continue
                }
                break
            }
            if c == 0xC4 || c == 0xC5, i + 1 < hi, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBF {
                let idx = Int(c - 0xC4) * 64 + Int(bytes[i + 1] - 0x80)
                h = (h ^ UInt64(latinAFold[idx])) &* fnvPrime
                if latinAUpper[idx] { if first == 0 { first = 1 } } else { lowers += 1; if first == 0 { first = 2 } }
                letters += 1; sinceDot += 1; lastWasLetter = true
                i += 2
                continue
            }
            // other multi-byte letters: hash the raw bytes
            h = (h ^ UInt64(c)) &* fnvPrime
            if c >= 0xC0 { letters += 1; sinceDot += 1; lastWasLetter = true; if first == 0 { first = 2 } }
            i += 1
        }
        var shape: UInt8 = 0
        if first == 1 { shape |= ActorWord.firstUpper }
        if letters > 0 { shape |= ActorWord.hasLetter }
        if letters > 0 && lowers == 0 { shape |= ActorWord.allUpper }
        if digits > 0 { shape |= ActorWord.digit }
        if gap == .joiner && !spaced { shape |= ActorWord.attached }
        out.append(ActorWord(start: Int32(start), end: Int32(i), hash: h, shape: shape, gap: gap))
        return i
    }

    /// Words of a standalone phrase (dictionary entries).
    static func words(of phrase: String) -> [ActorWord] {
        var out: [ActorWord] = []
        var s = phrase
        s.withUTF8 { buf in scan(buf, from: 0, to: buf.count, into: &out) }
        return out
    }
}
