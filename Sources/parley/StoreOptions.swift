import ArgumentParser
import Foundation
import ParleyModel
import ParleyPostgres
import ParleyStore

/// `--db PATH|postgres://…` (env PARLEY_DB, default ./parley.sqlite): the one place that picks a store backend.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Database: a SQLite file path or postgres://user@host:port/db (default: $PARLEY_DB or ./parley.sqlite).")
    var db: String?

    var location: String {
        db ?? ProcessInfo.processInfo.environment["PARLEY_DB"] ?? "parley.sqlite"
    }

    func open() async throws -> any DyadSeriesStore {
        try await Self.open(location)
    }

    /// A `postgres://` (or `postgresql://`) address opens the PostgreSQL store; anything else is a SQLite file.
    static func open(_ location: String) async throws -> any DyadSeriesStore {
        if PostgresStore.isLocation(location) {
            return try await PostgresStore(url: location)
        }
        return try SQLiteStore(path: location)
    }
}

/// Reads an ISO 8601 time (or a bare date) from an option.
func parseTimeOption(_ value: String, name: String) throws -> Date {
    guard let d = Timestamp.parse(value) else {
        throw ValidationError("\(name): '\(value)' is not an ISO 8601 time (e.g. 2025-11-12 or 2025-11-12T21:48:07Z)")
    }
    return d
}


/// Standard error, for messages and progress.
enum Console {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + message).utf8))
    }
}

/// JSON for the command line: sorted keys, no escaped slashes, one object a line.
enum JSONLine {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
