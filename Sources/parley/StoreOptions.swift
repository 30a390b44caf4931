import ArgumentParser
import Foundation
import ParleyModel
import ParleyStore

/// `--db PATH` (env PARLEY_DB, default ./parley.sqlite): the one place that picks a store backend.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Database: a SQLite file path (default: $PARLEY_DB or ./parley.sqlite).")
    var db: String?

    var location: String {
        db ?? ProcessInfo.processInfo.environment["PARLEY_DB"] ?? "parley.sqlite"
    }

    func open() throws -> any EventStore {
        try Self.open(location)
    }

    static func open(_ location: String) throws -> any EventStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw ValidationError("PostgreSQL stores are not supported by this build; use a SQLite file path")
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
