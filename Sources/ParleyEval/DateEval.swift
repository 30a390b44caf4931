import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParleyModel
import ParleyText

/// Scores the date tagger on TimeML (TempEval-3 TBAQ-cleaned: TimeBank + AQUAINT).
///
/// Matching: a predicted and a gold TIMEX3 match when their spans overlap; a value match also needs the
/// same normalised value (week numbers compared without zero padding: 1998-W8 = 1998-W08; a decade written
/// 196X, as the annotators often did, equals TimeML's 196).
/// DATE scoring compares predicted DATE mentions with gold DATE mentions. A predicted DATE that overlaps a
/// gold TIMEX3 of another type (TIME, DURATION, SET) is left out of the DATE figures (neither right nor
/// wrong there: the type disagreement is counted in the all-types figures), while every gold DATE counts
/// for recall.
public enum DateEval {
    public struct Timex: Sendable {
        public var span: Span
        public var text: String
        public var value: String
        public var type: String
    }

    public struct GoldDocument: Sendable {
        public var id: String
        public var corpus: String
        public var text: String
        public var dct: Date?
        public var timexes: [Timex]
    }

    /// Reads one .tml file: the plain text of <TEXT>, its TIMEX3s as byte spans, and the DCT.
    public static func readTML(_ url: URL, corpus: String) throws -> GoldDocument {
        let data = try Data(contentsOf: url)
        let reader = TMLReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else {
            throw NSError(domain: "DateEval", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot parse \(url.path): \(parser.parserError.map { "\($0)" } ?? "?")"])
        }
        let dct = reader.dct.flatMap { Timestamp.parse(String($0.prefix(10))) }
        return GoldDocument(id: url.deletingPathExtension().lastPathComponent, corpus: corpus, text: reader.text,
                            dct: dct, timexes: reader.timexes)
    }

    final class TMLReader: NSObject, XMLParserDelegate {
        var text = ""
        var bytes = 0
        var inText = false
        var inDCT = false
        var dct: String?
        var timexes: [Timex] = []
        var open: (start: Int, value: String, type: String)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "TEXT": inText = true
            case "DCT": inDCT = true
            case "TIMEX3":
                if inDCT, dct == nil { dct = attributes["value"] }
                if inText { open = (bytes, attributes["value"] ?? "", attributes["type"] ?? "") }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "TEXT": inText = false
            case "DCT": inDCT = false
            case "TIMEX3":
                if inText, let o = open {
                    let span = Span(o.start, bytes)
                    timexes.append(Timex(span: span, text: text.slice(span), value: o.value, type: o.type))
                    open = nil
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inText else { return }
            text += string
            bytes += string.utf8.count
        }
    }

    /// Precision / recall / F1 counts.
    public struct Score: Sendable {
        public var tp = 0, fp = 0, fn = 0
        public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public mutating func add(_ o: Score) { tp += o.tp; fp += o.fp; fn += o.fn }
        public var line: String {
            String(format: "P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)", precision, recall, f1, tp, fp, fn)
        }
    }

    public struct Result: Sendable {
        public var dateValue = Score()
        public var dateSpan = Score()
        public var allValue = Score()
        public var allSpan = Score()
        public var typeAgreement = Score()
        public mutating func add(_ o: Result) {
            dateValue.add(o.dateValue); dateSpan.add(o.dateSpan); allValue.add(o.allValue); allSpan.add(o.allSpan)
            typeAgreement.add(o.typeAgreement)
        }
    }

    public struct Error: Sendable {
        public var document: String
        public var kind: String
        public var text: String
        public var gold: String
        public var predicted: String
        public var context: String
    }

    static func normalise(_ v: String) -> String {
        let u = Array(v.utf8)
        // a decade: 196X (the annotators' form) = 196 (TimeML's)
        if u.count == 4, u[3] == 0x58, u[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return String(v.prefix(3)) }
        // 1998-W8 → 1998-W08
        if u.count == 7, u[4] == 0x2D, u[5] == 0x57, u[6] >= 0x30, u[6] <= 0x39 {
            return String(v.prefix(6)) + "0" + String(v.suffix(1))
        }
        return v
    }

    /// Scores one document; appends its errors (DATE type) to `errors`.
    public static func score(_ doc: GoldDocument, predicted: [DateMention], errors: inout [Error]) -> Result {
        var r = Result()
        let gold = doc.timexes
        func context(_ s: Span) -> String {
            let lo = max(0, s.start - 60), hi = min(doc.text.utf8.count, s.end + 60)
            return doc.text.slice(Span(lo, hi)).replacingOccurrences(of: "\n", with: " ")
        }
        // all types: span and value
        func scoreSets(_ g: [Timex], _ p: [DateMention], value: Bool) -> Score {
            var s = Score()
            var used = Set<Int>()
            for gi in g.indices {
                if let pi = p.indices.first(where: { !used.contains($0) && p[$0].span.overlaps(g[gi].span)
                    && (!value || normalise(p[$0].value) == normalise(g[gi].value)) }) {
                    used.insert(pi); s.tp += 1
                } else { s.fn += 1 }
            }
            s.fp = p.count - used.count
            return s
        }
        r.allSpan = scoreSets(gold, predicted, value: false)
        r.allValue = scoreSets(gold, predicted, value: true)
        let goldDates = gold.filter { $0.type == "DATE" }
        let goldOther = gold.filter { $0.type != "DATE" }
        let predDates = predicted.filter { $0.type == .date }.filter { p in
            // a predicted DATE over a gold non-DATE (and no gold DATE) is left out of the DATE figures
            !(goldOther.contains { $0.span.overlaps(p.span) } && !goldDates.contains { $0.span.overlaps(p.span) })
        }
        r.dateSpan = scoreSets(goldDates, predDates, value: false)
        r.dateValue = scoreSets(goldDates, predDates, value: true)
        // type agreement on overlapping pairs
        for g in gold {
            if let p = predicted.first(where: { $0.span.overlaps(g.span) }) {
                if p.type.rawValue == g.type { r.typeAgreement.tp += 1 } else { r.typeAgreement.fp += 1 }
            }
        }
        // errors (DATE)
        for g in goldDates {
            if let p = predDates.first(where: { $0.span.overlaps(g.span) }) {
                if normalise(p.value) != normalise(g.value) {
                    errors.append(Error(document: doc.id, kind: "value", text: g.text, gold: g.value,
                                        predicted: "\(p.text) → \(p.value)", context: context(g.span)))
                }
            } else {
                let other = predicted.first(where: { $0.span.overlaps(g.span) })
                errors.append(Error(document: doc.id, kind: "missed", text: g.text, gold: g.value,
                                    predicted: other.map { "\($0.text) → \($0.value) \($0.type.rawValue)" } ?? "",
                                    context: context(g.span)))
            }
        }
        for p in predicted where p.type != .date && !gold.contains(where: { $0.span.overlaps(p.span) }) {
            errors.append(Error(document: doc.id, kind: "spurious-\(p.type.rawValue.lowercased())", text: p.text, gold: "",
                                predicted: p.value, context: context(p.span)))
        }
        for p in predDates where !goldDates.contains(where: { $0.span.overlaps(p.span) }) {
            errors.append(Error(document: doc.id, kind: "spurious", text: p.text, gold: "", predicted: p.value,
                                context: context(p.span)))
        }
        return r
    }

    /// Reads every .tml under `root` (sub-folders are corpora), runs the tagger and scores it.
    /// `before`: stages to run first (e.g. the text engine's tokenizer and tagger, so that the date tagger
    /// takes tense from Penn tags and works sentence by sentence); their time is not counted.
    public static func run(root: URL, before: [any TextStage] = []) throws -> (perCorpus: [(String, Result, Int)], total: Result, errors: [Error],
                                                    seconds: Double, sentences: Int) {
        let fm = FileManager.default
        var corpora: [(String, [URL])] = []
        for sub in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let dir = root.appendingPathComponent(sub)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            let files = try fm.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tml") }.sorted()
                .map { dir.appendingPathComponent($0) }
            if !files.isEmpty { corpora.append((sub, files)) }
        }
        var per: [(String, Result, Int)] = []
        var total = Result()
        var errors: [Error] = []
        var seconds = 0.0
        var sentences = 0
        let tagger = DateTagger()
        var seen = Set<String>()
        for (name, files) in corpora {
            var res = Result()
            var scored = 0
            for f in files {
                // a document shipped in two folders (testpipeline repeats a TimeBank file) is scored once
                guard seen.insert(f.lastPathComponent).inserted else { continue }
                scored += 1
                let gold = try readTML(f, corpus: name)
                var doc = Document(id: gold.id, text: gold.text, published: gold.dct)
                for stage in before { try stage.process(&doc) }
                let t0 = DispatchTime.now().uptimeNanoseconds
                try tagger.process(&doc)
                seconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                sentences += gold.text.utf8.reduce(0) { $0 + ($1 == 0x2E ? 1 : 0) }
                res.add(score(gold, predicted: doc.dates, errors: &errors))
            }
            if scored > 0 { per.append((name, res, scored)) }
            total.add(res)
        }
        return (per, total, errors, seconds, sentences)
    }
}
