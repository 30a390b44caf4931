import Foundation
import ParleyModel
import ParleyStore

/// A bad row or file: where, and why. Never holds the row's text beyond a short field excerpt.
public struct ImportProblem: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
}

/// Streams GDELT event files (1.0 or 2.0, plain or zipped) into a store in batches: memory stays bounded by the
/// batch size whatever the file size. Bad rows are reported by file and line and the good rows kept.
public struct GDELTImporter: Sendable {
    public struct Summary: Sendable, Codable {
        public var rows = 0
        public var stored = 0
        public var duplicates = 0
        public var failed = 0
        /// The first `maxErrors` problems (all of them are counted in `failed`).
        public var errors: [ImportProblem] = []
        public init() {}
    }

    public var store: any EventStore
    public var batchSize = 10_000
    public var maxErrors = 1_000
    public var maxLine = 1 << 16
    /// Bulk mode (see `EventStore.beginBulkImport`): nil decides by the input's estimated size against the store's.
    public var bulk: Bool?

    public init(store: any EventStore) {
        self.store = store
    }

    /// A parsed batch handed from the reading thread to the store.
    struct Batch: Sendable {
        var events: ImportBatch
        var rows = 0
        var failed = 0
        var errors: [ImportProblem] = []
    }

    /// Imports the files in order. `progress` sees the running summary after every batch.
    public func importFiles(_ paths: [String], progress: (Summary) -> Void = { _ in }) async throws -> Summary {
        let useBulk: Bool
        if let bulk { useBulk = bulk } else {
            // About 250 bytes a row; ZIP archives inflate about sixfold.
            let estimate = paths.reduce(0) { total, path in
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return total + (ByteSource.isZip(path) ? size * 6 : size) / 250
            }
            let existing = try await store.eventCount(EventQuery())
            useBulk = estimate >= 200_000 && estimate >= existing / 4
        }
        guard useBulk else { return try await stream(paths, progress: progress) }
        try await store.beginBulkImport()
        do {
            let summary = try await stream(paths, progress: progress)
            try await store.endBulkImport()
            return summary
        } catch {
            try? await store.endBulkImport()
            throw error
        }
    }

    func stream(_ paths: [String], progress: (Summary) -> Void) async throws -> Summary {
        let (stream, continuation) = AsyncStream.makeStream(of: Batch.self)
        let slots = DispatchSemaphore(value: 2)
        let stop = StopFlag()
        let ingested = Date()
        let parser = GDELTRowParser(ingested: ingested)
        let (batchSize, maxLine, maxErrors) = (self.batchSize, self.maxLine, self.maxErrors)
        // Reading and parsing run on their own thread (blocking I/O and ZIP inflation), at most two batches ahead.
        let thread = Thread {
            func fresh() -> Batch { Batch(events: ImportBatch(origin: .gdelt, ingested: ingested, capacity: batchSize)) }
            var batch = fresh()
            var reported = 0
            func send() {
                slots.wait()
                if stop.isSet { return }
                continuation.yield(batch)
                batch = fresh()
            }
            func problem(_ p: ImportProblem) {
                batch.failed += 1
                if reported < maxErrors { batch.errors.append(p); reported += 1 }
            }
            for path in paths {
                if stop.isSet { break }
                var splitter = LineSplitter(maxLine: maxLine)
                var name = path
                let handleLine: (Int, LineSplitter.Line) throws -> Void = { number, line in
                    switch line {
                    case .tooLong:
                        batch.rows += 1
                        problem(ImportProblem(file: name, line: number, reason: "line longer than \(maxLine) bytes"))
                    case .bytes(let bytes):
                        if bytes.isEmpty || (bytes.count == 1 && bytes[0] == 0x0D) { return }
                        if number == 1 && GDELTRowParser.isHeader(bytes) { return }
                        batch.rows += 1
                        if let e = parser.parse(bytes, into: &batch.events) {
                            problem(ImportProblem(file: name, line: number, reason: e.reason))
                        }
                    }
                    if batch.events.count >= batchSize { send() }
                    if stop.isSet { throw CancellationError() }
                }
                do {
                    try ByteSource.stream(path: path, part: { part in
                        name = part
                        splitter = LineSplitter(maxLine: maxLine)
                    }, chunk: { chunk in
                        try splitter.feed(chunk, handleLine)
                    }, endPart: {
                        try splitter.finish(handleLine)
                    })
                } catch is CancellationError {
                    break
                } catch {
                    problem(ImportProblem(file: name, line: nil, reason: "\(error)"))
                }
            }
            if !stop.isSet && (batch.rows > 0 || batch.failed > 0) { send() }
            continuation.finish()
        }
        thread.stackSize = 1 << 22
        thread.start()

        var summary = Summary()
        do {
            for await batch in stream {
                let counts: ImportCounts
                if batch.events.isEmpty {
                    counts = ImportCounts()
                } else if let fast = store as? any BatchImporting {
                    counts = try await fast.importBatch(batch.events)
                } else {
                    counts = try await store.importEvents(batch.events.storedEvents)
                }
                slots.signal()
                summary.rows += batch.rows
                summary.stored += counts.stored
                summary.duplicates += counts.duplicates
                summary.failed += batch.failed
                summary.errors += batch.errors
                progress(summary)
            }
        } catch {
            stop.set()
            slots.signal()
            slots.signal()
            throw error
        }
        return summary
    }
}

/// A flag the consumer raises to stop the reading thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
