import Foundation
import GRDB
import ParleyModel

/// The embedded store: SQLite through GRDB, WAL mode, schema by migrations.
public struct SQLiteStore: EventStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path`, and migrates it.
    public init(path: String) throws {
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Reads through a memory map of the file (up to 1 GiB): no read() call and copy per page, and the
                // pages are the OS's cache, shared by every connection, instead of each connection's own.
                try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            }
            let pool = try DatabasePool(path: path, configuration: config)
            self.writer = pool
        } catch {
            throw StoreError(.cannotOpen, "cannot open SQLite database at \(path): \(error)", underlying: error)
        }
        try migrate()
    }

    /// An in-memory store, for tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue())
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try migrate()
    }

    private func migrate() throws {
        do {
            try Self.migrator.migrate(writer)
            if try writer.read(Self.needsRestore) { try writer.write(Self.restoreBulkStructures) }
        } catch {
            throw StoreError(.migration, "database migration failed: \(error)", underlying: error)
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-documents") { db in
            try db.create(table: "document") { t in
                t.primaryKey("id", .text)
                t.column("url", .text)
                t.column("outlet", .text)
                t.column("title", .text)
                t.column("author", .text)
                t.column("section", .text)
                t.column("keywords", .text).notNull().defaults(to: "[]")
                t.column("published", .double)
                t.column("ingested", .double).notNull()
                t.column("text", .text).notNull()
                t.column("contentHash", .text).notNull().unique()
            }
            try db.create(index: "document_published", on: "document", columns: ["published"])
            try db.create(index: "document_outlet", on: "document", columns: ["outlet"])
        }
        registerEventMigrations(&m)
        registerCodingMigrations(&m)
        registerImportMigrations(&m)
        return m
    }

    public func insert(_ documents: [StoredDocument]) async throws -> [InsertOutcome] {
        try await insert(documents.map { ($0, nil) })
    }

    public func insert(_ batch: [(StoredDocument, DocumentCoding?)]) async throws -> [InsertOutcome] {
        try await writer.write { db in
            try batch.map { doc, coding in
                let outcome = try Self.insert(doc, db)
                if case .stored(let id) = outcome, var coding {
                    coding.reassign(to: id)
                    try Self.writeCoding(coding, db)
                }
                return outcome
            }
        }
    }

    public func existingHashes(_ hashes: [String]) async throws -> Set<String> {
        try await writer.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: hashes.count, by: 500) {
                let part = Array(hashes[chunk..<min(hashes.count, chunk + 500)])
                let marks = part.map { _ in "?" }.joined(separator: ",")
                found.formUnion(try String.fetchAll(db, sql: "SELECT contentHash FROM document WHERE contentHash IN (\(marks))",
                                                    arguments: StatementArguments(part)))
            }
            return found
        }
    }

    private static func insert(_ doc: StoredDocument, _ db: Database) throws -> InsertOutcome {
        if let existing = try String.fetchOne(db, sql: "SELECT id FROM document WHERE contentHash = ?", arguments: [doc.contentHash]) {
            return .duplicate(of: existing)
        }
        var id = doc.id
        // The same id with another text: keep both, the newcomer under an id its hash disambiguates.
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [id]) == true {
            id = "\(doc.id)~\(doc.contentHash.prefix(8))"
        }
        var row = DocumentRow(doc)
        row.id = id
        try row.insert(db)
        return .stored(id: id)
    }

    public func document(id: String) async throws -> StoredDocument? {
        try await writer.read { db in try DocumentRow.fetchOne(db, key: id)?.model }
    }

    public func documents(_ query: DocumentQuery) async throws -> [StoredDocument] {
        try await writer.read { db in
            var request = DocumentRow.all()
            if let since = query.since { request = request.filter(Column("published") >= since.timeIntervalSince1970) }
            if let until = query.until { request = request.filter(Column("published") <= until.timeIntervalSince1970) }
            if let outlet = query.outlet { request = request.filter(Column("outlet").collating(.nocase) == outlet) }
            if let knownAt = query.knownAt { request = request.filter(Column("ingested") <= knownAt.timeIntervalSince1970) }
            request = request.order(Column("published").ascNullsLast, Column("id"))
            if let limit = query.limit { request = request.limit(limit) }
            return try request.fetchAll(db).map(\.model)
        }
    }

    public func documentCount() async throws -> Int {
        try await writer.read { db in try DocumentRow.fetchCount(db) }
    }

    /// SQLite's own consistency check ("ok" when sound).
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}

/// The `document` table's row. Times are stored as Unix seconds so range queries use the index directly.
struct DocumentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "document"
    var id: String
    var url: String?
    var outlet: String?
    var title: String?
    var author: String?
    var section: String?
    var keywords: String
    var published: Double?
    var ingested: Double
    var text: String
    var contentHash: String

    init(_ d: StoredDocument) {
        id = d.id
        url = d.url
        outlet = d.outlet
        title = d.title
        author = d.author
        section = d.section
        keywords = (try? String(decoding: JSONEncoder().encode(d.keywords), as: UTF8.self)) ?? "[]"
        published = d.published?.timeIntervalSince1970
        ingested = d.ingested.timeIntervalSince1970
        text = d.text
        contentHash = d.contentHash
    }

    var model: StoredDocument {
        StoredDocument(id: id, url: url, outlet: outlet, title: title, author: author, section: section,
                       keywords: (try? JSONDecoder().decode([String].self, from: Data(keywords.utf8))) ?? [],
                       published: published.map { Date(timeIntervalSince1970: $0) },
                       ingested: Date(timeIntervalSince1970: ingested), text: text, contentHash: contentHash)
    }
}
