import Foundation
import ParleyCoding
import ParleyModel
import ParleyText

/// Scores the event coder (text engine → actors → events) against the dev gold sets.
///
/// Each gold item is one sentence, coded as its own document published on a fixed anchor day
/// (2020-01-01), since the sets carry no publication dates that matter for event codes.
/// Counted events: those not negated and not denied (a negated act did not happen).
///
/// - CAMEO root F1 (cameo-manual): per sentence, the predicted set R of roots of counted events;
///   TP += 1 if gold ∈ R; FP += |R \ {gold}|; FN += 1 if gold ∉ R. Micro P/R/F1 over sentences.
/// - QuadClass F1 (conflibert-quad): the same counting over the Phoenix classes of the predicted roots
///   (01–02 → 0, 03–05 → 1, 06–08 → 2, 09–13 and 16 → 3, 14–15 and 17–20 → 4); micro F1 and the macro
///   average of the per-class F1.
/// - PLOVER event F1 (plover-gsr): the same counting over PLOVER categories. The gold records use the
///   PLOVER 0.5 names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT, SANCTION, MOBILIZE), so predicted CAMEO roots
///   are named by the PLOVER manual's translation table in that vocabulary (09 INVESTIGATE, 10 DEMAND,
///   11 DISAPPROVE, 16 SANCTION, 18 ASSAULT, 19–20 FIGHT, 081–083 CONCEDE, 084–087 RETREAT); 01 and 02
///   have no PLOVER category and are not predictions.
/// - Source/target country and sector accuracy (plover-gsr): over records whose gold source (target) has a
///   country code: the event scored is the first counted event of the gold category, else the first counted
///   event; correct when its actor's country (first three letters of the code) is one of the gold actors'.
///   Gold CAMEO country codes that differ from ISO 3166 (ITL, JAP) are read as ISO (ITA, JPN). The accuracy is
///   over all such records (a record with no event coded counts as wrong); the country rows also print, as a
///   diagnostic, the accuracy over the records where an event of the gold category was coded.
///   Sector: over gold actors with a sector (not "***"), correct when the predicted code contains it.
/// - Source/target span F1 (conflibert-actors): the tokens are joined by spaces into the sentence text;
///   predicted source (target) spans are the mention spans of the counted events' sources (targets); a
///   predicted span matches a gold span of the same role (R counts as both) when they overlap (and, for the
///   exact figure, when their token boundaries coincide).
public enum EventEval {
    public struct Score: Sendable, CustomStringConvertible {
        public var tp = 0, fp = 0, fn = 0
        public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var description: String {
            String(format: "P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)", precision, recall, f1, tp, fp, fn)
        }
        public init() {}
    }

    public struct Accuracy: Sendable, CustomStringConvertible {
        public var correct = 0, total = 0
        /// Diagnostic only: the same count over the records where Parley coded an event of the gold category.
        public var matchedCorrect = 0, matchedTotal = 0
        public var value: Double { total == 0 ? 0 : Double(correct) / Double(total) }
        public var description: String {
            let all = String(format: "%.3f (%d/%d)", value, correct, total)
            guard matchedTotal > 0 else { return all }
            return all + String(format: "  [records with the gold event coded: %.3f (%d/%d)]",
                                Double(matchedCorrect) / Double(matchedTotal), matchedCorrect, matchedTotal)
        }
    }

    public static let anchor = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01

    /// The full coding pipeline: text engine, actors, events.
    public static func pipeline() throws -> Pipeline {
        try Pipeline(TextEngine.stages() + [try ActorRecognizer(), try EventCoder()])
    }

    public static func code(_ texts: [String], pipeline: Pipeline) throws -> [Document] {
        try texts.enumerated().map { i, t in
            var d = Document(id: "s\(i)", text: t, published: anchor)
            try pipeline.run(&d)
            return d
        }
    }

    public static func counted(_ d: Document) -> [Event] {
        d.events.filter { !$0.negated && $0.modality != .denied }
    }

    static func update(_ s: inout Score, gold: String, predicted: Set<String>) {
        if predicted.contains(gold) { s.tp += 1 } else { s.fn += 1 }
        s.fp += predicted.subtracting([gold]).count
    }

    // MARK: - CAMEO manual

    public struct CameoReport: Sendable {
        public var sentences = 0
        public var root = Score()
        public var fullCode = Score()
        public var errors: [String] = []
    }

    public static func cameo(url: URL, pipeline: Pipeline, errors: Int = 0) throws -> CameoReport {
        var items: [(String, String)] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let t = o["text"] as? String, let c = o["cameo"] as? String else { continue }
            items.append((t, c))
        }
        let docs = try code(items.map(\.0), pipeline: pipeline)
        var r = CameoReport()
        for (i, d) in docs.enumerated() {
            let gold = items[i].1
            let ev = counted(d)
            r.sentences += 1
            let roots = Set(ev.map(\.root))
            update(&r.root, gold: String(gold.prefix(2)), predicted: roots)
            update(&r.fullCode, gold: gold, predicted: Set(ev.map(\.cameo)))
            if r.errors.count < errors && !roots.contains(String(gold.prefix(2))) || (errors > 0 && roots.count > 1 && r.errors.count < errors) {
                r.errors.append("gold \(gold) pred [\(ev.map { "\($0.cameo):\($0.triggerText ?? "")" }.joined(separator: " "))] \(items[i].0)")
            }
        }
        return r
    }

    // MARK: - QuadClass

    public static func quadClass(root: String) -> Int? {
        guard let r = Int(root) else { return nil }
        switch r {
        case 1, 2: return 0
        case 3...5: return 1
        case 6...8: return 2
        case 9...13, 16: return 3
        case 14, 15, 17...20: return 4
        default: return nil
        }
    }

    public struct QuadReport: Sendable {
        public var sentences = 0
        public var micro = Score()
        public var perClass: [Score] = Array(repeating: Score(), count: 5)
        public var macroF1: Double { perClass.map(\.f1).reduce(0, +) / 5 }
        public var errors: [String] = []
    }

    public static func quad(url: URL, pipeline: Pipeline, errors: Int = 0) throws -> QuadReport {
        var items: [(String, Int)] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count >= 2, let c = Int(f[f.count - 1].trimmingCharacters(in: .whitespaces)) else { continue }
            items.append((f.dropLast().joined(separator: "\t"), c))
        }
        let docs = try code(items.map(\.0), pipeline: pipeline)
        var r = QuadReport()
        for (i, d) in docs.enumerated() {
            let gold = items[i].1
            let pred = Set(counted(d).compactMap { quadClass(root: $0.root) })
            r.sentences += 1
            if pred.contains(gold) { r.micro.tp += 1; r.perClass[gold].tp += 1 } else { r.micro.fn += 1; r.perClass[gold].fn += 1 }
            for p in pred where p != gold { r.micro.fp += 1; r.perClass[p].fp += 1 }
            if !pred.contains(gold), r.errors.count < errors {
                r.errors.append("gold \(gold) pred \(counted(d).map { "\($0.cameo):\($0.triggerText ?? "")" }) \(items[i].0)")
            }
        }
        return r
    }

    // MARK: - PLOVER

    /// PLOVER 0.5 category of a CAMEO code (the gold standard records' vocabulary).
    public static func ploverCategory(_ code: String) -> String? {
        switch code.prefix(2) {
        case "03": return "AGREE"
        case "04": return "CONSULT"
        case "05": return "SUPPORT"
        case "06": return "COOPERATE"
        case "07": return "AID"
        case "08":
            if code.count >= 3, let d = Int(code.dropFirst(2).prefix(1)), d >= 4 { return "RETREAT" }
            return "CONCEDE"
        case "09": return "INVESTIGATE"
        case "10": return "DEMAND"
        case "11": return "DISAPPROVE"
        case "12": return "REJECT"
        case "13": return "THREATEN"
        case "14": return "PROTEST"
        case "15": return "MOBILIZE"
        case "16": return "SANCTION"
        case "17": return "COERCE"
        case "18": return "ASSAULT"
        case "19", "20": return "FIGHT"
        default: return nil
        }
    }

    public struct PloverReport: Sendable {
        public var records = 0
        public var event = Score()
        public var sourceCountry = Accuracy(), targetCountry = Accuracy()
        public var sourceSector = Accuracy(), targetSector = Accuracy()
        public var errors: [String] = []
        /// One line per record (tab-separated: record, event found, source country right, target country right — each
        /// followed by "/" and one digit per gold sector when the gold gives sectors —, gold, predicted, text; "-" where
        /// the gold names no actor), to compare two coders or models record by record.
        public var outcomes: [String] = []
    }

    struct GoldActor { var country: String; var sector: String? }

    /// The gold records use a few CAMEO country codes that differ from ISO 3166 (which Parley's actors use).
    static func goldCountry(_ c: String) -> String {
        switch c {
        case "ITL": return "ITA"
        case "JAP": return "JPN"
        default: return c
        }
    }

    static func actors(_ v: Any?) -> [GoldActor] {
        guard let list = v as? [[String: Any]] else { return [] }
        return list.compactMap { a in
            guard let c = a["code"] as? String, !c.isEmpty else { return nil }
            let s = (a["sector"] as? String).flatMap { $0.isEmpty || $0.contains("*") ? nil : $0 }
            return GoldActor(country: goldCountry(String(c.prefix(3))), sector: s)
        }
    }

    public static func plover(url: URL, pipeline: Pipeline, errors: Int = 0) throws -> PloverReport {
        var items: [(text: String, event: String, src: [GoldActor], tgt: [GoldActor])] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let t = o["text"] as? String, let e = o["event"] as? String else { continue }
            items.append((t, e, actors(o["source"]), actors(o["target"])))
        }
        let docs = try code(items.map(\.text), pipeline: pipeline)
        var r = PloverReport()
        for (i, d) in docs.enumerated() {
            let g = items[i]
            let ev = counted(d)
            r.records += 1
            let cats = Set(ev.compactMap { ploverCategory($0.cameo) })
            update(&r.event, gold: g.event, predicted: cats)
            let main = ev.first { ploverCategory($0.cameo) == g.event } ?? ev.first { ploverCategory($0.cameo) != nil } ?? ev.first
            let same = ev.filter { $0.cameo == main?.cameo }
            func score(_ gold: [GoldActor], _ side: KeyPath<Event, EventActor?>, _ acc: inout Accuracy, _ sec: inout Accuracy) -> String {
                guard !gold.isEmpty else { return "-" }
                acc.total += 1
                // Compound actors give one event per actor: any of them may match.
                let codes = same.compactMap { $0[keyPath: side]?.code }
                let countries = Set(codes.map { String($0.prefix(3)) })
                let right = gold.contains(where: { countries.contains($0.country) })
                if right { acc.correct += 1 }
                if cats.contains(g.event) { acc.matchedTotal += 1; if right { acc.matchedCorrect += 1 } }
                var sectors = ""
                for a in gold where a.sector != nil {
                    sec.total += 1
                    let ok = codes.contains(where: { $0.count > 3 && $0.dropFirst(3).contains(a.sector!) })
                    if ok { sec.correct += 1 }
                    sectors += ok ? "1" : "0"
                }
                return (right ? "1" : "0") + (sectors.isEmpty ? "" : "/" + sectors)
            }
            let srcRight = score(g.src, \Event.source, &r.sourceCountry, &r.sourceSector)
            let tgtRight = score(g.tgt, \Event.target, &r.targetCountry, &r.targetSector)
            let predicted = ev.map { "\($0.cameo):\($0.source?.code ?? "-")→\($0.target?.code ?? "-")" }.joined(separator: " ")
            r.outcomes.append([String(i), cats.contains(g.event) ? "1" : "0", srcRight, tgtRight,
                               "\(g.event) \(g.src.map { $0.country + ($0.sector ?? "") }.joined(separator: ","))→\(g.tgt.map { $0.country + ($0.sector ?? "") }.joined(separator: ","))",
                               predicted, g.text].joined(separator: "\t"))
            if r.errors.count < errors, !cats.contains(g.event) || (main?.source.map { s in !g.src.contains { $0.country == String(s.code.prefix(3)) } } ?? !g.src.isEmpty) {
                r.errors.append("gold \(g.event) \(g.src.map(\.country))→\(g.tgt.map(\.country)) pred \(ev.map { "\($0.cameo):\($0.source?.code ?? "-")→\($0.target?.code ?? "-")" }) \(g.text)")
            }
        }
        return r
    }

    // MARK: - Actor spans

    public struct SpanReport: Sendable {
        public var sentences = 0
        public var source = Score(), target = Score()
        public var sourceExact = Score(), targetExact = Score()
    }

    public static func spans(url: URL, pipeline: Pipeline) throws -> SpanReport {
        var sentences: [[(String, String)]] = []
        var cur: [(String, String)] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            let f = line.split(separator: " ")
            if f.count < 2 {
                if !cur.isEmpty { sentences.append(cur); cur = [] }
                continue
            }
            cur.append((f.dropLast().joined(separator: " "), String(f.last!)))
        }
        if !cur.isEmpty { sentences.append(cur) }
        var texts: [String] = []
        var gold: [[(role: Character, span: Span)]] = []
        var tokenSpans: [[Span]] = []
        for s in sentences {
            var text = ""
            var spans: [Span] = []
            var g: [(Character, Span)] = []
            var open: (Character, Int)?
            for (i, (w, tag)) in s.enumerated() {
                if i > 0 { text += " " }
                let start = text.utf8.count
                text += w
                spans.append(Span(start, text.utf8.count))
                let t = Array(tag)
                if t[0] == "B" || t[0] == "O" || (t[0] == "I" && open?.0 != t.last) {
                    if let o = open { g.append((o.0, Span(o.1, spans[i - 1].end))); open = nil }
                    if t[0] != "O" { open = (t.last!, start) }
                }
            }
            if let o = open { g.append((o.0, Span(o.1, spans.last!.end))) }
            texts.append(text)
            gold.append(g)
            tokenSpans.append(spans)
        }
        let docs = try code(texts, pipeline: pipeline)
        var r = SpanReport()
        for (i, d) in docs.enumerated() {
            r.sentences += 1
            let ev = counted(d)
            let ps = Set(ev.compactMap { $0.source?.span })
            let pt = Set(ev.compactMap { $0.target?.span })
            let gs = gold[i].filter { $0.role == "S" || $0.role == "R" }.map(\.span)
            let gt = gold[i].filter { $0.role == "T" || $0.role == "R" }.map(\.span)
            match(Array(ps), gs, &r.source, &r.sourceExact, tokens: tokenSpans[i])
            match(Array(pt), gt, &r.target, &r.targetExact, tokens: tokenSpans[i])
        }
        return r
    }

    static func match(_ pred: [Span], _ gold: [Span], _ s: inout Score, _ exact: inout Score, tokens: [Span]) {
        for p in pred {
            if gold.contains(where: { $0.overlaps(p) }) { s.tp += 1 } else { s.fp += 1 }
            if gold.contains(p) { exact.tp += 1 } else { exact.fp += 1 }
        }
        for g in gold {
            if !pred.contains(where: { $0.overlaps(g) }) { s.fn += 1 }
            if !pred.contains(g) { exact.fn += 1 }
        }
    }

    // MARK: - Speed

    /// Seconds spent in each stage over the texts (one run), in pipeline order.
    public static func stageTimes(texts: [String]) throws -> [(String, Double)] {
        let p = try pipeline()
        var times = Array(repeating: 0.0, count: p.stages.count)
        for (i, t) in texts.enumerated() {
            var d = Document(id: "b\(i)", text: t, published: anchor)
            for (k, stage) in p.stages.enumerated() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                try stage.process(&d)
                d.layers.formUnion(stage.assigns)
                times[k] += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            }
        }
        return zip(p.stages.map(\.name), times).map { ($0, $1) }
    }

    /// Codes raw texts end to end (text engine, actors, events); returns the sentences per second (best of `runs`).
    public static func benchmarkCoding(texts: [String], runs: Int = 3) throws -> (sentences: Int, events: Int, seconds: Double, sentencesPerSecond: Double) {
        let p = try pipeline()
        var best = Double.infinity
        var sentences = 0, events = 0
        for _ in 0..<max(1, runs) {
            sentences = 0; events = 0
            let t0 = DispatchTime.now().uptimeNanoseconds
            for (i, t) in texts.enumerated() {
                var d = Document(id: "b\(i)", text: t, published: anchor)
                try p.run(&d)
                sentences += d.sentences.count
                events += d.events.count
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return (sentences, events, best, best > 0 ? Double(sentences) / best : 0)
    }
}

/// Codes raw texts end to end and reports the speed (for the benchmark command).
public func benchmarkCoding(texts: [String]) throws -> (sentences: Int, events: Int, seconds: Double, sentencesPerSecond: Double) {
    try EventEval.benchmarkCoding(texts: texts)
}
