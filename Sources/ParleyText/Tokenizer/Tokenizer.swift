import ParleyModel

/// Sentence segmentation and tokenization on UTF-8 bytes.
///
/// Tokens follow Universal Dependencies English (EWT) conventions: clitics split ("do" "n't", "Iran" "'s",
/// "I" "'m", "ca" "n't", "gon" "na"), hyphenated compounds split ("search" "-" "engine") except after
/// prefixes such as "e-", "non-", "mid-", quotes, brackets, dashes and "%"/"$" separate, numbers with
/// decimals, thousands, times and dates kept whole, abbreviations keep their period ("U.S.", "Gen.",
/// "a.m."), URLs and e-mail addresses are one token. Spans are UTF-8 byte offsets into the text and a
/// token's form is exactly the text it spans.
///
/// Sentences end at terminal punctuation (with any closing quotes or brackets attached to it) when what
/// follows can start a sentence, after an abbreviation when a typical sentence opener follows, at blank
/// lines, and at line breaks unless the line break falls inside a running sentence (the next line starts
/// in lower case after a line without final punctuation).
public struct Tokenizer: TextStage {
    public let name = "tokenizer"
    public let requires: Set<Annotation> = []
    public let assigns: Set<Annotation> = [.sentences, .tokens]

    public init() {}

    public func process(_ document: inout Document) throws {
        let (tokens, sentences) = Tokenizer.segment(document.text)
        document.tokens = tokens
        document.sentences = sentences
    }

    /// Tokens and sentences of `text`.
    public static func segment(_ text: String) -> (tokens: [Token], sentences: [Sentence]) {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { segment(bytes: $0) } ?? segment(bytes: Array(text.utf8))
    }

    /// Number of sentences in `text`, without building token strings (for benchmarks of the scanner alone).
    public static func countSentences(_ text: String) -> Int {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            var scanner = TokenScanner(bytes: buffer)
            scanner.scan()
            return SentenceSplitter(bytes: buffer, tokens: scanner.tokens).boundaries().count
        } ?? 0
    }

    private static func segment(bytes: [UInt8]) -> (tokens: [Token], sentences: [Sentence]) {
        bytes.withUnsafeBufferPointer { segment(bytes: $0) }
    }

    private static func segment(bytes: UnsafeBufferPointer<UInt8>) -> (tokens: [Token], sentences: [Sentence]) {
        var scanner = TokenScanner(bytes: bytes)
        scanner.scan()
        let raw = scanner.tokens
        let ends = SentenceSplitter(bytes: bytes, tokens: raw).boundaries()
        var tokens: [Token] = []
        tokens.reserveCapacity(raw.count)
        for t in raw {
            let form = String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start..<t.end]), as: UTF8.self)
            tokens.append(Token(span: Span(t.start, t.end), form: form))
        }
        var sentences: [Sentence] = []
        sentences.reserveCapacity(ends.count)
        var first = 0
        for last in ends {
            sentences.append(Sentence(span: Span(raw[first].start, raw[last].end), tokens: first..<(last + 1)))
            first = last + 1
        }
        return (tokens, sentences)
    }
}

/// Decides where sentences end in a raw token sequence.
struct SentenceSplitter {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [RawToken]

    /// Index of the last token of each sentence.
    func boundaries() -> [Int] {
        let count = tokens.count
        var ends: [Int] = []
        guard count > 0 else { return ends }
        ends.reserveCapacity(count / 12 + 1)
        var k = 0
        var sentenceStart = 0
        while k < count {
            // A line break before token k.
            if k > sentenceStart, tokens[k].gap.rawValue >= RawToken.Gap.newline.rawValue,
               tokens[k].gap == .blankLine || !continuesLine(before: k) {
                ends.append(k - 1)
                sentenceStart = k
            }
            let t = tokens[k]
            // An emoticon before a capitalised word closes a sentence ("community :-) Posted by").
            if t.kind == .emoticon, k + 1 < count, tokens[k + 1].gap == .space, tokens[k + 1].kind == .word,
               bytes[tokens[k + 1].start] >= 0x41 && bytes[tokens[k + 1].start] <= 0x5A {
                ends.append(k)
                sentenceStart = k + 1
                k += 1
                continue
            }
            if t.kind == .terminal || t.kind == .abbreviation && t.abbreviation != nil {
                // Closing quotes and brackets attached to the terminal belong to its sentence.
                var last = k
                if t.kind == .terminal || t.abbreviation == .terminal {
                    while last + 1 < count, tokens[last + 1].gap == .none,
                          tokens[last + 1].kind == .closeQuote || tokens[last + 1].kind == .closeBracket
                          || tokens[last + 1].kind == .terminal {
                        last += 1
                    }
                }
                if last + 1 < count, endsSentence(terminal: k, last: last) {
                    ends.append(last)
                    sentenceStart = last + 1
                }
                k = last + 1
                continue
            }
            k += 1
        }
        if ends.last != count - 1 { ends.append(count - 1) }
        return ends
    }

    /// A single line break before token k that does not end the sentence: the line before is long, ends
    /// without terminal punctuation, and the new line goes on in lower case (hard-wrapped text).
    private func continuesLine(before k: Int) -> Bool {
        let prev = tokens[k - 1]
        guard prev.kind == .word || prev.kind == .other && bytes[prev.start] == 0x2C else { return false }
        let b = bytes[tokens[k].start]
        guard tokens[k].kind == .word && b >= 0x61 && b <= 0x7A else { return false }
        // Only a long line looks hard-wrapped; a short one ("yeah", a title) stands alone.
        var i = prev.end - 1
        let limit = max(0, prev.end - 40)
        while i >= limit {
            if bytes[i] == 0x0A { return false }
            i -= 1
        }
        return i >= 0 || prev.end >= 40
    }

    /// Does the sentence end after tokens[last], given the terminal (or abbreviation) at `terminal`?
    private func endsSentence(terminal k: Int, last: Int) -> Bool {
        let t = tokens[k]
        let next = tokens[last + 1]
        // Line breaks are decided by the line rule in boundaries().
        if next.gap == .blankLine || next.gap == .newline { return false }
        let first = bytes[next.start]
        let nextLower = first >= 0x61 && first <= 0x7A
        let nextUpper = first >= 0x41 && first <= 0x5A || startsUpperNonASCII(next.start)
        if t.kind == .abbreviation {
            guard t.abbreviation == .terminal, next.gap != .none else { return false }
            if next.kind == .openQuote || next.kind == .openBracket { return capitalFollows(last + 1) }
            guard next.kind == .word, nextUpper else { return false }
            if last > k { return true }   // "in the U.S.” Trump said": a closing quote after the abbreviation
            if bytes[t.end - 1] == 0x2E, t.end - t.start >= 3, bytes[t.start] | 0x20 == 0x65, bytes[t.start + 1] | 0x20 == 0x74 {
                return true   // "etc." before a capital
            }
            return isOpener(last + 1)
        }
        // Terminal punctuation.
        if next.gap == .none {
            // "deal.It": only a period directly followed by a capitalised word.
            return bytes[t.start] == 0x2E && t.end - t.start == 1 && next.kind == .word && nextUpper && last == k
        }
        switch next.kind {
        case .word, .link:
            if nextLower {
                // An ellipsis inside a sentence ("and then... we"), a "!" in a name ("Yahoo! is").
                let b = bytes[t.start]
                return b == 0x2E && t.end - t.start == 1 || b == 0x3F
            }
            return true
        case .terminal:
            return false      // ". . .": the last of the run decides
        case .openQuote, .openBracket, .closeQuote, .abbreviation:
            return true
        case .clitic:
            return false
        case .closeBracket:
            return false
        case .other, .emoticon:
            // Bullets, dashes and symbols may start a sentence; , ; : % never do.
            let b = bytes[next.start]
            return !(b == 0x2C || b == 0x3B || b == 0x3A || b == 0x25 || b == 0x2F)
        }
    }

    private func startsUpperNonASCII(_ i: Int) -> Bool {
        guard bytes[i] == 0xC3, i + 1 < bytes.count else { return false }
        let b = bytes[i + 1]
        return b >= 0x80 && b <= 0x9E && b != 0x97
    }

    /// Is token i a typical sentence opener ("The", "He", "In" …)?
    private func isOpener(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word || t.kind == .abbreviation else { return false }
        var end = t.end
        if t.kind == .abbreviation { end -= 1 }
        guard let key = WordKey(bytes, t.start, end) else { return false }
        return TokenizerLexicon.sentenceOpeners.contains(key)
    }

    /// Does the token after token i start with a capital letter?
    private func capitalFollows(_ i: Int) -> Bool {
        guard i + 1 < tokens.count else { return false }
        let b = bytes[tokens[i + 1].start]
        return b >= 0x41 && b <= 0x5A
    }
}
