import ArgumentParser
import Foundation
import ParleyIngest
import ParleyModel
import ParleyStore

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read articles (text, HTML, JSONL, RSS/Atom) and store them.",
        discussion: """
        PATH may be a file, a directory (read recursively) or - for standard input. Bad inputs are reported \
        with their file and line or item and never stop the rest; the run exits non-zero when anything failed.
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    @Option(help: "Input format: auto, text, html, jsonl or rss (auto goes by extension, then by content).")
    var format: String = "auto"

    @Option(help: "Publication time for plain text (and JSONL lines without one), ISO 8601.")
    var published: String?

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Flag(name: .customLong("no-code"), help: "Store documents without coding them (code later with `parley recode`).")
    var noCode = false

    func run() async throws {
        guard let fmt = InputFormat(rawValue: format) else {
            throw ValidationError("--format: '\(format)' is not one of auto, text, html, jsonl, rss")
        }
        var config = Ingestor.Configuration()
        config.reader.format = fmt
        config.code = !noCode
        if let published { config.reader.published = try parseTimeOption(published, name: "--published") }
        let ingestor = Ingestor(store: try await store.open(), configuration: config)
        let showProgress = Console.stderrIsTerminal && !json
        let started = Date()
        let summary = try await ingestor.ingest(paths: paths) { s in
            guard showProgress else { return }
            let n = s.stored + s.duplicates
            let rate = Double(n) / max(Date().timeIntervalSince(started), 0.001)
            Console.progress("\(n) documents (\(s.stored) new, \(s.duplicates) duplicates, \(s.failed) failed), \(Int(rate)) docs/s")
        }
        if showProgress { Console.progress("") }
        try report(summary, json: json)
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

/// The end-of-run summary: the JSON object or readable lines.
func report(_ summary: Ingestor.Summary, json: Bool) throws {
    if json {
        struct Out: Encodable {
            var stored: Int, duplicates: Int, failed: Int
            var errors: [IngestError]
            var warnings: [IngestError]
            var ids: [String]
        }
        print(try JSONLine.encode(Out(stored: summary.stored, duplicates: summary.duplicates, failed: summary.failed,
                                      errors: summary.errors, warnings: summary.warnings, ids: summary.storedIDs)))
        return
    }
    for e in summary.errors { Console.error("error: \(e)") }
    for w in summary.warnings { Console.error("warning: \(w)") }
    print("stored \(summary.stored), duplicates \(summary.duplicates), failed \(summary.failed)")
}
