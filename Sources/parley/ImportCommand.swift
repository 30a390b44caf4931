import ArgumentParser
import Foundation
import ParleyInterop
import ParleyStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import event data from other datasets.",
        subcommands: [ImportGDELTCommand.self]
    )
}

struct ImportGDELTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdelt",
        abstract: "Import GDELT event files (1.0 with 57/58 columns, 2.0 with 61), tab-separated, plain or zipped.",
        discussion: """
        Files are streamed in batches, so memory does not grow with their size. Bad rows are reported as \
        file:line: reason and the good rows kept; the run exits non-zero when any row failed. Events already \
        stored (same GLOBALEVENTID) are counted as duplicates and not stored again. Imported events carry their \
        SOURCEURL but no text: they have no sentences, quotes or claims.
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "GDELT event files (.CSV, .csv.zip, or - for standard input).")
    var files: [String]

    @Option(help: "Events per transaction.")
    var batch = 10_000

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func run() async throws {
        var importer = GDELTImporter(store: try await store.open())
        importer.batchSize = max(1, batch)
        let showProgress = Console.stderrIsTerminal && !json
        let started = Date()
        let summary = try await importer.importFiles(files) { s in
            guard showProgress else { return }
            let rate = Double(s.rows) / max(Date().timeIntervalSince(started), 0.001)
            Console.progress("\(s.rows) rows (\(s.stored) new, \(s.duplicates) duplicates, \(s.failed) failed), \(Int(rate)) rows/s")
        }
        if showProgress { Console.progress("") }
        if json {
            struct Out: Encodable {
                var rows: Int, stored: Int, duplicates: Int, failed: Int
                var errors: [ImportProblem]
                var seconds: Double
            }
            print(try JSONLine.encode(Out(rows: summary.rows, stored: summary.stored, duplicates: summary.duplicates,
                                          failed: summary.failed, errors: summary.errors,
                                          seconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000)))
        } else {
            for e in summary.errors { Console.error("error: \(e)") }
            if summary.failed > summary.errors.count {
                Console.error("(\(summary.failed - summary.errors.count) more errors not shown)")
            }
            print("rows \(summary.rows): stored \(summary.stored), duplicates \(summary.duplicates), failed \(summary.failed)")
        }
        if summary.failed > 0 { throw ExitCode(1) }
    }
}
