import ArgumentParser
import Foundation
import ParleyCoding
import ParleyEval

/// `parley eval actors`: dictionary coverage and recogniser speed on the VOA dev corpus.
struct EvalActorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "Actor dictionary coverage and actor recogniser speed on corpus/voa-dev.jsonl."
    )

    @OptionGroup var shared: SharedOptions
    @Option(help: "Passes over the corpus for timing.") var repeats = 20
    @Option(help: "Extra actor dictionary files (TSV).") var dictionary: [String] = []
    @Flag(help: "Print every mention found and the offices learned.") var show = false

    func run() async throws {
        let corpus = shared.url.appendingPathComponent("corpus/voa-dev.jsonl")
        let r = try ActorBench.run(corpus: corpus, repeats: repeats,
                                   userFiles: dictionary.map { URL(fileURLWithPath: $0) })
        let cov = r.coverage
        print("dictionary entries: \(r.entries) (loaded in \(String(format: "%.2f", r.loadSeconds)) s)")
        for kind in ActorEntry.Kind.allCases {
            print("  \(kind.rawValue): \(cov[kind] ?? 0)")
        }
        print(String(format: "speed: %d documents, %d sentences, %.1f MB in %.3f s wall (%.3f s CPU): %.0f sentences/s wall, %.0f sentences/CPU-s, %.1f MB/s; %d mentions",
                     r.documents, r.sentences, Double(r.bytes) / 1e6, r.seconds, r.cpuSeconds, r.sentencesPerSecond,
                     r.sentencesPerCPUSecond, r.megabytesPerSecond, r.mentions))
        print("offices learned: \(r.learned.count)")
        let goldURL = shared.url.appendingPathComponent("eval/plover-gsr.dev.jsonl")
        if FileManager.default.fileExists(atPath: goldURL.path) {
            let p = try ActorBench.plover(gold: goldURL, dictionary: try ActorDictionary.load(
                userFiles: dictionary.map { URL(fileURLWithPath: $0) }))
            func pct(_ a: Int, _ b: Int) -> String { String(format: "%.1f%%", 100 * Double(a) / Double(max(b, 1))) }
            print("PLOVER gold actors (eval/plover-gsr.dev.jsonl): \(p.actors) actors, \(p.located) located in text; "
                + "a mention overlaps \(p.found) (\(pct(p.found, p.located))); country/IGO agrees \(p.countryMatched) "
                + "(\(pct(p.countryMatched, p.located))); sector agrees \(p.sectorMatched) of \(p.withSector) (\(pct(p.sectorMatched, p.withSector)))")
            if show { for m in p.misses { print("  miss: \(m)") } }
        }
        if show {
            for f in r.learned { print("  learned \(f.person) = \(f.code)  [\(f.documentID)]") }
            for (id, ms) in r.documentsWithActors {
                print("# \(id)")
                for m in ms { print("  \(m.text)\t\(m.code)\(m.person.map { "\tperson=\($0)" } ?? "")") }
            }
        }
    }
}
