import Foundation
import ParleyModel
import ParleyStore

/// Reads inputs and stores their documents in batched transactions: a crash loses at most the batch in flight,
/// and running the same ingest again stores exactly what is missing (texts are identified by their hash).
public struct Ingestor: Sendable {
    public struct Configuration: Sendable {
        public var reader = InputReader.Configuration()
        /// Documents per transaction.
        public var batchSize = 64
        /// The ingestion time to record (injected for tests); nil means the clock at each batch.
        public var now: Date?
        /// Code each new document (events, quotes, actors) as it is stored.
        public var code = true
        public init() {}
    }

    /// What an ingest run did.
    public struct Summary: Sendable, Codable {
        public var stored = 0
        public var duplicates = 0
        public var failed = 0
        public var errors: [IngestError] = []
        public var warnings: [IngestError] = []
        /// Ids of the documents stored by this run, in order.
        public var storedIDs: [String] = []
        public init() {}
    }

    public let store: any EventStore
    public let configuration: Configuration
    private let learned = OfficeBook()

    public init(store: any EventStore, configuration: Configuration = .init()) {
        self.store = store
        self.configuration = configuration
    }

    /// A coder that knows the offices learned so far (from the store, then from this run).
    private func currentCoder() async throws -> DocumentCoder {
        if !learned.loaded { learned.ledger.add(try await store.offices(knownAt: nil)); learned.loaded = true }
        return try learned.ledger.coder()
    }

    /// Ingests the given paths ("-" for standard input). `progress` is called after each batch with the running summary.
    public func ingest(paths: [String], progress: (Summary) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        let reader = InputReader(configuration: configuration.reader)
        let files = reader.expand(paths) { error in
            summary.failed += 1
            summary.errors.append(error)
        }
        var batch: [IngestedItem] = []
        for file in files {
            var results = reader.open(path: file)
            while let result = try results.next() {
                switch result {
                case .failure(let error):
                    summary.failed += 1
                    summary.errors.append(error)
                case .item(let item):
                    batch.append(item)
                    if batch.count >= configuration.batchSize {
                        try await flush(&batch, into: &summary)
                        progress(summary)
                    }
                }
            }
        }
        try await flush(&batch, into: &summary)
        progress(summary)
        return summary
    }

    /// Stores already-read items (the HTTP API's path); same batching and summary.
    public func ingest(items: [IngestedItem]) async throws -> Summary {
        var summary = Summary()
        var batch: [IngestedItem] = []
        for item in items {
            batch.append(item)
            if batch.count >= configuration.batchSize { try await flush(&batch, into: &summary) }
        }
        try await flush(&batch, into: &summary)
        return summary
    }

    private func flush(_ batch: inout [IngestedItem], into summary: inout Summary) async throws {
        guard !batch.isEmpty else { return }
        let now = configuration.now ?? Date()
        let docs = batch.map { Self.document(from: $0, ingested: now) }
        var codings = [DocumentCoding?](repeating: nil, count: docs.count)
        if configuration.code {
            let known = try await store.existingHashes(docs.map(\.contentHash))
            let coder = try await currentCoder()
            for (i, doc) in docs.enumerated() where !known.contains(doc.contentHash) {
                do {
                    codings[i] = try coder.code(doc).1
                } catch {
                    let item = batch[i]
                    summary.failed += 1
                    summary.errors.append(IngestError(file: item.file, line: item.line, item: item.item,
                                                      reason: "stored, but coding failed: \(error)"))
                }
            }
        }
        let outcomes = try await store.insert(Array(zip(docs, codings)))
        learned.ledger.add(codings.compactMap { $0?.offices }.flatMap { $0 })
        for (item, outcome) in zip(batch, outcomes) {
            for w in item.warnings {
                summary.warnings.append(IngestError(file: item.file, line: item.line, item: item.item, reason: w))
            }
            switch outcome {
            case .stored(let id):
                summary.stored += 1
                summary.storedIDs.append(id)
            case .duplicate:
                summary.duplicates += 1
            }
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// The stored form of a read item: id from the input, else from the text's hash.
    public static func document(from item: IngestedItem, ingested: Date) -> StoredDocument {
        let hash = ContentHash.of(item.text)
        return StoredDocument(id: item.id ?? String(hash.prefix(16)), url: item.url, outlet: item.outlet, title: item.title,
                              author: item.author, section: item.section, keywords: item.keywords, published: item.published,
                              ingested: ingested, text: item.text, contentHash: hash)
    }
}

/// Offices learned so far, one per person and code, and a coder that knows them, rebuilt only when a new one arrives.
public struct OfficeLedger: Sendable {
    public private(set) var facts: [OfficeFact] = []
    private var seen = Set<String>()
    private var current: DocumentCoder?

    public init() {}

    /// Adds the offices not known yet.
    public mutating func add(_ new: [OfficeFact]) {
        for f in new where seen.insert(f.person + "\u{1}" + f.code).inserted {
            facts.append(f)
            current = nil
        }
    }

    /// The coder for what is known now.
    public mutating func coder() throws -> DocumentCoder {
        if let current { return current }
        let coder = try DocumentCoder(knownPeople: facts)
        current = coder
        return coder
    }
}

/// The ledger of one ingest run, loaded from the store on first use.
/// `@unchecked Sendable`: used by one ingest task at a time (an Ingestor is not shared across concurrent runs).
final class OfficeBook: @unchecked Sendable {
    var ledger = OfficeLedger()
    var loaded = false
}
