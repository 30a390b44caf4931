import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyIngest
import ParleyModel
import ParleyServer
import ParleyStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Ingest the bundled demo corpus into a fresh database and show what Parley knows."
    )

    @Option(help: "Database to fill (default: a new temporary file).") var db: String?
    @Flag(help: "Then serve the demo database (dashboard and API) until interrupted.") var serve = false
    @Option(help: "With --serve: the port to listen on (on 127.0.0.1).") var port = 8080

    func run() async throws {
        guard let corpus = Bundle.module.url(forResource: "Demo", withExtension: nil) else {
            throw ValidationError("the demo corpus is missing from this build")
        }
        let location: String
        if let db {
            location = db
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-demo-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            location = dir.appendingPathComponent("demo.sqlite").path
        }
        let store = try await StoreOptions.open(location)
        let started = Date()
        let summary = try await Ingestor(store: store).ingest(paths: [corpus.path])
        let seconds = Date().timeIntervalSince(started)
        print("Parley demo — database: \(location)")
        print("Ingested the bundled corpus in \(String(format: "%.2f", seconds)) s: stored \(summary.stored), duplicates \(summary.duplicates), failed \(summary.failed)")
        for e in summary.errors { print("  error: \(e)") }
        let docs = try await store.documents(DocumentQuery())
        let dated = docs.compactMap(\.published).sorted()
        if let first = dated.first, let last = dated.last {
            print("\(docs.count) documents published \(Timestamp.day(first)) to \(Timestamp.day(last)); \(docs.count - dated.count) undated")
        }
        var outlets: [String: Int] = [:]
        for d in docs { outlets[d.outlet ?? "(no outlet)", default: 0] += 1 }
        print("Outlets: " + outlets.sorted { $0.value > $1.value }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        print("")
        printDocumentTable(docs)
        var q = EventQuery()
        print("\n\(try await store.eventCount(q)) events coded; Iran – United States:")
        q.dyadPair = .init(a: "IRN", b: "USA")
        printEventTable(try await store.events(q))
        print("")
        let asOf = dated.last ?? Date()
        let briefing = try await BriefingBuilder(store: store).brief("IRN", "USA", asOf: asOf)
        print(BriefingRenderer.markdown(briefing))
        if serve {
            print("\nDashboard: http://127.0.0.1:\(port)/dyad/IRN-USA")
            try await runServer(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: port,
                                      token: ProcessInfo.processInfo.environment["PARLEY_TOKEN"]), location: location)
        }
    }
}
