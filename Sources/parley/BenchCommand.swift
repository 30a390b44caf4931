import ArgumentParser
import Foundation
import ParleyCoding
import ParleyIngest
import ParleyModel
import ParleyText

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of each stage and of the whole engine on a corpus (use a release build).",
        discussion: "Prints sentences/s and MB/s per stage (each stage timed alone over documents the earlier stages prepared), for the text engine through the parse, and end to end."
    )

    @Argument(help: "Corpus files or directories (text, HTML, JSONL, RSS).")
    var paths: [String]

    @Option(help: "Rounds over the corpus; the best round is reported.")
    var rounds = 3

    func run() async throws {
        let reader = InputReader()
        var texts: [Document] = []
        for path in reader.expand(paths, onError: { Console.error("error: \($0)") }) {
            for case .item(let item) in try reader.readAll(path: path) {
                texts.append(Document(id: item.id ?? "\(texts.count)", text: item.text, published: item.published))
            }
        }
        guard !texts.isEmpty else { throw ValidationError("no documents in \(paths.joined(separator: " "))") }
        let stages = try CodingEngine.stages()
        let bytes = texts.reduce(0) { $0 + $1.text.utf8.count }
        var best = [Double](repeating: .infinity, count: stages.count)
        var sentences = 0
        for _ in 0..<max(1, rounds) {
            var docs = texts
            for (i, stage) in stages.enumerated() {
                let start = threadCPUTime()
                for d in docs.indices { try stage.process(&docs[d]) }
                let seconds = threadCPUTime() - start
                best[i] = min(best[i], seconds)
            }
            sentences = docs.reduce(0) { $0 + $1.sentences.count }
        }
        let mb = Double(bytes) / 1_000_000
        print("corpus: \(texts.count) documents, \(sentences) sentences, \(String(format: "%.2f", mb)) MB; best of \(rounds) rounds; CPU time of the one thread doing the work")
        func row(_ name: String, _ seconds: Double) {
            print(name.padding(toLength: 26, withPad: " ", startingAt: 0)
                  + String(format: "%10.4f s %12.0f sentences/s %9.2f MB/s", seconds, Double(sentences) / seconds, mb / seconds))
        }
        for (i, stage) in stages.enumerated() { row(stage.name, best[i]) }
        let textEngine = stages.enumerated().filter { ["tokenizer", "tagger", "lemmatizer", "parser"].contains($0.element.name) }
        row("text engine (to parse)", textEngine.reduce(0) { $0 + best[$1.offset] })
        row("all stages", best.reduce(0, +))
    }
}

/// CPU time consumed by the calling thread, in seconds: unlike wall time, it does not count time other
/// processes take from the core, so figures hold on a busy machine.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
