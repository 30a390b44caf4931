import Foundation
import ParleyModel
import ParleyStore
import PostgresNIO

extension PostgresStore {
    /// A dyad series read: two three-letter prefixes (country dyads, the usual case) read `dyad_country_day` with one
    /// primary-key range per direction; other prefixes read `dyad_day` by a source-code range with the target range
    /// checked inside the index.
    static func dyadDaySQL(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) -> SQL {
        var sql = SQL()
        let country = a.utf8.count == 3 && b.utf8.count == 3
        func side(_ s: String, _ t: String) -> String {
            var conds: [String]
            if country {
                conds = ["source_code = \(sql.bind(s))", "target_code = \(sql.bind(t))"]
            } else {
                conds = [sql.prefix("source_code", s), sql.prefix("target_code", t)]
            }
            if let since { conds.append("day >= \(sql.bind(since))") }
            if let until { conds.append("day <= \(sql.bind(until))") }
            return "SELECT day, quad, events, goldstein_sum, mentions FROM \(country ? "dyad_country_day" : "dyad_day") WHERE "
                + conds.joined(separator: " AND ")
        }
        var parts = [side(a, b)]
        if !directed && a != b { parts.append(side(b, a)) }
        sql.text = "SELECT day, quad, sum(events)::bigint, sum(goldstein_sum), sum(mentions)::bigint FROM ("
            + parts.joined(separator: " UNION ALL ") + ") s GROUP BY day, quad ORDER BY day, quad"
        return sql
    }

    static func dyadDays(_ rows: [PostgresRandomAccessRow]) throws -> [DyadDay] {
        try rows.map {
            DyadDay.bucket(day: try $0[0].decode(Date.self), quad: try $0[1].decode(Int.self), events: try $0[2].decode(Int.self),
                    goldsteinSum: try $0[3].decode(Double.self), mentions: try $0[4].decode(Int.self))
        }
    }

    public func dyadDays(_ a: String, _ b: String, directed: Bool = false, since: Date? = nil, until: Date? = nil) async throws -> [DyadDay] {
        try Self.dyadDays(try await rows("dyad series", Self.dyadDaySQL(a, b, directed: directed, since: since, until: until).query))
    }

    static func dyadEventsSQL(_ a: String, _ b: String, directed: Bool, since: Date?, until: Date?) -> SQL {
        var q = EventQuery(dyad: a, b, directed: directed)
        q.since = since
        q.until = until
        var sql = SQL()
        let whereSQL = whereClause(q, &sql)
        sql.text = "SELECT event_day, quad, count(*)::bigint, sum(goldstein), sum(mentions)::bigint FROM event" + whereSQL
            + (whereSQL.isEmpty ? " WHERE " : " AND ") + "event_day IS NOT NULL AND NOT negated GROUP BY event_day, quad ORDER BY event_day, quad"
        return sql
    }

    public func dyadDaysFromEvents(_ a: String, _ b: String, directed: Bool = false, since: Date? = nil,
                                   until: Date? = nil) async throws -> [DyadDay] {
        try Self.dyadDays(try await rows("dyad series (events)", Self.dyadEventsSQL(a, b, directed: directed, since: since, until: until).query))
    }

    public func dyadDaysPlan(_ a: String, _ b: String, directed: Bool = false) async throws -> [String] {
        try await plan(Self.dyadDaySQL(a, b, directed: directed, since: nil, until: nil))
    }

    public func dyadDaysFromEventsPlan(_ a: String, _ b: String, directed: Bool = false) async throws -> [String] {
        try await plan(Self.dyadEventsSQL(a, b, directed: directed, since: nil, until: nil))
    }
}
