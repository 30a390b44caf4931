import Foundation
import GRDB
import ParleyModel

/// One bucket of a dyad series: events, Goldstein sum and mentions of one day and QuadClass.
public typealias DyadDay = SQLiteStore.DyadDay

extension SQLiteStore.DyadDay {
    /// A bucket (the memberwise initializer is internal to this module).
    public static func bucket(day: Date, quad: Int, events: Int, goldsteinSum: Double, mentions: Int) -> Self {
        Self(day: day, quad: quad, events: events, goldsteinSum: goldsteinSum, mentions: mentions)
    }
}

/// A store that keeps daily dyad aggregates and can show its query plans: both backends (SQLite, PostgreSQL).
public protocol DyadSeriesStore: EventStore {
    /// Daily buckets by QuadClass for a dyad (code prefixes, either direction unless `directed`), from the daily
    /// aggregate, ordered by day and quad. Events without a day are not counted.
    func dyadDays(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) async throws -> [DyadDay]
    /// The same buckets by a GROUP BY over the event table: slow at scale, the reference the aggregate must equal.
    func dyadDaysFromEvents(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) async throws -> [DyadDay]
    /// The backend's plan (EXPLAIN) for a dyad series read.
    func dyadDaysPlan(_ a: String, _ b: String, directed: Bool) async throws -> [String]
    /// The backend's plan (EXPLAIN) for an events query.
    func eventsQueryPlan(_ q: EventQuery) async throws -> [String]
}

extension SQLiteStore: DyadSeriesStore {
    public func dyadDaysFromEvents(_ a: String, _ b: String, directed: Bool = false, since: Date? = nil,
                                   until: Date? = nil) async throws -> [DyadDay] {
        let (sql, args) = Self.dyadEventsSQL(a, b, directed: directed, since: since, until: until)
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map {
                DyadDay(day: Date(timeIntervalSince1970: $0[0]), quad: $0[1], events: $0[2], goldsteinSum: $0[3], mentions: $0[4])
            }
        }
    }

    /// EXPLAIN QUERY PLAN of the GROUP BY over the event table.
    public func dyadDaysFromEventsPlan(_ a: String, _ b: String, directed: Bool = false) throws -> [String] {
        let (sql, args) = Self.dyadEventsSQL(a, b, directed: directed, since: nil, until: nil)
        return try plan(sql, args)
    }

    static func dyadEventsSQL(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) -> (String, StatementArguments) {
        var q = EventQuery(dyad: a, b, directed: directed)
        q.since = since
        q.until = until
        let (whereSQL, args) = whereClause(q)
        let sql = "SELECT eventDay, quad, COUNT(*), SUM(goldstein), SUM(mentions) FROM event" + whereSQL
            + (whereSQL.isEmpty ? " WHERE " : " AND ") + "eventDay IS NOT NULL AND negated = 0 GROUP BY eventDay, quad ORDER BY eventDay, quad"
        return (sql, args)
    }
}
