import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ParleyCoding
import ParleyModel

/// Coverage of the actor dictionaries and speed of the actor recogniser on a JSONL corpus
/// (one object a line with `id`, `text` and optionally `published`).
public enum ActorBench {
    public struct Report: Sendable {
        public var coverage: [ActorEntry.Kind: Int]
        public var entries: Int
        public var loadSeconds: Double
        public var documents: Int
        public var sentences: Int
        public var bytes: Int
        public var mentions: Int
        public var seconds: Double
        /// CPU time of the timing thread (robust when the machine is shared).
        public var cpuSeconds: Double
        public var learned: [OfficeFact]
        public var documentsWithActors: [(id: String, mentions: [ActorMention])]

        public var sentencesPerSecond: Double { Double(sentences) / max(seconds, 1e-9) }
        public var sentencesPerCPUSecond: Double { Double(sentences) / max(cpuSeconds, 1e-9) }
        public var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / max(seconds, 1e-9) }
    }

    static func threadCPU() -> Double {
        #if canImport(Glibc)
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        #else
        return Double(clock()) / Double(CLOCKS_PER_SEC)
        #endif
    }

    /// Sentence spans by a simple rule (". ", "? ", "! " before a capital, quote or digit), so the
    /// bench runs without the text engine.
    public static func sentences(_ text: String) -> [Sentence] {
        let b = Array(text.utf8)
        var out: [Sentence] = []
        var start = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A || ((c == 0x2E || c == 0x3F || c == 0x21) && i + 2 < b.count && b[i + 1] == 0x20
                && ((b[i + 2] >= 0x41 && b[i + 2] <= 0x5A) || b[i + 2] == 0x22 || b[i + 2] >= 0x80 || (b[i + 2] >= 0x30 && b[i + 2] <= 0x39))) {
                if i + 1 > start { out.append(Sentence(span: Span(start, i + 1), tokens: 0..<0)) }
                start = i + 1
            }
            i += 1
        }
        if start < b.count { out.append(Sentence(span: Span(start, b.count), tokens: 0..<0)) }
        return out
    }

    public static func loadCorpus(_ url: URL) throws -> [Document] {
        let data = try String(contentsOf: url, encoding: .utf8)
        var docs: [Document] = []
        for line in data.split(separator: "\n") where !line.isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { continue }
            let id = (obj["id"] as? String) ?? "\(docs.count)"
            var doc = Document(id: id, text: text, published: (obj["published"] as? String).flatMap(Timestamp.parse))
            doc.sentences = sentences(text)
            doc.layers = [.sentences, .tokens]
            docs.append(doc)
        }
        return docs
    }

    /// Runs the recogniser `repeats` times over the corpus; offices learned in a document are
    /// fed to the following documents, as a store would.
    public static func run(corpus: URL, repeats: Int = 20, userFiles: [URL] = []) throws -> Report {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let dictionary = try ActorDictionary.load(userFiles: userFiles)
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let docs = try loadCorpus(corpus).sorted { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) }
        var learned: [OfficeFact] = []
        var shown: [(String, [ActorMention])] = []
        var recognizer = ActorRecognizer(dictionary: dictionary)
        for var d in docs {
            let facts = recognizer.recognize(&d)
            shown.append((d.id, d.actors))
            if !facts.isEmpty {
                learned.append(contentsOf: facts)
                recognizer = ActorRecognizer(dictionary: dictionary, knownPeople: learned)
            }
        }
        var mentions = 0
        let c1 = threadCPU()
        let t1 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(1, repeats) {
            for var d in docs {
                recognizer.recognize(&d)
                mentions += d.actors.count
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        let cpuSeconds = threadCPU() - c1
        let n = max(1, repeats)
        return Report(coverage: dictionary.coverage(), entries: dictionary.count, loadSeconds: loadSeconds,
                      documents: docs.count * n, sentences: docs.reduce(0) { $0 + $1.sentences.count } * n,
                      bytes: docs.reduce(0) { $0 + $1.text.utf8.count } * n, mentions: mentions, seconds: seconds, cpuSeconds: cpuSeconds,
                      learned: learned, documentsWithActors: shown)
    }
}

extension ActorBench {
    /// Agreement with the PLOVER gold actors: for each gold source/target actor whose text occurs
    /// in the sentence, whether a mention overlapping it has the gold country (or an IGO code for
    /// "IGO"), and, where the gold gives a sector, the same sector.
    public struct PloverReport: Sendable {
        public var actors = 0
        public var located = 0
        public var found = 0
        public var countryMatched = 0
        public var withSector = 0
        public var sectorMatched = 0
        public var misses: [String] = []
    }

    public static func plover(gold url: URL, dictionary: ActorDictionary) throws -> PloverReport {
        var r = PloverReport()
        let recognizer = ActorRecognizer(dictionary: dictionary)
        let data = try String(contentsOf: url, encoding: .utf8)
        for line in data.split(separator: "\n") where !line.isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { continue }
            var doc = Document(id: (obj["id"] as? String) ?? "", text: text,
                               published: (obj["date"] as? String).flatMap(Timestamp.parse))
            doc.sentences = sentences(text)
            doc.layers = [.sentences, .tokens]
            recognizer.recognize(&doc)
            for key in ["source", "target"] {
                guard let list = obj[key] as? [[String: Any]] else { continue }
                for a in list {
                    guard let actorText = a["actorText"] as? String, let code = a["code"] as? String else { continue }
                    r.actors += 1
                    guard let range = text.range(of: actorText) else { continue }
                    r.located += 1
                    let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
                    let span = Span(start, start + actorText.utf8.count)
                    let overlapping = doc.actors.filter { $0.span.overlaps(span) }
                    if !overlapping.isEmpty { r.found += 1 }
                    let countryOK = overlapping.first { m in
                        code == "IGO" ? m.code.hasPrefix("IGO") : (m.country == code || m.code.hasPrefix(code))
                    }
                    if let m = countryOK { r.countryMatched += 1; _ = m } else {
                        r.misses.append("\(actorText) [\(code)] got \(overlapping.map(\.code)) | \(text.prefix(100))")
                    }
                    if let sector = a["sector"] as? String, sector.count >= 3,
                       sector.prefix(3).allSatisfy({ $0.isUppercase }) {
                        r.withSector += 1
                        let s3 = String(sector.prefix(3))
                        if overlapping.contains(where: { ($0.sector ?? "") == s3 }) { r.sectorMatched += 1 } else {
                            r.misses.append("sector \(actorText) [\(code) \(sector)] got \(overlapping.map(\.code)) | \(text.prefix(90))")
                        }
                    }
                }
            }
        }
        return r
    }
}
