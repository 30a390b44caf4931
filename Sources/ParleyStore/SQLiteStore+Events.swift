import Foundation
import GRDB
import GRDBSQLite
import ParleyModel

extension SQLiteStore {
    static func registerEventMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-events") { db in
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("origin", .text).notNull()
                t.column("documentID", .text).references("document", onDelete: .cascade)
                t.column("sentence", .integer)
                t.column("sentenceStart", .integer)
                t.column("sentenceEnd", .integer)
                t.column("sentenceText", .text)
                t.column("triggerStart", .integer)
                t.column("triggerEnd", .integer)
                t.column("triggerText", .text)
                t.column("sourceCode", .text)
                t.column("sourceText", .text)
                t.column("sourceStart", .integer)
                t.column("sourceEnd", .integer)
                t.column("targetCode", .text)
                t.column("targetText", .text)
                t.column("targetStart", .integer)
                t.column("targetEnd", .integer)
                t.column("cameo", .text).notNull()
                t.column("root", .text).notNull()
                t.column("quad", .integer).notNull()
                t.column("goldstein", .double).notNull()
                t.column("ploverEvent", .text)
                t.column("ploverMode", .text)
                t.column("ploverContext", .text)
                t.column("negated", .boolean).notNull().defaults(to: false)
                t.column("modality", .text).notNull().defaults(to: "asserted")
                t.column("date", .text)
                t.column("eventDay", .double)
                t.column("quote", .integer)
                t.column("locationText", .text)
                t.column("locationStart", .integer)
                t.column("locationEnd", .integer)
                t.column("locationCountry", .text)
                t.column("published", .double)
                t.column("ingested", .double).notNull()
                t.column("sourceURL", .text)
                t.column("externalID", .text)
                t.column("mentions", .integer).notNull().defaults(to: 1)
                t.column("sources", .integer).notNull().defaults(to: 1)
                t.column("articles", .integer).notNull().defaults(to: 1)
                t.column("tone", .double)
            }
            // Dyad series read (source, target, day) ranges; actor filters are code-prefix ranges on either side.
            try db.create(index: "event_dyad_day", on: "event", columns: ["sourceCode", "targetCode", "eventDay"])
            try db.create(index: "event_target_day", on: "event", columns: ["targetCode", "eventDay"])
            try db.create(index: "event_day", on: "event", columns: ["eventDay"])
            try db.create(index: "event_document", on: "event", columns: ["documentID"])
            try db.create(index: "event_external", on: "event", columns: ["origin", "externalID"])
        }
    }

    static let eventColumns = [
        "origin", "documentID", "sentence", "sentenceStart", "sentenceEnd", "sentenceText", "triggerStart", "triggerEnd",
        "triggerText", "sourceCode", "sourceText", "sourceStart", "sourceEnd", "targetCode", "targetText", "targetStart",
        "targetEnd", "cameo", "root", "quad", "goldstein", "ploverEvent", "ploverMode", "ploverContext", "negated",
        "modality", "date", "eventDay", "quote", "locationText", "locationStart", "locationEnd", "locationCountry",
        "published", "ingested", "sourceURL", "externalID", "mentions", "sources", "articles", "tone",
    ]

    static let insertEventSQL = "INSERT INTO event (\(eventColumns.joined(separator: ", "))) VALUES (\(eventColumns.map { _ in "?" }.joined(separator: ", ")))"

    static func arguments(_ s: StoredEvent) -> StatementArguments {
        let e = s.event
        let values: [(any DatabaseValueConvertible)?] = [
            s.origin.rawValue, s.documentID, s.sentenceSpan == nil ? nil : e.sentence, s.sentenceSpan?.start, s.sentenceSpan?.end,
            s.sentenceText, e.trigger?.start, e.trigger?.end, e.triggerText,
            e.source?.code, e.source?.text, e.source?.span?.start, e.source?.span?.end,
            e.target?.code, e.target?.text, e.target?.span?.start, e.target?.span?.end,
            e.cameo, e.root, e.quad, e.goldstein, e.plover?.event, e.plover?.mode,
            e.plover.map { $0.context.joined(separator: ",") }, e.negated, e.modality.rawValue, e.date,
            s.eventDay?.timeIntervalSince1970, e.quote, e.location?.text, e.location?.span.start, e.location?.span.end,
            e.location?.country, s.published?.timeIntervalSince1970, s.ingested.timeIntervalSince1970, s.sourceURL,
            s.externalID, s.mentions, s.sources, s.articles, s.tone,
        ]
        return StatementArguments(values)
    }

    /// The columns an event is read from, in the order `storedEvent` decodes them: the id, then `eventColumns`.
    static let selectEventColumns = "id, " + eventColumns.joined(separator: ", ")
    /// Each event column's position in `selectEventColumns` (looked up once by name, so the two cannot drift apart).
    struct EventColumn {
        let origin, documentID, sentence, sentenceStart, sentenceEnd, sentenceText, triggerStart, triggerEnd, triggerText: Int32
        let sourceCode, sourceText, sourceStart, sourceEnd, targetCode, targetText, targetStart, targetEnd, cameo, root, quad: Int32
        let goldstein, ploverEvent, ploverMode, ploverContext, negated, modality, date, eventDay, quote, locationText, locationStart, locationEnd, locationCountry: Int32
        let published, ingested, sourceURL, externalID, mentions, sources, articles, tone: Int32

        init(_ columns: [String]) {
            func at(_ name: String) -> Int32 { Int32(columns.firstIndex(of: name)! + 1) }
            origin = at("origin")
            documentID = at("documentID")
            sentence = at("sentence")
            sentenceStart = at("sentenceStart")
            sentenceEnd = at("sentenceEnd")
            sentenceText = at("sentenceText")
            triggerStart = at("triggerStart")
            triggerEnd = at("triggerEnd")
            triggerText = at("triggerText")
            sourceCode = at("sourceCode")
            sourceText = at("sourceText")
            sourceStart = at("sourceStart")
            sourceEnd = at("sourceEnd")
            targetCode = at("targetCode")
            targetText = at("targetText")
            targetStart = at("targetStart")
            targetEnd = at("targetEnd")
            cameo = at("cameo")
            root = at("root")
            quad = at("quad")
            goldstein = at("goldstein")
            ploverEvent = at("ploverEvent")
            ploverMode = at("ploverMode")
            ploverContext = at("ploverContext")
            negated = at("negated")
            modality = at("modality")
            date = at("date")
            eventDay = at("eventDay")
            quote = at("quote")
            locationText = at("locationText")
            locationStart = at("locationStart")
            locationEnd = at("locationEnd")
            locationCountry = at("locationCountry")
            published = at("published")
            ingested = at("ingested")
            sourceURL = at("sourceURL")
            externalID = at("externalID")
            mentions = at("mentions")
            sources = at("sources")
            articles = at("articles")
            tone = at("tone")
        }
    }
    static let column = EventColumn(eventColumns)

    /// Runs `SELECT \(selectEventColumns) ...` and reads its rows as events.
    static func fetchEvents(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredEvent] {
        try fetch(db, sql: sql, arguments: arguments, row: storedEvent)
    }

    /// Runs a query and reads each row with `row`, column by position straight from SQLite's C API: GRDB's generic row
    /// decoding (a metadata lookup per value) was most of the time of a large listing.
    static func fetch<T>(_ db: Database, sql: String, arguments: StatementArguments, row: (OpaquePointer?) -> T) throws -> [T] {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        var rows: [T] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            rows.append(row(stmt))
        }
        return rows
    }

    /// The event on the current row of a `SELECT \(selectEventColumns)` statement.
    static func storedEvent(_ stmt: OpaquePointer?) -> StoredEvent {
        let c = column
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(stmt, i) != SQLITE_NULL, let p = sqlite3_column_text(stmt, i) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))), as: UTF8.self)
        }
        func int(_ i: Int32) -> Int? { isNull(i) ? nil : Int(sqlite3_column_int64(stmt, i)) }
        func double(_ i: Int32) -> Double? { isNull(i) ? nil : sqlite3_column_double(stmt, i) }
        func date(_ i: Int32) -> Date? { double(i).map { Date(timeIntervalSince1970: $0) } }
        func span(_ a: Int32, _ b: Int32) -> Span? {
            guard let s = int(a), let e = int(b) else { return nil }
            return Span(s, e)
        }
        let source: EventActor? = text(c.sourceCode).map { EventActor(code: $0, text: text(c.sourceText) ?? "", span: span(c.sourceStart, c.sourceEnd)) }
        let target: EventActor? = text(c.targetCode).map { EventActor(code: $0, text: text(c.targetText) ?? "", span: span(c.targetStart, c.targetEnd)) }
        let plover: PloverCode? = text(c.ploverEvent).map { ev in
            let ctx = text(c.ploverContext) ?? ""
            return PloverCode(event: ev, mode: text(c.ploverMode), context: ctx.isEmpty ? [] : ctx.split(separator: ",").map(String.init))
        }
        let location: EventLocation? = text(c.locationText).flatMap { t in
            span(c.locationStart, c.locationEnd).map { EventLocation(text: t, span: $0, country: text(c.locationCountry)) }
        }
        let event = Event(sentence: int(c.sentence) ?? 0, trigger: span(c.triggerStart, c.triggerEnd), triggerText: text(c.triggerText),
                          source: source, target: target, cameo: text(c.cameo) ?? "", goldstein: double(c.goldstein) ?? 0,
                          quad: int(c.quad) ?? 0, plover: plover, negated: (int(c.negated) ?? 0) != 0,
                          modality: text(c.modality).flatMap(Modality.init(rawValue:)) ?? .asserted,
                          date: text(c.date), quote: int(c.quote), location: location)
        return StoredEvent(id: sqlite3_column_int64(stmt, 0), event: event,
                           origin: text(c.origin).flatMap(EventOrigin.init(rawValue:)) ?? .coded,
                           documentID: text(c.documentID), sentenceSpan: span(c.sentenceStart, c.sentenceEnd),
                           sentenceText: text(c.sentenceText), published: date(c.published),
                           ingested: date(c.ingested) ?? Date(timeIntervalSince1970: 0), eventDay: date(c.eventDay),
                           sourceURL: text(c.sourceURL), externalID: text(c.externalID), mentions: int(c.mentions) ?? 1,
                           sources: int(c.sources) ?? 1, articles: int(c.articles) ?? 1, tone: double(c.tone))
    }

    /// SQL for a code-prefix match that can use an index: code >= prefix AND code < prefix+1.
    static func prefixCondition(_ column: String, _ prefix: String, _ args: inout [any DatabaseValueConvertible]) -> String {
        args.append(prefix)
        args.append(prefix + "\u{10FFFF}")
        return "(\(column) >= ? AND \(column) < ?)"
    }

    /// The conditions of `whereClause` as " AND …" to append to another condition ("" for none).
    static func andClause(_ q: EventQuery) -> (String, StatementArguments) {
        let (whereSQL, args) = whereClause(q)
        return (whereSQL.isEmpty ? "" : " AND " + whereSQL.dropFirst(" WHERE ".count), args)
    }

    static func whereClause(_ q: EventQuery) -> (String, StatementArguments) {
        var conds: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if let pair = q.dyadPair {
            let ab = prefixCondition("sourceCode", pair.a, &args) + " AND " + prefixCondition("targetCode", pair.b, &args)
            if q.directed {
                conds.append("(\(ab))")
            } else {
                let ba = prefixCondition("sourceCode", pair.b, &args) + " AND " + prefixCondition("targetCode", pair.a, &args)
                conds.append("((\(ab)) OR (\(ba)))")
            }
        }
        if let actor = q.actor {
            conds.append("(" + prefixCondition("sourceCode", actor, &args) + " OR " + prefixCondition("targetCode", actor, &args) + ")")
        }
        if let code = q.code { conds.append(prefixCondition("cameo", code, &args)) }
        if let since = q.since { conds.append("eventDay >= ?"); args.append(since.timeIntervalSince1970) }
        if let until = q.until { conds.append("eventDay <= ?"); args.append(until.timeIntervalSince1970) }
        if let asOf = q.asOf { conds.append("published <= ?"); args.append(asOf.timeIntervalSince1970) }
        if let knownAt = q.knownAt { conds.append("ingested <= ?"); args.append(knownAt.timeIntervalSince1970) }
        if let doc = q.documentID { conds.append("documentID = ?"); args.append(doc) }
        if let origin = q.origin { conds.append("origin = ?"); args.append(origin.rawValue) }
        if let after = q.after {
            if let day = after.day {
                // A range on the day (an index can seek it), then the id among that day's rows.
                conds.append("eventDay >= ? AND (eventDay > ? OR id > ?)")
                args += [day.timeIntervalSince1970, day.timeIntervalSince1970, after.id]
            } else {
                conds.append("((eventDay IS NULL AND id > ?) OR eventDay IS NOT NULL)")
                args.append(after.id)
            }
        }
        let sql = conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")
        return (sql, StatementArguments(args))
    }

    public func insertEvents(_ events: [StoredEvent]) async throws {
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: Self.insertEventSQL)
            for e in events { try statement.execute(arguments: Self.arguments(e)) }
        }
    }

    public func replaceEvents(documentID: String, with events: [StoredEvent]) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM event WHERE documentID = ?", arguments: [documentID])
            let statement = try db.cachedStatement(sql: Self.insertEventSQL)
            for e in events { try statement.execute(arguments: Self.arguments(e)) }
        }
    }

    /// Rows in listing order, (day, id) with unknown days first as SQLite orders NULLs; sorted by index, so that large
    /// values are copied once.
    static func inDayOrder<T>(_ rows: [T], day: KeyPath<T, Date?>, id: KeyPath<T, Int64?>) -> [T] {
        let keys = rows.map { ($0[keyPath: day]?.timeIntervalSince1970 ?? -.infinity, $0[keyPath: id] ?? 0) }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    /// The digest columns, in the order `digest` decodes them (the day and id first: the dyad merge orders by them).
    static let digestColumns = "eventDay, id, sourceCode, targetCode, cameo, negated, quad, goldstein, mentions"

    /// The digest on the current row of a `SELECT \(digestColumns)` statement.
    static func digest(_ stmt: OpaquePointer?) -> EventDigest {
        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(stmt, i) != SQLITE_NULL, let p = sqlite3_column_text(stmt, i) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))), as: UTF8.self)
        }
        let day = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? nil : Date(timeIntervalSince1970: sqlite3_column_double(stmt, 0))
        return EventDigest(id: sqlite3_column_int64(stmt, 1), eventDay: day, sourceCode: text(2), targetCode: text(3),
                           cameo: text(4) ?? "", negated: sqlite3_column_int64(stmt, 5) != 0, quad: Int(sqlite3_column_int64(stmt, 6)),
                           goldstein: sqlite3_column_double(stmt, 7), mentions: Int(sqlite3_column_int64(stmt, 8)))
    }

    /// As `events`, reading only the digest columns; a dyad's rows come straight from the merge of its code pairs'
    /// index ranges (no second lookup by id).
    public func eventDigests(_ q: EventQuery) async throws -> [EventDigest] {
        try await writer.read { db in
            let whole = q.limit == nil && q.offset == nil
            if let (sql, args) = try Self.dyadPairsSQL(q, db, columns: Self.digestColumns, ordered: !whole) {
                let digests = try Self.fetch(db, sql: sql, arguments: args, row: Self.digest)
                return whole ? Self.inDayOrder(digests, day: \.eventDay, id: \.id) : digests
            }
            let (sql, args) = Self.listingSQL(q, columns: Self.digestColumns)
            return try Self.fetch(db, sql: sql, arguments: args, row: Self.digest)
        }
    }

    public func events(_ q: EventQuery) async throws -> [StoredEvent] {
        try await writer.read { db in
            let whole = q.limit == nil && q.offset == nil
            if let (sql, args) = try Self.dyadPairsSQL(q, db, columns: whole ? Self.selectEventColumns : "eventDay, id", ordered: !whole) {
                // A whole dyad: every pair's rows in one pass, then ordered here. A page: its ids from the dyad index
                // alone, then their rows.
                if whole { return Self.inDayOrder(try Self.fetchEvents(db, sql: sql, arguments: args), day: \.eventDay, id: \.id) }
                let keys = try Row.fetchAll(db, sql: sql, arguments: args).map { $0[1] as Int64 }
                return try Self.rows(ids: keys, db)
            }
            let (sql, args) = Self.listingSQL(q, columns: Self.selectEventColumns)
            return try Self.fetchEvents(db, sql: sql, arguments: args)
        }
    }

    /// The plain listing of a query (no dyad merge): its filters, in (day, id) order, with its limit and offset.
    static func listingSQL(_ q: EventQuery, columns: String) -> (String, StatementArguments) {
        let (whereSQL, args) = whereClause(q)
        return ("SELECT \(columns) FROM event" + whereSQL + " ORDER BY eventDay, id" + pageClause(q), args)
    }

    /// A query's " LIMIT … OFFSET …" ("" for neither).
    static func pageClause(_ q: EventQuery) -> String {
        var sql = ""
        if let limit = q.limit { sql += " LIMIT \(max(0, limit))" }
        if let offset = q.offset { sql += (q.limit == nil ? " LIMIT -1" : "") + " OFFSET \(max(0, offset))" }
        return sql
    }

    /// Counted in one GROUP BY over the side's rows (found through the two dyad-keyed indexes, or by a scan of the table for
    /// a side in a quarter of it or more), without reading events.
    public func counterparts(of side: String, excluding: String, asOf: Date?, knownAt: Date?) async throws -> [CounterpartFigures] {
        try await writer.read { db in
            var args: [String: (any DatabaseValueConvertible)?] = [
                "side": side, "sideEnd": side + "\u{10FFFF}", "ex": excluding, "exEnd": excluding + "\u{10FFFF}",
            ]
            var extra = ""
            if let asOf { extra += " AND published <= :asOf"; args["asOf"] = asOf.timeIntervalSince1970 }
            if let knownAt { extra += " AND ingested <= :knownAt"; args["knownAt"] = knownAt.timeIntervalSince1970 }
            // A side in a quarter of the rows or more (USA in GDELT-like data: two thirds) is counted by reading the table
            // in order: the two index ranges would cost a random row lookup per event, twice as long (1M store, USA:
            // 0.9 s against 2.0 s of CPU). The side's size comes from its two index ranges, counted in the indexes alone.
            let sideRows = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM event WHERE sourceCode >= :side AND sourceCode < :sideEnd)
                     + (SELECT COUNT(*) FROM event WHERE targetCode >= :side AND targetCode < :sideEnd)
                """, arguments: ["side": side, "sideEnd": side + "\u{10FFFF}"]) ?? 0
            let tableRows = try Int.fetchOne(db, sql: "SELECT coalesce(MAX(id) - MIN(id) + 1, 0) FROM event") ?? 0
            let source = sideRows * 4 >= tableRows ? "event NOT INDEXED" : "event"
            let sql = """
                SELECT CASE WHEN sourceCode >= :side AND sourceCode < :sideEnd THEN targetCode ELSE sourceCode END AS other,
                       COUNT(*), SUM(goldstein), SUM(quad = 1), SUM(quad = 2), SUM(quad = 3), SUM(quad = 4)
                FROM \(source)
                WHERE ((sourceCode >= :side AND sourceCode < :sideEnd) OR (targetCode >= :side AND targetCode < :sideEnd))
                  AND sourceCode <> '' AND targetCode <> '' AND negated = 0
                  AND NOT (sourceCode >= :ex AND sourceCode < :exEnd) AND NOT (targetCode >= :ex AND targetCode < :exEnd)\(extra)
                GROUP BY other HAVING NOT (other >= :side AND other < :sideEnd)
                ORDER BY other
                """
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                CounterpartFigures(code: r[0], events: r[1], goldsteinSum: r[2], quad: [0, r[3], r[4], r[5], r[6]])
            }
        }
    }

    /// Events by id, in the order given.
    static func rows(ids: [Int64], _ db: Database) throws -> [StoredEvent] {
        // Events are large values: they are copied once, from the rows read to the result, by position.
        var fetched: [StoredEvent] = []
        fetched.reserveCapacity(ids.count)
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
            let marks = part.map { _ in "?" }.joined(separator: ",")
            fetched += try fetchEvents(db, sql: "SELECT \(selectEventColumns) FROM event WHERE id IN (\(marks))", arguments: StatementArguments(part))
        }
        var position: [Int64: Int] = [:]
        position.reserveCapacity(fetched.count)
        for (i, e) in fetched.enumerated() { if let id = e.id { position[id] = i } }
        return ids.compactMap { position[$0].map { fetched[$0] } }
    }

    /// Most (source, target) code pairs a dyad listing merges; beyond, the plain query.
    static let maxMergedPairs = 400

    /// A dyad listing as a merge of per-pair index ranges. A dyad is a pair of code prefixes, so over the event table
    /// it is an OR of ranges that no index orders by day: SQLite fetched every matching row and sorted it (17 s for
    /// the first 100 events of USA-CHN over 10M). Instead the distinct code pairs are enumerated by a loose scan of
    /// `event_dyad_day` (one seek per distinct code), and each pair is one `(sourceCode = ? AND targetCode = ?)` range
    /// of that index, already in (eventDay, id) order: the compound SELECT's ORDER BY merges them and stops at the
    /// LIMIT. Returns nil when the plan does not apply (no dyad, or another actor filter, no dyad index during a bulk
    /// import, or too many pairs), and the caller runs the plain query.
    /// With `ordered` false (only for a query with no limit or offset) the arms are simply concatenated, for the caller to
    /// sort: SQLite merges ordered arms one level per arm, which for the hundreds of pairs of a large dyad costs more
    /// than sorting the rows afterwards.
    static func dyadPairsSQL(_ q: EventQuery, _ db: Database, columns: String = "eventDay, id",
                             ordered: Bool = true) throws -> (String, StatementArguments)? {
        guard let pair = q.dyadPair, q.actor == nil, q.documentID == nil,
              try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'event_dyad_day'") == 1 else { return nil }
        var pairs: [(String, String)] = []
        func collect(_ a: String, _ b: String) throws -> Bool {
            let aEnd = a + "\u{10FFFF}", bEnd = b + "\u{10FFFF}"
            var source = try String.fetchOne(db, sql: "SELECT MIN(sourceCode) FROM event WHERE sourceCode >= ? AND sourceCode < ?",
                                             arguments: [a, aEnd])
            while let s = source {
                var target = try String.fetchOne(db, sql: """
                    SELECT MIN(targetCode) FROM event WHERE sourceCode = ? AND targetCode >= ? AND targetCode < ?
                    """, arguments: [s, b, bEnd])
                while let t = target {
                    pairs.append((s, t))
                    if pairs.count > maxMergedPairs { return false }
                    target = try String.fetchOne(db, sql: """
                        SELECT MIN(targetCode) FROM event WHERE sourceCode = ? AND targetCode > ? AND targetCode < ?
                        """, arguments: [s, t, bEnd])
                }
                source = try String.fetchOne(db, sql: "SELECT MIN(sourceCode) FROM event WHERE sourceCode > ? AND sourceCode < ?",
                                             arguments: [s, aEnd])
            }
            return true
        }
        guard try collect(pair.a, pair.b) else { return nil }
        if !q.directed && pair.a != pair.b {
            guard try collect(pair.b, pair.a) else { return nil }
        }
        // Both directions may enumerate the same pair (prefixes that overlap): each pair once.
        var seen = Set<String>()
        pairs = pairs.filter { seen.insert($0.0 + "\u{0}" + $0.1).inserted }
        guard pairs.count <= maxMergedPairs else { return nil }
        var rest = q
        rest.dyadPair = nil
        let (extra, restArgs) = andClause(rest)
        var args = StatementArguments()
        var arms: [String] = []
        for (s, t) in pairs {
            arms.append("SELECT \(columns) FROM event INDEXED BY event_dyad_day WHERE sourceCode = ? AND targetCode = ?\(extra)")
            args += [s, t]
            args += restArgs
        }
        if arms.isEmpty { arms = ["SELECT \(columns) FROM event WHERE 0"] }
        let sql = arms.joined(separator: "\nUNION ALL\n") + (ordered || q.limit != nil || q.offset != nil ? "\nORDER BY 1, 2" : "")
            + pageClause(q)
        return (sql, args)
    }

    public func eventCount(_ q: EventQuery) async throws -> Int {
        try await writer.read { db in
            var whole = q
            whole.limit = nil
            whole.offset = nil
            // A dyad: the rows of its code pairs' index ranges counted (in the index alone when no other filter needs a
            // row), instead of an OR of prefix ranges that reads every row.
            if let (sql, args) = try Self.dyadPairsSQL(whole, db, columns: "eventDay", ordered: false) {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: args) ?? 0
            }
            // An actor, with at most a day range: events with it as source, plus as target, less as both, each counted in
            // a dyad-keyed index alone (the OR of the two ranges reads every row).
            var dayRange = EventQuery()
            dayRange.since = q.since
            dayRange.until = q.until
            var rest = whole
            rest.actor = nil
            if let actor = q.actor, rest == dayRange {
                let (days, dayArgs) = Self.andClause(dayRange)
                var args: [any DatabaseValueConvertible] = []
                let source = Self.prefixCondition("sourceCode", actor, &args)
                let asSource = args
                args = []
                let target = Self.prefixCondition("targetCode", actor, &args)
                let asTarget = args
                let sql = """
                    SELECT (SELECT COUNT(*) FROM event WHERE \(source)\(days))
                         + (SELECT COUNT(*) FROM event WHERE \(target)\(days))
                         - (SELECT COUNT(*) FROM event WHERE \(source) AND \(target)\(days))
                    """
                let all = StatementArguments(asSource) + dayArgs + StatementArguments(asTarget) + dayArgs
                    + StatementArguments(asSource + asTarget) + dayArgs
                return try Int.fetchOne(db, sql: sql, arguments: all) ?? 0
            }
            let (whereSQL, args) = Self.whereClause(q)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event" + whereSQL, arguments: args) ?? 0
        }
    }
}
