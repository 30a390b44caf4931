import Foundation
import ParleyModel
import ParleyText

/// Scores the quotation finder against PolNeAR attributions (brat standoff).
///
/// Gold: each `E` attribution with its Content (possibly discontinuous), Source and Cue spans.
/// Brat offsets in PolNeAR count Unicode scalars; they are converted to UTF-8 byte offsets.
/// An article annotated by several annotators is scored once, against the first annotation in
/// name order.
///
/// A gold direct quotation is an attribution whose content begins with a quotation mark.
/// Predicted quotes that share a cue span form one predicted attribution (a quote split by its
/// cue, or continued in the next sentence or paragraph, is one attribution with several parts).
/// A predicted attribution matches a gold one when its content covers at least half of the gold
/// content (bytes) and, for speaker figures, its speaker span overlaps the gold source span.
/// - Speaker figures: recall over gold direct quotes that have a source; precision over the
///   predicted direct attributions that have a speaker (a match with any gold attribution counts).
/// - Content figures: recall over all gold direct quotes; precision over all predicted direct
///   attributions, speakerless ones included (scare quotes count against precision here).
/// - Indirect figures: the same speaker matching for gold attributions whose content does not
///   begin with a mark, against predicted indirect speech.
public enum QuoteEval {
    public struct GoldAttribution: Sendable {
        public var content: [Span]
        public var source: [Span]
        public var cue: [Span]
        public var direct: Bool
        public var contentLength: Int { content.reduce(0) { $0 + $1.length } }
    }

    public struct Article: Sendable {
        public var name: String
        public var text: String
        public var gold: [GoldAttribution]
    }

    /// Counts for one measure.
    public struct Score: Sendable, CustomStringConvertible {
        public var goldFound = 0, gold = 0, predictedCorrect = 0, predicted = 0
        public var precision: Double { predicted == 0 ? 0 : Double(predictedCorrect) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(goldFound) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var description: String {
            String(format: "P %.3f (%d/%d)  R %.3f (%d/%d)  F1 %.3f", precision, predictedCorrect, predicted,
                   recall, goldFound, gold, f1)
        }
    }

    public struct Report: Sendable {
        public var articles = 0
        public var directSpeaker = Score()
        public var directContent = Score()
        public var indirectSpeaker = Score()
        public var unattributed = 0
        public var errors: [String] = []
        public var seconds = 0.0
        public var bytes = 0
        /// Sentences in the texts (terminal punctuation followed by a space, or a line end).
        public var sentences = 0
    }

    /// A predicted attribution: quotes grouped by cue.
    struct Predicted {
        var content: [Span]
        var speaker: Span?
        var cue: Span?
        var speakerText: String?
    }

    // MARK: loading

    /// Loads the articles of a PolNeAR split directory (with `attributions/` and `text/`).
    public static func load(split: URL) throws -> [Article] {
        let fm = FileManager.default
        let annDir = split.appendingPathComponent("attributions")
        let textDir = split.appendingPathComponent("text")
        let names = try fm.contentsOfDirectory(atPath: annDir.path).filter { $0.hasSuffix(".ann") }.sorted()
        var seen = Set<String>()
        var out: [Article] = []
        for name in names {
            // "<article>_<annotator>.ann"
            let stem = String(name.dropLast(4))
            guard let us = stem.lastIndex(of: "_") else { continue }
            let article = String(stem[..<us])
            guard !seen.contains(article) else { continue }
            let textURL = textDir.appendingPathComponent(article + ".txt")
            guard let text = try? String(contentsOf: textURL, encoding: .utf8) else { continue }
            seen.insert(article)
            let ann = try String(contentsOf: annDir.appendingPathComponent(name), encoding: .utf8)
            out.append(Article(name: article, text: text, gold: parse(ann: ann, text: text)))
        }
        return out
    }

    /// Parses brat standoff text-bound (T) and event (E) lines into attributions.
    static func parse(ann: String, text: String) -> [GoldAttribution] {
        // scalar offset → byte offset
        var byteAt: [Int] = []
        byteAt.reserveCapacity(text.utf8.count + 1)
        var off = 0
        for s in text.unicodeScalars {
            byteAt.append(off)
            off += UTF8.width(s)
        }
        byteAt.append(off)
        func bytes(_ c: Int) -> Int { byteAt[max(0, min(c, byteAt.count - 1))] }

        var spans: [String: (type: String, spans: [Span])] = [:]
        var events: [[String: String]] = []
        for line in ann.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, let first = parts[0].first else { continue }
            let id = String(parts[0])
            guard id.dropFirst().allSatisfy(\.isNumber), !id.dropFirst().isEmpty else { continue }
            if first == "T" {
                let fields = parts[1].split(separator: " ", maxSplits: 1)
                guard fields.count == 2 else { continue }
                var list: [Span] = []
                for seg in fields[1].split(separator: ";") {
                    let n = seg.split(separator: " ").compactMap { Int($0) }
                    if n.count == 2 { list.append(Span(bytes(n[0]), bytes(n[1]))) }
                }
                spans[id] = (String(fields[0]), list)
            } else if first == "E" {
                var d: [String: String] = [:]
                for kv in parts[1].split(separator: " ") {
                    let p = kv.split(separator: ":", maxSplits: 1)
                    if p.count == 2 { d[String(p[0])] = String(p[1]) }
                }
                events.append(d)
            }
        }
        let utf8 = Array(text.utf8)
        var out: [GoldAttribution] = []
        for e in events {
            var content: [Span] = []
            for key in ["Content", "Content2", "Content3"] {
                if let id = e[key], let s = spans[id] { content += s.spans }
            }
            guard !content.isEmpty else { continue }
            content.sort()
            let source = e["Source"].flatMap { spans[$0]?.spans } ?? []
            let cue = e["Cue"].flatMap { spans[$0]?.spans } ?? []
            out.append(GoldAttribution(content: content, source: source, cue: cue,
                                       direct: startsWithMark(utf8, content[0].start)))
        }
        return out
    }

    static func startsWithMark(_ b: [UInt8], _ i: Int) -> Bool {
        guard i < b.count else { return false }
        let c = b[i]
        if c == 0x22 || c == 0x27 || c == 0x60 { return true }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0x98...0x9F).contains(b[i + 2]) { return true }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xAB || b[i + 1] == 0xBB { return true }
        return false
    }

    /// Sentence count by a plain rule: . ! ? followed by white space, and non-empty lines.
    static func countSentences(_ text: String) -> Int {
        var n = 0
        var prev: UInt8 = 0x0A
        var lineHasText = false
        for c in text.utf8 {
            if (c == 0x20 || c == 0x0A) && (prev == 0x2E || prev == 0x21 || prev == 0x3F) { n += 1; lineHasText = false }
            else if c == 0x0A { if lineHasText { n += 1 }; lineHasText = false }
            else if c != 0x20 && c != 0x22 { lineHasText = true }
            prev = c
        }
        return n + (lineHasText ? 1 : 0)
    }

    // MARK: scoring

    static func group(_ quotes: [Quote], direct: Bool) -> [Predicted] {
        var out: [Predicted] = []
        var byCue: [Span: Int] = [:]
        for q in quotes where q.direct == direct {
            if let cue = q.cue, let k = byCue[cue] {
                out[k].content.append(q.content)
                continue
            }
            if let cue = q.cue { byCue[cue] = out.count }
            out.append(Predicted(content: [q.content], speaker: q.speaker, cue: q.cue, speakerText: q.speakerText))
        }
        return out
    }

    static func covered(_ p: [Span], _ g: [Span]) -> Int {
        var total = 0
        for a in g { for b in p { total += a.overlap(with: b) } }
        return total
    }

    static func matches(_ p: Predicted, _ g: GoldAttribution, speaker: Bool) -> Bool {
        let len = g.contentLength
        guard len > 0, covered(p.content, g.content) * 2 >= len else { return false }
        if !speaker { return true }
        guard let s = p.speaker else { return false }
        return g.source.contains { $0.overlaps(s) }
    }

    /// Runs the finder on every article and scores it. `errors` samples misses and false alarms.
    public static func evaluate(_ articles: [Article], errors: Int = 0) -> Report {
        var report = Report()
        let finder = QuoteFinder()
        var missed: [String] = []
        var wrong: [String] = []
        var indirectMissed: [String] = []
        var docs: [(Article, [Quote])] = []
        // Best of three timed passes over the whole split.
        report.seconds = .infinity
        for pass in 0..<3 {
            let clock = Date()
            var found: [(Article, [Quote])] = []
            for a in articles {
                var doc = Document(id: a.name, text: a.text)
                try? finder.process(&doc)
                found.append((a, doc.quotes))
            }
            report.seconds = min(report.seconds, Date().timeIntervalSince(clock))
            if pass == 0 { docs = found }
        }
        for a in articles {
            report.bytes += a.text.utf8.count
            report.sentences += countSentences(a.text)
        }
        for (a, quotes) in docs {
            report.articles += 1
            let direct = group(quotes, direct: true)
            let indirect = group(quotes, direct: false)
            let attributed = direct.filter { $0.speaker != nil }
            report.unattributed += direct.count - attributed.count
            func show(_ spans: [Span]) -> String {
                spans.map { a.text.slice($0) }.joined(separator: " … ").replacingOccurrences(of: "\n", with: " ")
            }
            for g in a.gold where g.direct {
                report.directContent.gold += 1
                if direct.contains(where: { matches($0, g, speaker: false) }) { report.directContent.goldFound += 1 }
                guard !g.source.isEmpty else { continue }
                report.directSpeaker.gold += 1
                if attributed.contains(where: { matches($0, g, speaker: true) }) {
                    report.directSpeaker.goldFound += 1
                } else {
                    let best = direct.first { matches($0, g, speaker: false) }
                    missed.append("MISS \(a.name)\n  gold source: \(show(g.source))  cue: \(show(g.cue))\n  content: \(String(show(g.content).prefix(160)))\n  predicted: \(best.map { "speaker=\($0.speaker.map { a.text.slice($0) } ?? "-") cue=\($0.cue.map { a.text.slice($0) } ?? "-")" } ?? "no quote")")
                }
            }
            for p in direct {
                report.directContent.predicted += 1
                if a.gold.contains(where: { matches(p, $0, speaker: false) }) { report.directContent.predictedCorrect += 1 }
                guard p.speaker != nil else { continue }
                report.directSpeaker.predicted += 1
                if a.gold.contains(where: { matches(p, $0, speaker: true) }) {
                    report.directSpeaker.predictedCorrect += 1
                } else {
                    let g = a.gold.first { matches(p, $0, speaker: false) }
                    wrong.append("FALSE \(a.name)\n  speaker: \(p.speaker.map { a.text.slice($0) } ?? "-")  cue: \(p.cue.map { a.text.slice($0) } ?? "-")\n  content: \(String(show(p.content).prefix(160)))\n  gold: \(g.map { "source=\(show($0.source)) cue=\(show($0.cue))" } ?? "no attribution")")
                }
            }
            for g in a.gold where !g.direct && !g.source.isEmpty {
                report.indirectSpeaker.gold += 1
                if indirect.contains(where: { matches($0, g, speaker: true) }) {
                    report.indirectSpeaker.goldFound += 1
                } else {
                    indirectMissed.append("MISS-INDIRECT \(a.name)\n  gold source: \(show(g.source))  cue: \(show(g.cue))\n  content: \(String(show(g.content).prefix(160)))")
                }
            }
            for p in indirect {
                report.indirectSpeaker.predicted += 1
                if a.gold.contains(where: { matches(p, $0, speaker: true) }) { report.indirectSpeaker.predictedCorrect += 1 }
            }
        }
        if errors > 0 {
            // An even sample across the lists, deterministic.
            func sample(_ list: [String], _ n: Int) -> [String] {
                guard list.count > n, n > 0 else { return list }
                let step = Double(list.count) / Double(n)
                return (0..<n).map { list[Int(Double($0) * step)] }
            }
            report.errors = sample(missed, errors) + sample(wrong, errors) + sample(indirectMissed, errors / 2)
        }
        return report
    }
}
