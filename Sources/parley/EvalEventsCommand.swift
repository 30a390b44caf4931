import ArgumentParser
import Foundation
import ParleyCoding
import ParleyEval
import ParleyModel
import ParleyText

/// `parley eval events`: CAMEO root F1, QuadClass F1, PLOVER event F1, actor country/sector accuracy and
/// actor span F1 on the dev gold sets; `--show TEXT` codes one text and prints its events.
struct EvalEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Score the event coder on the CAMEO manual, ConfliBERT and PLOVER dev sets."
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "Print this many sampled misses per set.")
    var errors: Int = 0

    @Option(help: "Code this text (or @FILE) and print its events, then stop.")
    var show: String?

    @Option(help: "Publication time for --show (ISO 8601), default 2020-01-01.")
    var published: String?

    @Option(help: "Write the PLOVER set's outcome per record to this file (tab-separated), to compare two runs.")
    var outcomes: String?

    @Option(help: "Only these sets (comma-separated: cameo, quad, plover, spans, speed).")
    var sets: String = "cameo,quad,plover,spans,speed"

    func run() async throws {
        let pipeline = try EventEval.pipeline()
        if let show {
            let text = show.hasPrefix("@") ? try String(contentsOfFile: String(show.dropFirst()), encoding: .utf8) : show
            let when = published.flatMap { ISO8601DateFormatter().date(from: $0) } ?? EventEval.anchor
            var d = Document(id: "show", text: text, published: when)
            try pipeline.run(&d)
            if text.utf8.count < 2000 { for t in d.tokens { print("  \(t.form)\t\(t.pos.map { "\($0)" } ?? "-")\t\(t.xpos ?? "-")\t\(t.lemma ?? "-")\t\(t.head ?? -9)\t\(t.dep ?? "-")") } }
            for a in d.actors { print("actor \(a.code) '\(a.text)' \(a.span)") }
            for dt in d.dates { print("date \(dt.value) '\(dt.text)'") }
            for e in d.events { print(Self.describe(e)) }
            return
        }
        let eval = shared.url.appendingPathComponent("eval")
        let want = Set(sets.split(separator: ",").map { String($0) })
        var rows: [(String, String)] = []
        if want.contains("cameo") {
            let r = try EventEval.cameo(url: eval.appendingPathComponent("cameo-manual.dev.jsonl"), pipeline: pipeline, errors: errors)
            r.errors.forEach { print($0) }
            rows.append(("CAMEO root (cameo-manual, \(r.sentences))", r.root.description))
            rows.append(("CAMEO full code (cameo-manual)", r.fullCode.description))
        }
        if want.contains("quad") {
            let r = try EventEval.quad(url: eval.appendingPathComponent("conflibert-quad.dev.tsv"), pipeline: pipeline, errors: errors)
            r.errors.forEach { print($0) }
            rows.append(("QuadClass micro (conflibert-quad, \(r.sentences))", r.micro.description))
            rows.append(("QuadClass macro F1", String(format: "%.3f  [%@]", r.macroF1, r.perClass.map { String(format: "%.2f", $0.f1) }.joined(separator: " "))))
        }
        if want.contains("plover") {
            let r = try EventEval.plover(url: eval.appendingPathComponent("plover-gsr.dev.jsonl"), pipeline: pipeline, errors: errors)
            r.errors.forEach { print($0) }
            if let outcomes {
                do {
                    try (r.outcomes.joined(separator: "\n") + "\n").write(toFile: outcomes, atomically: true, encoding: .utf8)
                } catch {
                    throw ValidationError("--outcomes: cannot write \(outcomes): \(error.localizedDescription)")
                }
            }
            rows.append(("PLOVER event (plover-gsr, \(r.records))", r.event.description))
            rows.append(("source country accuracy", r.sourceCountry.description))
            rows.append(("target country accuracy", r.targetCountry.description))
            rows.append(("source sector accuracy", r.sourceSector.description))
            rows.append(("target sector accuracy", r.targetSector.description))
        }
        if want.contains("spans") {
            let r = try EventEval.spans(url: eval.appendingPathComponent("conflibert-actors.dev.txt"), pipeline: pipeline)
            rows.append(("source span overlap (conflibert-actors, \(r.sentences))", r.source.description))
            rows.append(("target span overlap", r.target.description))
            rows.append(("source span exact", r.sourceExact.description))
            rows.append(("target span exact", r.targetExact.description))
        }
        if want.contains("speed") {
            var texts: [String] = []
            for line in try String(contentsOf: eval.appendingPathComponent("conflibert-quad.dev.tsv"), encoding: .utf8).split(separator: "\n") {
                if let t = line.split(separator: "\t").first { texts.append(String(t)) }
            }
            let b = try EventEval.benchmarkCoding(texts: texts)
            let stages = try EventEval.stageTimes(texts: texts)
            rows.append(("time per stage", stages.map { String(format: "%@ %.3fs", $0.0, $0.1) }.joined(separator: ", ")))
            rows.append(("end-to-end coding speed", String(format: "%.0f sentences/s (%d sentences, %d events, %.3f s, best of 3)", b.sentencesPerSecond, b.sentences, b.events, b.seconds)))
        }
        let w = rows.map(\.0.count).max() ?? 0
        for (k, v) in rows { print(k.padding(toLength: w, withPad: " ", startingAt: 0) + "  " + v) }
    }

    static func describe(_ e: Event) -> String {
        var s = "event s\(e.sentence) \(e.cameo) q\(e.quad) g\(e.goldstein) \(e.plover?.event ?? "-") "
        s += "\(e.source?.code ?? "-")('\(e.source?.text ?? "")') → \(e.target?.code ?? "-")('\(e.target?.text ?? "")') "
        s += "trig '\(e.triggerText ?? "")' \(e.modality.rawValue)\(e.negated ? " NEG" : "") date \(e.date ?? "-")"
        if let q = e.quote { s += " quote \(q)" }
        if let l = e.location { s += " in '\(l.text)' \(l.country ?? "-")" }
        return s
    }
}
