import ArgumentParser
import Foundation
import ParleyIngest
import ParleyModel
import ParleyStore

struct RecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recode",
        abstract: "Code the stored documents again with this build's engine, without re-ingesting.",
        discussion: "Documents are read in publication order; offices learned from earlier documents code later ones."
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func run() async throws {
        let store = try await store.open()
        let ids = try await store.documentIDs()
        var offices = OfficeLedger()
        var events = 0, quotes = 0, failed = 0
        var errors: [String] = []
        let started = Date()
        for (n, id) in ids.enumerated() {
            guard let doc = try await store.document(id: id) else { continue }
            do {
                let coding = try offices.coder().code(doc).1
                try await store.replaceCoding(coding)
                events += coding.events.count
                quotes += coding.quotes.count
                offices.add(coding.offices)
            } catch {
                failed += 1
                errors.append("\(id): \(error)")
            }
            if Console.stderrIsTerminal && !json && n % 20 == 0 {
                Console.progress("\(n + 1)/\(ids.count) documents, \(Int(Double(n + 1) / max(Date().timeIntervalSince(started), 0.001))) docs/s")
            }
        }
        if Console.stderrIsTerminal && !json { Console.progress("") }
        if json {
            struct Out: Encodable { var documents: Int, events: Int, quotes: Int, failed: Int, errors: [String] }
            print(try JSONLine.encode(Out(documents: ids.count, events: events, quotes: quotes, failed: failed, errors: errors)))
        } else {
            for e in errors { Console.error("error: \(e)") }
            print("recoded \(ids.count) documents: \(events) events, \(quotes) quotes, \(failed) failed")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
