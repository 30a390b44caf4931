import Foundation
import GRDB
import ParleyModel

/// Imports (deduplicated on origin + external id) and the daily dyad aggregate that keeps series fast at scale.
extension SQLiteStore {
    static func registerImportMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-import-dedupe-dyad-day") { db in
            // One event per (origin, externalID): re-importing a GDELT file must not double it.
            try db.execute(sql: """
                DELETE FROM event WHERE externalID IS NOT NULL AND id NOT IN
                  (SELECT MIN(id) FROM event WHERE externalID IS NOT NULL GROUP BY origin, externalID)
                """)
            try db.execute(sql: "DROP INDEX IF EXISTS event_external")
            try db.execute(sql: "CREATE UNIQUE INDEX event_external ON event(origin, externalID) WHERE externalID IS NOT NULL")
            // Daily counts per (source, target, day, quad): a dyad series reads a few hundred of these rows
            // instead of scanning every event of the dyad. Kept exact by triggers on every insert, update and delete.
            try db.execute(sql: """
                CREATE TABLE dyad_day (
                  sourceCode TEXT NOT NULL, targetCode TEXT NOT NULL, day REAL NOT NULL, quad INTEGER NOT NULL,
                  events INTEGER NOT NULL, goldsteinSum REAL NOT NULL, mentions INTEGER NOT NULL,
                  PRIMARY KEY (sourceCode, targetCode, day, quad)) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE INDEX dyad_day_target ON dyad_day(targetCode, sourceCode, day)")
            try db.execute(sql: """
                INSERT INTO dyad_day
                SELECT coalesce(sourceCode, ''), coalesce(targetCode, ''), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
                FROM event WHERE eventDay IS NOT NULL GROUP BY 1, 2, 3, 4
                """)
            try db.execute(sql: insertTriggerSQL)
            try db.execute(sql: """
                CREATE TRIGGER dyad_day_on_delete AFTER DELETE ON event WHEN OLD.eventDay IS NOT NULL BEGIN
                  UPDATE dyad_day SET events = events - 1, goldsteinSum = goldsteinSum - OLD.goldstein,
                                            mentions = mentions - OLD.mentions
                  WHERE sourceCode = coalesce(OLD.sourceCode, '') AND targetCode = coalesce(OLD.targetCode, '')
                    AND day = OLD.eventDay AND quad = OLD.quad;
                  DELETE FROM dyad_day
                  WHERE sourceCode = coalesce(OLD.sourceCode, '') AND targetCode = coalesce(OLD.targetCode, '')
                    AND day = OLD.eventDay AND quad = OLD.quad AND events <= 0;
                END
                """)
            try db.execute(sql: """
                CREATE TRIGGER dyad_day_on_update AFTER UPDATE OF sourceCode, targetCode, eventDay, quad, goldstein, mentions
                ON event BEGIN
                  UPDATE dyad_day SET events = events - 1, goldsteinSum = goldsteinSum - OLD.goldstein,
                                            mentions = mentions - OLD.mentions
                  WHERE OLD.eventDay IS NOT NULL AND sourceCode = coalesce(OLD.sourceCode, '')
                    AND targetCode = coalesce(OLD.targetCode, '') AND day = OLD.eventDay AND quad = OLD.quad;
                  DELETE FROM dyad_day
                  WHERE OLD.eventDay IS NOT NULL AND sourceCode = coalesce(OLD.sourceCode, '')
                    AND targetCode = coalesce(OLD.targetCode, '') AND day = OLD.eventDay AND quad = OLD.quad AND events <= 0;
                  INSERT INTO dyad_day SELECT coalesce(NEW.sourceCode, ''), coalesce(NEW.targetCode, ''), NEW.eventDay,
                                                    NEW.quad, 1, NEW.goldstein, NEW.mentions WHERE NEW.eventDay IS NOT NULL
                  ON CONFLICT DO UPDATE SET events = events + 1, goldsteinSum = goldsteinSum + excluded.goldsteinSum,
                                            mentions = mentions + excluded.mentions;
                END
                """)
        }
    }

    static let insertTriggerSQL = """
        CREATE TRIGGER IF NOT EXISTS dyad_day_on_insert AFTER INSERT ON event WHEN NEW.eventDay IS NOT NULL BEGIN
          INSERT INTO dyad_day VALUES (coalesce(NEW.sourceCode, ''), coalesce(NEW.targetCode, ''), NEW.eventDay,
                                       NEW.quad, 1, NEW.goldstein, NEW.mentions)
          ON CONFLICT DO UPDATE SET events = events + 1, goldsteinSum = goldsteinSum + excluded.goldsteinSum,
                                    mentions = mentions + excluded.mentions;
        END
        """

    /// Bulk mode: the dyad-keyed indexes and the per-row dyad_day trigger are dropped (every row would otherwise
    /// rewrite random pages of three B-trees), then rebuilt once by sorting in `endBulkImport`.
    public func beginBulkImport() async throws {
        try await writer.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS dyad_day_on_insert")
            try db.execute(sql: "DROP INDEX IF EXISTS event_dyad_day")
            try db.execute(sql: "DROP INDEX IF EXISTS event_target_day")
        }
    }

    public func endBulkImport() async throws {
        try await writer.write { db in try Self.restoreBulkStructures(db) }
    }

    /// Rebuilds what bulk mode dropped (also run on open, in case a bulk import was interrupted).
    static func restoreBulkStructures(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -262144")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS event_dyad_day ON event(sourceCode, targetCode, eventDay)")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS event_target_day ON event(targetCode, eventDay)")
        try db.execute(sql: "DELETE FROM dyad_day")
        try db.execute(sql: """
            INSERT INTO dyad_day
            SELECT coalesce(sourceCode, ''), coalesce(targetCode, ''), eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions)
            FROM event WHERE eventDay IS NOT NULL GROUP BY 1, 2, 3, 4
            """)
        try db.execute(sql: insertTriggerSQL)
        try db.execute(sql: "PRAGMA cache_size = -65536")
    }

    /// True when an interrupted bulk import left the store without its dyad upkeep.
    static func needsRestore(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('dyad_day_on_insert', 'event_dyad_day', 'event_target_day')") != 3
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
        var counts = ImportCounts()
        for e in events {
            try statement.execute(arguments: arguments(e))
            if db.changesCount > 0 { counts.stored += 1 } else { counts.duplicates += 1 }
        }
        return counts
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

    static func dyadDaySQL(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) -> (String, StatementArguments) {
        var args: [any DatabaseValueConvertible] = []
        func side(_ s: String, _ t: String) -> String {
            var c = prefixCondition("sourceCode", s, &args) + " AND " + prefixCondition("targetCode", t, &args)
            if let since { c += " AND day >= ?"; args.append(since.timeIntervalSince1970) }
            if let until { c += " AND day <= ?"; args.append(until.timeIntervalSince1970) }
            return "SELECT day, quad, events, goldsteinSum, mentions FROM dyad_day WHERE " + c
        }
        var parts = [side(a, b)]
        if !directed && a != b { parts.append(side(b, a)) }
        let sql = "SELECT day, quad, SUM(events), SUM(goldsteinSum), SUM(mentions) FROM (" + parts.joined(separator: " UNION ALL ")
            + ") GROUP BY day, quad ORDER BY day, quad"
        return (sql, StatementArguments(args))
    }

    /// EXPLAIN QUERY PLAN of a dyad series read.
    public func dyadDaysPlan(_ a: String, _ b: String, directed: Bool = false) throws -> [String] {
        let (sql, args) = Self.dyadDaySQL(a, b, directed: directed, since: nil, until: nil)
        return try plan(sql, args)
    }

    /// EXPLAIN QUERY PLAN of an events query.
    public func eventsQueryPlan(_ q: EventQuery) throws -> [String] {
        let (whereSQL, args) = Self.whereClause(q)
        var sql = "SELECT * FROM event" + whereSQL + " ORDER BY eventDay, id"
        if let limit = q.limit { sql += " LIMIT \(max(0, limit))" }
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
