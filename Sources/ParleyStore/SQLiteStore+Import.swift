import Foundation
import GRDB
import GRDBSQLite
import ParleyModel

/// Imports (deduplicated on origin + external id) and the daily dyad aggregate that keeps series fast at scale.
extension SQLiteStore: BatchImporting {
    static func registerImportMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-import-dedupe-dyad-day") { db in
            // One event per (origin, externalID): re-importing a GDELT file must not double it.
            try db.execute(sql: """
                DELETE FROM event WHERE externalID IS NOT NULL AND id NOT IN
                  (SELECT MIN(id) FROM event WHERE externalID IS NOT NULL GROUP BY origin, externalID)
                """)
            try db.execute(sql: "DROP INDEX IF EXISTS event_external")
            try db.execute(sql: "CREATE UNIQUE INDEX event_external ON event(origin, externalID) WHERE externalID IS NOT NULL")
            // Daily counts per (source, target, day, quad), by full actor code (dyad_day) and by the codes' first three
            // letters, the country (dyad_country_day): a dyad series reads a few hundred or thousand of these rows
            // instead of every event of the dyad. Kept exact by triggers on every insert, update and delete.
            for r in rollups {
                try db.execute(sql: """
                    CREATE TABLE \(r.table) (
                      sourceCode TEXT NOT NULL, targetCode TEXT NOT NULL, day REAL NOT NULL, quad INTEGER NOT NULL,
                      events INTEGER NOT NULL, goldsteinSum REAL NOT NULL, mentions INTEGER NOT NULL,
                      PRIMARY KEY (sourceCode, targetCode, day, quad)) WITHOUT ROWID
                    """)
            }
            for sql in rebuildRollupSQL { try db.execute(sql: sql) }
            try db.execute(sql: insertTriggerSQL)
            try db.execute(sql: trigger("dyad_day_on_delete", "AFTER DELETE ON event WHEN OLD.eventDay IS NOT NULL", subtract("OLD")))
            try db.execute(sql: trigger("dyad_day_on_update",
                                        "AFTER UPDATE OF sourceCode, targetCode, eventDay, quad, goldstein, mentions ON event",
                                        subtract("OLD", when: "OLD.eventDay IS NOT NULL") + add("NEW", when: "NEW.eventDay IS NOT NULL")))
        }
        m.registerMigration("v4-bulk-import-watermark") { db in
            // While a bulk import runs, `bulk_import.since` is the largest event id before it: rows above it are not yet
            // in the rollups (the insert trigger is suspended) and are added, from their final values, when it ends.
            // The delete and update triggers therefore only adjust the rollups for rows at or below it.
            try db.execute(sql: "CREATE TABLE bulk_import (since INTEGER NOT NULL)")
            try db.execute(sql: "DROP TRIGGER IF EXISTS dyad_day_on_delete")
            try db.execute(sql: "DROP TRIGGER IF EXISTS dyad_day_on_update")
            try db.execute(sql: trigger("dyad_day_on_delete", "AFTER DELETE ON event WHEN OLD.eventDay IS NOT NULL AND \(settled("OLD"))",
                                        subtract("OLD")))
            try db.execute(sql: trigger("dyad_day_on_update",
                                        "AFTER UPDATE OF sourceCode, targetCode, eventDay, quad, goldstein, mentions ON event",
                                        subtract("OLD", when: "OLD.eventDay IS NOT NULL AND \(settled("OLD"))")
                                        + add("NEW", when: "NEW.eventDay IS NOT NULL AND \(settled("NEW"))")))
            // Imported events have no document: index only the coded ones (`documentID = ?` implies NOT NULL, so
            // lookups and the cascade from `document` still use it), one B-tree insert fewer per imported row.
            try db.execute(sql: "DROP INDEX IF EXISTS event_document")
            try db.execute(sql: "CREATE INDEX event_document ON event(documentID) WHERE documentID IS NOT NULL")
        }
        m.registerMigration("v5-rollups-skip-negated") { db in
            // A negated event ("did not attack", "no talks were held") reports what did not happen: the rollups no
            // longer count it in its QuadClass. The triggers are recreated with that condition (the insert trigger
            // only if present: a bulk import under way recreates it when it ends) and the rollups rebuilt from the
            // rows they hold (those at or below a bulk import's watermark; the rest are added when it ends).
            let hadInsertTrigger = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'dyad_day_on_insert'") == 1
            for name in ["dyad_day_on_insert", "dyad_day_on_delete", "dyad_day_on_update"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)")
            }
            for r in rollups {
                try db.execute(sql: "DELETE FROM \(r.table)")
                try db.execute(sql: """
                    INSERT INTO \(r.table)
                    SELECT \(r.source("")), \(r.target("")), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
                    FROM event WHERE \(counted("event")) AND \(settled("event")) GROUP BY 1, 2, 3, 4
                    """)
            }
            if hadInsertTrigger { try db.execute(sql: insertTriggerSQL) }
            try db.execute(sql: deleteTriggerSQL)
            try db.execute(sql: updateTriggerSQL)
        }
    }

    struct Rollup: Sendable {
        var table: String
        var source: @Sendable (String) -> String
        var target: @Sendable (String) -> String
    }

    /// The rollup tables and their key expressions over a row alias ("NEW.", "OLD." or "").
    static let rollups: [Rollup] = [
        Rollup(table: "dyad_day", source: { "coalesce(\($0)sourceCode, '')" }, target: { "coalesce(\($0)targetCode, '')" }),
        Rollup(table: "dyad_country_day", source: { "substr(coalesce(\($0)sourceCode, ''), 1, 3)" },
               target: { "substr(coalesce(\($0)targetCode, ''), 1, 3)" }),
    ]

    /// True for a row the rollups already count (no bulk import under way, or the row predates it).
    static func settled(_ row: String) -> String {
        "\(row).id <= coalesce((SELECT MIN(since) FROM bulk_import), \(row).id)"
    }

    /// True for a row the rollups count: dated and not negated (a negated event reports what did not happen).
    static func counted(_ row: String) -> String {
        "\(row).eventDay IS NOT NULL AND \(row).negated = 0"
    }

    static func trigger(_ name: String, _ on: String, _ body: String) -> String {
        "CREATE TRIGGER IF NOT EXISTS \(name) \(on) BEGIN\n\(body)END"
    }

    static func add(_ row: String, when: String? = nil) -> String {
        rollups.map { r in
            """
            INSERT INTO \(r.table) SELECT \(r.source(row + ".")), \(r.target(row + ".")), \(row).eventDay, \(row).quad, 1,
              \(row).goldstein, \(row).mentions WHERE \(when ?? "1")
            ON CONFLICT DO UPDATE SET events = events + 1, goldsteinSum = goldsteinSum + excluded.goldsteinSum,
                                      mentions = mentions + excluded.mentions;

            """
        }.joined()
    }

    static func subtract(_ row: String, when: String? = nil) -> String {
        rollups.map { r in
            let key = "sourceCode = \(r.source(row + ".")) AND targetCode = \(r.target(row + ".")) AND day = \(row).eventDay AND quad = \(row).quad"
            let cond = when.map { "\($0) AND " } ?? ""
            return """
                UPDATE \(r.table) SET events = events - 1, goldsteinSum = goldsteinSum - \(row).goldstein, mentions = mentions - \(row).mentions
                WHERE \(cond)\(key);
                DELETE FROM \(r.table) WHERE \(cond)\(key) AND events <= 0;

                """
        }.joined()
    }

    static var insertTriggerSQL: String {
        trigger("dyad_day_on_insert", "AFTER INSERT ON event WHEN \(counted("NEW"))", add("NEW"))
    }

    static var deleteTriggerSQL: String {
        trigger("dyad_day_on_delete", "AFTER DELETE ON event WHEN \(counted("OLD")) AND \(settled("OLD"))", subtract("OLD"))
    }

    static var updateTriggerSQL: String {
        trigger("dyad_day_on_update", "AFTER UPDATE OF sourceCode, targetCode, eventDay, quad, goldstein, mentions, negated ON event",
                subtract("OLD", when: "\(counted("OLD")) AND \(settled("OLD"))") + add("NEW", when: "\(counted("NEW")) AND \(settled("NEW"))"))
    }

    static var rebuildRollupSQL: [String] {
        rollups.flatMap { r in
            ["DELETE FROM \(r.table)",
             """
             INSERT INTO \(r.table)
             SELECT \(r.source("")), \(r.target("")), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
             FROM event WHERE \(counted("event")) GROUP BY 1, 2, 3, 4
             """]
        }
    }

    /// Bulk mode: the dyad-keyed indexes and the per-row rollup trigger are suspended (every row would otherwise
    /// rewrite random pages of three B-trees); `endBulkImport` rebuilds the indexes by sorting once and adds the rows
    /// imported meanwhile (those above the `bulk_import` watermark) to the rollups with one GROUP BY over them alone.
    public func beginBulkImport() async throws {
        try await writer.write { db in
            // An interrupted bulk import leaves its (lower) watermark: keep it, its rows are not in the rollups either.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bulk_import") == 0 {
                try db.execute(sql: "INSERT INTO bulk_import SELECT coalesce(MAX(id), 0) FROM event")
            }
            try db.execute(sql: "DROP TRIGGER IF EXISTS dyad_day_on_insert")
            try db.execute(sql: "DROP INDEX IF EXISTS event_dyad_day")
            try db.execute(sql: "DROP INDEX IF EXISTS event_target_day")
        }
    }

    public func endBulkImport() async throws {
        try await writer.write { db in try Self.restoreBulkStructures(db) }
    }

    /// Rebuilds what bulk mode suspended (also run on open, in case a bulk import was interrupted): the two dyad
    /// indexes, the rollups (by adding the rows above the watermark, or from scratch when there is none), the trigger.
    static func restoreBulkStructures(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -262144")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS event_dyad_day ON event(sourceCode, targetCode, eventDay)")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS event_target_day ON event(targetCode, eventDay)")
        let hasTrigger = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'dyad_day_on_insert'") == 1
        if let since = try Int64.fetchOne(db, sql: "SELECT MIN(since) FROM bulk_import") {
            try RollupAggregator.addEvents(above: since, db)
            try db.execute(sql: "DELETE FROM bulk_import")
        } else if !hasTrigger {
            for sql in rebuildRollupSQL { try db.execute(sql: sql) }
        }
        try db.execute(sql: insertTriggerSQL)
        try db.execute(sql: "PRAGMA cache_size = -65536")
    }

    /// Adds the events above a watermark (bound as the one argument) to the rollups: one GROUP BY over those rows,
    /// merged into the rollups in key order. `RollupAggregator` computes the same by hash aggregation (the import
    /// path); this form is the definition its tests compare with.
    static var addRollupSQL: [String] {
        rollups.map { r in
            """
            INSERT INTO \(r.table)
            SELECT \(r.source("")), \(r.target("")), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
            FROM event WHERE id > ? AND \(counted("event")) GROUP BY 1, 2, 3, 4
            ON CONFLICT DO UPDATE SET events = events + excluded.events, goldsteinSum = goldsteinSum + excluded.goldsteinSum,
                                      mentions = mentions + excluded.mentions
            """
        }
    }

    /// Rows of the rollups that differ from the GROUP BY over the dated events they summarise, counted both ways
    /// (0 when the rollups are exact): a consistency check of their upkeep, in the rollups' own key expressions.
    public func rollupDiscrepancies() throws -> Int {
        try writer.read { db in
            var total = 0
            for r in Self.rollups {
                let direct = """
                    SELECT \(r.source("")), \(r.target("")), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
                    FROM event WHERE \(Self.counted("event")) GROUP BY 1, 2, 3, 4
                    """
                let rolled = "SELECT sourceCode, targetCode, day, quad, events, goldsteinSum, mentions FROM \(r.table)"
                total += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(direct) EXCEPT \(rolled))") ?? 0
                total += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(rolled) EXCEPT \(direct))") ?? 0
            }
            return total
        }
    }

    /// True when an interrupted bulk import left the store without its dyad upkeep.
    static func needsRestore(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('dyad_day_on_insert', 'event_dyad_day', 'event_target_day')") != 3
            || Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bulk_import") != 0
    }

    static let importEventSQL = insertEventSQL + " ON CONFLICT (origin, externalID) WHERE externalID IS NOT NULL DO NOTHING"

    public func importEvents(_ events: [StoredEvent]) async throws -> ImportCounts {
        try await writer.write { db in try Self.importEvents(events, db) }
    }

    /// The synchronous form, for bulk loaders that already run off the cooperative pool.
    public func importEventsSync(_ events: [StoredEvent]) throws -> ImportCounts {
        try writer.write { db in try Self.importEvents(events, db) }
    }

    static func importEvents(_ events: [StoredEvent], _ db: Database) throws -> ImportCounts {
        // A bounded page cache (64 MiB) keeps index updates in memory without growing with the data.
        try db.execute(sql: "PRAGMA cache_size = -65536")
        let statement = try db.cachedStatement(sql: importEventSQL)
        // Bound straight through SQLite's C API: building GRDB argument arrays cost more than the insert itself.
        let stmt = statement.sqliteStatement
        let connection = db.sqliteConnection
        var counts = ImportCounts()
        for e in events {
            sqlite3_reset(stmt)
            bindEvent(e, stmt)
            try stepImport(stmt, connection, sql: importEventSQL, counts: &counts)
        }
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        return counts
    }

    /// Runs one bound import INSERT of `rows` rows and counts those it stored and those the unique key ignored
    /// (duplicates). On failure the statement is reset and its bindings cleared (a batch's bindings point into its
    /// arena) before the error is thrown.
    @inline(__always)
    static func stepImport(_ stmt: OpaquePointer?, _ connection: OpaquePointer?, sql: String, rows: Int = 1,
                           counts: inout ImportCounts) throws {
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: sql)
        }
        let stored = Int(sqlite3_changes(connection))
        counts.stored += stored
        counts.duplicates += rows - stored
    }

    static let batchColumns = [
        "origin", "externalID", "sourceCode", "sourceText", "targetCode", "targetText", "cameo", "root", "quad", "goldstein",
        "date", "eventDay", "locationText", "locationStart", "locationEnd", "locationCountry", "published", "ingested",
        "sourceURL", "mentions", "sources", "articles", "tone",
    ]

    /// The columns an `ImportBatch` row fills; the others take their defaults (NULL, not negated, asserted).
    static let importBatchSQL = importBatchSQL(rows: 1)

    /// Rows per statement of the multi-row import INSERT: each statement's start and end (cursors opened on the
    /// table and its indexes, the AUTOINCREMENT counter read and written) are paid once for this many rows.
    static let importRowsPerStatement = 32

    /// The INSERT of `importRowsPerStatement` rows.
    static let importMultiSQL = importBatchSQL(rows: importRowsPerStatement)

    /// An INSERT of `rows` rows of `batchColumns`, skipping rows whose (origin, externalID) is stored (or earlier in
    /// the same statement).
    static func importBatchSQL(rows: Int) -> String {
        let row = "(" + batchColumns.map { _ in "?" }.joined(separator: ", ") + ")"
        return "INSERT INTO event (\(batchColumns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
            + " ON CONFLICT (origin, externalID) WHERE externalID IS NOT NULL DO NOTHING"
    }

    public func importBatch(_ batch: ImportBatch) async throws -> ImportCounts {
        try await writer.write { db in try Self.importBatch(batch, db) }
    }

    /// Inserts a batch's rows with their text bound in place (SQLITE_STATIC pointers into the batch's arena), in
    /// statements of `importRowsPerStatement` rows and one-row statements for the rest.
    static func importBatch(_ batch: ImportBatch, _ db: Database) throws -> ImportCounts {
        try db.execute(sql: "PRAGMA cache_size = -65536")
        let multiSQL = importMultiSQL
        let single = try db.cachedStatement(sql: importBatchSQL).sqliteStatement
        let multi = try db.cachedStatement(sql: multiSQL).sqliteStatement
        let connection = db.sqliteConnection
        let width = Int32(batchColumns.count)
        var counts = ImportCounts()
        let origin = batch.origin.rawValue
        try origin.withCString { originPointer in
            try batch.bytes.withUnsafeBufferPointer { arena in
                // A valid pointer for empty strings: a NULL pointer would bind NULL.
                let empty: StaticString = ""
                let emptyPointer = UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
                let base = arena.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyPointer
                /// Binds row `r` as the `slot`-th row of `stmt` (its parameters from slot × width + 1).
                func bind(_ r: ImportBatch.Row, _ stmt: OpaquePointer?, slot: Int32) {
                    let o = slot * width
                    func text(_ i: Int32, _ t: ImportBatch.Text) {
                        if t.count < 0 {
                            sqlite3_bind_null(stmt, o + i)
                        } else if t.count == 0 {
                            sqlite3_bind_text(stmt, o + i, emptyPointer, 0, nil)
                        } else {
                            sqlite3_bind_text(stmt, o + i, base + Int(t.start), t.count, nil)
                        }
                    }
                    func double(_ i: Int32, _ v: Double?) {
                        if let v { sqlite3_bind_double(stmt, o + i, v) } else { sqlite3_bind_null(stmt, o + i) }
                    }
                    sqlite3_bind_text(stmt, o + 1, originPointer, -1, nil)
                    text(2, r.externalID)
                    text(3, r.sourceCode); text(4, r.sourceCode.isNull ? .null : r.sourceText)
                    text(5, r.targetCode); text(6, r.targetCode.isNull ? .null : r.targetText)
                    text(7, r.cameo)
                    text(8, r.cameo.count >= 2 ? ImportBatch.Text(start: r.cameo.start, count: 2) : r.cameo)
                    sqlite3_bind_int64(stmt, o + 9, Int64(r.quad))
                    sqlite3_bind_double(stmt, o + 10, r.goldstein)
                    text(11, r.date)
                    double(12, r.eventDay)
                    if r.locationText.isNull {
                        for i: Int32 in 13...16 { sqlite3_bind_null(stmt, o + i) }
                    } else {
                        text(13, r.locationText)
                        sqlite3_bind_int64(stmt, o + 14, 0)
                        sqlite3_bind_int64(stmt, o + 15, 0)
                        text(16, r.locationCountry)
                    }
                    double(17, r.published)
                    sqlite3_bind_double(stmt, o + 18, batch.ingested)
                    text(19, r.sourceURL)
                    sqlite3_bind_int64(stmt, o + 20, Int64(r.mentions))
                    sqlite3_bind_int64(stmt, o + 21, Int64(r.sources))
                    sqlite3_bind_int64(stmt, o + 22, Int64(r.articles))
                    double(23, r.tone)
                }
                let rows = batch.rows
                let per = importRowsPerStatement
                var next = 0
                while rows.count - next >= per {
                    for k in 0..<per { bind(rows[next + k], multi, slot: Int32(k)) }
                    try stepImport(multi, connection, sql: multiSQL, rows: per, counts: &counts)
                    sqlite3_reset(multi)
                    next += per
                }
                while next < rows.count {
                    bind(rows[next], single, slot: 0)
                    try stepImport(single, connection, sql: importBatchSQL, counts: &counts)
                    sqlite3_reset(single)
                    next += 1
                }
                // No binding may outlive the arena.
                sqlite3_clear_bindings(multi)
                sqlite3_clear_bindings(single)
            }
        }
        return counts
    }

    /// Binds an event's values in `eventColumns` order (the same values as `arguments(_:)`).
    static func bindEvent(_ s: StoredEvent, _ stmt: OpaquePointer?) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var i: Int32 = 1
        func text(_ v: String?) {
            if let v { sqlite3_bind_text(stmt, i, v, Int32(v.utf8.count), transient) } else { sqlite3_bind_null(stmt, i) }
            i += 1
        }
        func int(_ v: Int?) {
            if let v { sqlite3_bind_int64(stmt, i, Int64(v)) } else { sqlite3_bind_null(stmt, i) }
            i += 1
        }
        func double(_ v: Double?) {
            if let v { sqlite3_bind_double(stmt, i, v) } else { sqlite3_bind_null(stmt, i) }
            i += 1
        }
        let e = s.event
        text(s.origin.rawValue); text(s.documentID); int(s.sentenceSpan == nil ? nil : e.sentence)
        int(s.sentenceSpan?.start); int(s.sentenceSpan?.end); text(s.sentenceText)
        int(e.trigger?.start); int(e.trigger?.end); text(e.triggerText)
        text(e.source?.code); text(e.source?.text); int(e.source?.span?.start); int(e.source?.span?.end)
        text(e.target?.code); text(e.target?.text); int(e.target?.span?.start); int(e.target?.span?.end)
        text(e.cameo); text(e.root); int(e.quad); double(e.goldstein); text(e.plover?.event); text(e.plover?.mode)
        text(e.plover.map { $0.context.joined(separator: ",") }); int(e.negated ? 1 : 0); text(e.modality.rawValue); text(e.date)
        double(s.eventDay?.timeIntervalSince1970); int(e.quote); text(e.location?.text); int(e.location?.span.start)
        int(e.location?.span.end); text(e.location?.country); double(s.published?.timeIntervalSince1970)
        double(s.ingested.timeIntervalSince1970); text(s.sourceURL); text(s.externalID)
        int(s.mentions); int(s.sources); int(s.articles); double(s.tone)
    }

    /// One bucket of a dyad series from the daily aggregate.
    public struct DyadDay: Hashable, Sendable {
        public var day: Date
        public var quad: Int
        public var events: Int
        public var goldsteinSum: Double
        public var mentions: Int
    }

    /// Daily event counts by QuadClass for a dyad (code prefixes, either direction unless `directed`) over a
    /// day range, from `dyad_day`. This is the shape a dyad series aggregates into weeks or months.
    public func dyadDays(_ a: String, _ b: String, directed: Bool = false, since: Date? = nil, until: Date? = nil) throws -> [DyadDay] {
        try writer.read { db in
            let (sql, args) = Self.dyadDaySQL(a, b, directed: directed, since: since, until: until)
            return try Row.fetchAll(db, sql: sql, arguments: args).map {
                DyadDay(day: Date(timeIntervalSince1970: $0[0]), quad: $0[1], events: $0[2], goldsteinSum: $0[3], mentions: $0[4])
            }
        }
    }

    /// A dyad series read with prefix codes cannot seek on (sourceCode, targetCode, day) directly: a range on
    /// sourceCode leaves targetCode unusable for the index. So the matching code pairs are enumerated first by a
    /// loose index scan (one seek per distinct code, through the recursive CTE), then each pair's day range is
    /// read with one seek: the cost is (pairs + days read), not the size of the prefix's share of the table.
    static func dyadDaySQL(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) -> (String, StatementArguments) {
        var args: [any DatabaseValueConvertible] = []
        let lo = since?.timeIntervalSince1970 ?? -1e300, hi = until?.timeIntervalSince1970 ?? 1e300
        if a.utf8.count == 3 && b.utf8.count == 3 {
            // Country dyads (the common case) read the country rollup with one seek per direction.
            var parts = ["SELECT day, quad, events, goldsteinSum, mentions FROM dyad_country_day WHERE sourceCode = ? AND targetCode = ? AND day >= ? AND day <= ?"]
            args += [a, b, lo, hi]
            if !directed && a != b {
                parts.append(parts[0])
                args += [b, a, lo, hi]
            }
            let sql = "SELECT day, quad, SUM(events), SUM(goldsteinSum), SUM(mentions) FROM (" + parts.joined(separator: " UNION ALL ")
                + ") GROUP BY day, quad ORDER BY day, quad"
            return (sql, StatementArguments(args))
        }
        func side(_ s: String, _ t: String, _ n: Int) -> String {
            let s2 = s + "\u{10FFFF}", t2 = t + "\u{10FFFF}"
            args += [s, s2, s2, t, t2, t2, lo, hi]
            return """
                s\(n)(code) AS (
                  SELECT (SELECT MIN(sourceCode) FROM dyad_day WHERE sourceCode >= ? AND sourceCode < ?)
                  UNION ALL
                  SELECT (SELECT MIN(sourceCode) FROM dyad_day WHERE sourceCode > s\(n).code AND sourceCode < ?)
                  FROM s\(n) WHERE s\(n).code IS NOT NULL),
                p\(n)(src, tgt) AS (
                  SELECT code, (SELECT MIN(targetCode) FROM dyad_day WHERE sourceCode = s\(n).code AND targetCode >= ? AND targetCode < ?)
                  FROM s\(n) WHERE code IS NOT NULL
                  UNION ALL
                  SELECT src, (SELECT MIN(targetCode) FROM dyad_day WHERE sourceCode = p\(n).src AND targetCode > p\(n).tgt AND targetCode < ?)
                  FROM p\(n) WHERE tgt IS NOT NULL),
                d\(n) AS (
                  SELECT d.day, d.quad, d.events, d.goldsteinSum, d.mentions FROM p\(n) JOIN dyad_day d
                  ON d.sourceCode = p\(n).src AND d.targetCode = p\(n).tgt AND d.day >= ? AND d.day <= ?
                  WHERE p\(n).tgt IS NOT NULL)
                """
        }
        var ctes = [side(a, b, 1)]
        var parts = ["SELECT * FROM d1"]
        if !directed && a != b {
            ctes.append(side(b, a, 2))
            parts.append("SELECT * FROM d2")
        }
        let sql = "WITH RECURSIVE " + ctes.joined(separator: ",\n") + "\nSELECT day, quad, SUM(events), SUM(goldsteinSum), SUM(mentions) FROM ("
            + parts.joined(separator: " UNION ALL ") + ") GROUP BY day, quad ORDER BY day, quad"
        return (sql, StatementArguments(args))
    }

    /// EXPLAIN QUERY PLAN of a dyad series read.
    public func dyadDaysPlan(_ a: String, _ b: String, directed: Bool = false) throws -> [String] {
        let (sql, args) = Self.dyadDaySQL(a, b, directed: directed, since: nil, until: nil)
        return try plan(sql, args)
    }

    /// EXPLAIN QUERY PLAN of an events query.
    public func eventsQueryPlan(_ q: EventQuery) throws -> [String] {
        if let (sql, args) = try writer.read({ db in try Self.dyadPairsSQL(q, db) }) {
            let arms = sql.components(separatedBy: "UNION ALL").count
            return ["merge of \(arms) (source, target) code pairs, each:"] + Array(try plan(sql, args).prefix(4))
        }
        let (sql, args) = Self.listingSQL(q, columns: "*")
        return try plan(sql, args)
    }

    /// EXPLAIN QUERY PLAN of any read (benchmarks and docs).
    public func queryPlan(_ sql: String, _ arguments: [String]) throws -> [String] {
        try plan(sql, StatementArguments(arguments))
    }

    func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    /// Runs a read and returns its row count (benchmarks).
    public func countRows(_ sql: String, _ arguments: [String]) throws -> Int {
        try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).count }
    }
}
