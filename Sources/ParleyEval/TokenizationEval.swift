import Foundation
import ParleyModel
import ParleyText

/// Scores the tokenizer against Universal Dependencies CoNLL-U files from raw text.
///
/// Raw text is rebuilt from the `# text =` lines: one text per `# newdoc`, sentences of a paragraph
/// (`# newpar`) joined by one space, paragraphs separated by one newline — the way news text arrives
/// (one paragraph a line, no blank lines). Gold tokens are the syntactic words with byte spans found by
/// aligning each token's surface form in the sentence text; a multiword token ("don't" = "do" + "n't")
/// contributes its words, whose forms concatenate to the surface. A predicted token is correct when its
/// span equals a gold span; a predicted sentence boundary (sentence end offset) is correct when it equals
/// a gold sentence end.
public enum TokenizationEval {
    public struct GoldDocument: Sendable {
        public var id: String
        public var text: String
        public var tokens: [Span]
        public var sentenceEnds: [Int]
        public var sentences: Int { sentenceEnds.count }
    }

    public struct Score: Sendable, CustomStringConvertible {
        public var truePositives = 0
        public var predicted = 0
        public var gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var description: String {
            String(format: "P %.4f  R %.4f  F1 %.4f  (%d correct, %d predicted, %d gold)",
                   precision, recall, f1, truePositives, predicted, gold)
        }
    }

    public struct Report: Sendable {
        public var documents = 0
        public var goldSentences = 0
        public var bytes = 0
        public var tokens = Score()
        public var boundaries = Score()
        public var sentencesPerSecond = 0.0
        public var megabytesPerSecond = 0.0
        /// Examples of errors: (document id, description).
        public var errors: [String] = []
    }

    /// Parses a CoNLL-U file into raw-text documents with gold token spans and sentence ends.
    /// `paragraphBreaks`: separate paragraphs by a newline (default); false joins every sentence of a
    /// document with a space, so only punctuation and capitalisation can show where sentences end.
    public static func loadDocuments(conllu url: URL, paragraphBreaks: Bool = true) throws -> [GoldDocument] {
        let content = try String(contentsOf: url, encoding: .utf8)
        return parseDocuments(conllu: content, paragraphBreaks: paragraphBreaks)
    }

    public static func parseDocuments(conllu content: String, paragraphBreaks: Bool = true) -> [GoldDocument] {
        var docs: [GoldDocument] = []
        var current: GoldDocument?
        var text: [UInt8] = []
        var sentenceText = ""
        var forms: [(form: String, words: [String])] = []
        var mwtEnd = 0
        var newPar = false

        func flushSentence() {
            guard !sentenceText.isEmpty else { forms = []; mwtEnd = 0; return }
            if current == nil { current = GoldDocument(id: "doc\(docs.count)", text: "", tokens: [], sentenceEnds: []) }
            if !text.isEmpty { text.append(newPar && paragraphBreaks ? 0x0A : 0x20) }
            let base = text.count
            let sent = Array(sentenceText.utf8)
            text.append(contentsOf: sent)
            var p = 0
            var lastEnd = base
            for (form, words) in forms {
                let f = Array(form.utf8)
                guard let q = find(f, in: sent, from: p) else { continue }
                var s = base + q
                if words.isEmpty {
                    current!.tokens.append(Span(s, s + f.count))
                } else {
                    for w in words {
                        let n = w.utf8.count
                        current!.tokens.append(Span(s, s + n))
                        s += n
                    }
                }
                p = q + f.count
                lastEnd = base + p
            }
            current!.sentenceEnds.append(lastEnd)
            sentenceText = ""
            forms = []
            mwtEnd = 0
            newPar = false
        }
        func flushDocument() {
            flushSentence()
            if var doc = current, !doc.sentenceEnds.isEmpty {
                doc.text = String(decoding: text, as: UTF8.self)
                docs.append(doc)
            }
            current = nil
            text = []
        }

        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                if line.hasPrefix("# newdoc") {
                    flushDocument()
                    let id = line.split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                    current = GoldDocument(id: id ?? "doc\(docs.count)", text: "", tokens: [], sentenceEnds: [])
                } else if line.hasPrefix("# newpar") {
                    newPar = true
                } else if line.hasPrefix("# text = ") {
                    sentenceText = String(line.dropFirst(9))
                }
                continue
            }
            if line.isEmpty { flushSentence(); continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2 else { continue }
            let id = cols[0]
            if id.contains(".") { continue }
            if let dash = id.firstIndex(of: "-") {
                forms.append((String(cols[1]), []))
                mwtEnd = Int(id[id.index(after: dash)...]) ?? 0
                continue
            }
            let n = Int(id) ?? 0
            if n <= mwtEnd, var last = forms.popLast() {
                last.words.append(String(cols[1]))
                forms.append(last)
                // Words whose forms do not spell the surface: keep the surface as one token.
                if n == mwtEnd, last.words.joined() != last.form { forms[forms.count - 1].words = [] }
                continue
            }
            forms.append((String(cols[1]), []))
        }
        flushDocument()
        return docs
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Tokenizes every document and scores tokens and sentence boundaries; `errorExamples` error
    /// descriptions are collected for inspection.
    public static func evaluate(_ docs: [GoldDocument], errorExamples: Int = 0, timingRounds: Int = 5) -> Report {
        var report = Report()
        report.documents = docs.count
        for doc in docs {
            report.goldSentences += doc.sentences
            report.bytes += doc.text.utf8.count
            let (tokens, sentences) = Tokenizer.segment(doc.text)
            let gold = Set(doc.tokens)
            let predicted = Set(tokens.map(\.span))
            let correct = predicted.intersection(gold)
            report.tokens.truePositives += correct.count
            report.tokens.predicted += predicted.count
            report.tokens.gold += gold.count
            let goldEnds = Set(doc.sentenceEnds)
            let predictedEnds = Set(sentences.map(\.span.end))
            report.boundaries.truePositives += predictedEnds.intersection(goldEnds).count
            report.boundaries.predicted += predictedEnds.count
            report.boundaries.gold += goldEnds.count
            if report.errors.count < errorExamples {
                report.errors += tokenErrors(doc, gold: gold, predicted: predicted, limit: errorExamples - report.errors.count)
                report.errors += boundaryErrors(doc, gold: goldEnds, predicted: predictedEnds,
                                                limit: errorExamples - report.errors.count)
            }
        }
        let texts = docs.map(\.text)
        var best = Double.infinity
        var sentences = 0
        for _ in 0..<max(1, timingRounds) {
            let run = benchmarkTokenizer(texts: texts)
            sentences = run.sentences
            best = min(best, run.seconds)
        }
        report.sentencesPerSecond = Double(sentences) / best
        report.megabytesPerSecond = Double(report.bytes) / best / 1_000_000
        return report
    }

    private static func context(_ text: String, _ offset: Int, radius: Int = 30) -> String {
        let bytes = Array(text.utf8)
        var lo = max(0, offset - radius), hi = min(bytes.count, offset + radius)
        while lo > 0, bytes[lo] & 0xC0 == 0x80 { lo -= 1 }
        while hi < bytes.count, bytes[hi] & 0xC0 == 0x80 { hi += 1 }
        let left = String(decoding: bytes[lo..<offset], as: UTF8.self)
        let right = String(decoding: bytes[offset..<hi], as: UTF8.self)
        return (left + "‖" + right).replacingOccurrences(of: "\n", with: "⏎")
    }

    private static func tokenErrors(_ doc: GoldDocument, gold: Set<Span>, predicted: Set<Span>, limit: Int) -> [String] {
        var out: [String] = []
        for span in predicted.subtracting(gold).sorted() where out.count < limit {
            out.append("token  +\(doc.text.slice(span).debugDescription)  in \(context(doc.text, span.start))")
        }
        for span in gold.subtracting(predicted).sorted() where out.count < limit {
            out.append("token  -\(doc.text.slice(span).debugDescription)  in \(context(doc.text, span.start))")
        }
        return out
    }

    private static func boundaryErrors(_ doc: GoldDocument, gold: Set<Int>, predicted: Set<Int>, limit: Int) -> [String] {
        var out: [String] = []
        for end in predicted.subtracting(gold).sorted() where out.count < limit {
            out.append("split  +  \(context(doc.text, end))")
        }
        for end in gold.subtracting(predicted).sorted() where out.count < limit {
            out.append("split  -  \(context(doc.text, end))")
        }
        return out
    }
}

/// Runs the tokenizer over `texts` once and reports the sentences found and the wall time taken.
public func benchmarkTokenizer(texts: [String]) -> (sentences: Int, seconds: Double) {
    let r = benchmarkTokenizerDetailed(texts: texts)
    return (r.sentences, r.seconds)
}

/// Like `benchmarkTokenizer(texts:)`, also counting tokens and bytes.
public func benchmarkTokenizerDetailed(texts: [String]) -> (sentences: Int, tokens: Int, bytes: Int, seconds: Double) {
    let clock = ContinuousClock()
    var sentences = 0, tokens = 0, bytes = 0
    let start = clock.now
    for text in texts {
        let (t, s) = Tokenizer.segment(text)
        sentences += s.count
        tokens += t.count
        bytes += text.utf8.count
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (sentences, tokens, bytes, seconds)
}
