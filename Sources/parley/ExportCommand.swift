import ArgumentParser
import Foundation
import ParleyInterop
import ParleyModel
import ParleyStore

/// The filters of an events query, as options.
struct EventFilterOptions: ParsableArguments {
    @Option(help: "A dyad of actor code prefixes, A-B (e.g. IRN-USA): events between them.")
    var dyad: String?

    @Flag(help: "With --dyad: only events from A to B.")
    var directed = false

    @Option(help: "Events with this actor code prefix as source or target.")
    var actor: String?

    @Option(help: "CAMEO code prefix (e.g. 12 or 125).")
    var code: String?

    @Option(help: "Events on or after this day (ISO 8601).")
    var since: String?

    @Option(help: "Events on or before this day (ISO 8601).")
    var until: String?

    @Option(name: .customLong("as-of"), help: "Only events published at or before this time (ISO 8601).")
    var asOf: String?

    @Option(help: "Only events from this origin: coded or gdelt.")
    var origin: String?

    @Option(help: "At most this many events.")
    var limit: Int?

    func query() throws -> EventQuery {
        var q = EventQuery()
        if let dyad {
            let parts = dyad.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--dyad: '\(dyad)' is not A-B (e.g. IRN-USA)")
            }
            q.dyadPair = .init(a: String(parts[0]).uppercased(), b: String(parts[1]).uppercased())
        } else if directed {
            throw ValidationError("--directed needs --dyad")
        }
        q.directed = directed
        q.actor = actor?.uppercased()
        q.code = code
        if let since { q.since = try parseTimeOption(since, name: "--since") }
        if let until { q.until = try parseTimeOption(until, name: "--until") }
        if let asOf { q.asOf = try parseTimeOption(asOf, name: "--as-of") }
        if let origin {
            guard let o = EventOrigin(rawValue: origin) else { throw ValidationError("--origin: '\(origin)' is not coded or gdelt") }
            q.origin = o
        }
        if let limit { q.limit = max(0, limit) }
        return q
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write events to standard output as GDELT 2.0 rows, PLOVER JSON, CSV or JSONL.",
        discussion: """
        gdelt: 61 tab-separated columns; fields Parley does not hold (geo types, coordinates, group codes) are blank. \
        plover: one PLOVER JSON record a line; CAMEO 01 and 02 events have no PLOVER category and are skipped \
        (their number is reported on standard error). csv: a header line, then one event a line. jsonl: every \
        stored field, one event a line.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case gdelt, plover, csv, jsonl
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: EventFilterOptions

    @Option(help: "gdelt, plover, csv or jsonl.")
    var format: Format = .jsonl

    func run() async throws {
        let store = try await store.open()
        let query = try filters.query()
        let out = BufferedOutput()
        if format == .csv { out.write(CSVWriter.header) }
        var skipped = 0
        let page = 5_000
        // Each page starts after the last event read (keyset paging: no page re-reads the rows before it).
        var after: EventQuery.Position?
        var remaining = query.limit ?? Int.max
        while remaining > 0 {
            var q = query
            q.limit = min(page, remaining)
            q.after = after
            let events = try await store.events(q)
            for e in events {
                switch format {
                case .gdelt: out.write(GDELTWriter.row(e))
                case .csv: out.write(CSVWriter.row(e))
                case .jsonl: out.write(try JSONLWriter.record(e))
                case .plover:
                    if let r = try PloverWriter.record(e) { out.write(r) } else { skipped += 1 }
                }
            }
            if events.count < q.limit! { break }
            guard let last = events.last.flatMap(EventQuery.Position.init) else { break }
            after = last
            remaining -= events.count
        }
        out.flush()
        if skipped > 0 { Console.error("\(skipped) events with CAMEO roots 01/02 have no PLOVER category and were skipped") }
    }
}

/// Standard output in large writes.
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var p = raw.baseAddress!
            var left = raw.count
            while left > 0 {
                let n = Foundation.write(STDOUT_FILENO, p, left)
                if n <= 0 { break }
                p += n
                left -= n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
