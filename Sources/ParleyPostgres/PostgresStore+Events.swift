import Foundation
import NIOCore
import ParleyModel
import ParleyStore
import PostgresNIO

/// Receives an event's column values in `PostgresStore.eventColumns` order.
protocol EventValueSink {
    mutating func text(_ v: String?)
    mutating func int(_ v: Int?)
    mutating func double(_ v: Double?)
    mutating func bool(_ v: Bool)
    mutating func time(_ v: Date?)
}

/// Binds values as query parameters.
struct BindSink: EventValueSink {
    var binds: PostgresBindings
    mutating func text(_ v: String?) { binds.append(v) }
    mutating func int(_ v: Int?) { binds.append(v) }
    mutating func double(_ v: Double?) { binds.append(v) }
    mutating func bool(_ v: Bool) { binds.append(v) }
    mutating func time(_ v: Date?) { binds.append(v) }
}

/// Writes one line of COPY text format; times as microseconds since 2000-01-01 (PostgreSQL's epoch).
struct CopySink: EventValueSink {
    var buffer: ByteBuffer
    var first = true

    mutating func separator() {
        if first { first = false } else { buffer.writeInteger(UInt8(ascii: "\t")) }
    }
    mutating func null() { buffer.writeStaticString("\\N") }
    mutating func text(_ v: String?) {
        separator()
        guard var string = v else { return null() }
        string.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let escaped: UInt8
                switch bytes[i] {
                case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<i]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escaped)
                start = i + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<bytes.count]))
        }
    }
    mutating func int(_ v: Int?) {
        separator()
        guard let v else { return null() }
        buffer.writeString(String(v))
    }
    mutating func double(_ v: Double?) {
        separator()
        guard let v else { return null() }
        buffer.writeString(v.isNaN ? "NaN" : v.isInfinite ? (v < 0 ? "-Infinity" : "Infinity") : "\(v)")
    }
    mutating func bool(_ v: Bool) {
        separator()
        buffer.writeInteger(v ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }
    mutating func time(_ v: Date?) {
        separator()
        guard let v else { return null() }
        buffer.writeString(String(PostgresStore.microseconds(v)))
    }
    mutating func endLine() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        first = true
    }
}

extension PostgresStore {
    static let eventColumns: [(name: String, type: String)] = [
        ("origin", "text"), ("document_id", "text"), ("sentence", "integer"), ("sentence_start", "integer"),
        ("sentence_end", "integer"), ("sentence_text", "text"), ("trigger_start", "integer"), ("trigger_end", "integer"),
        ("trigger_text", "text"), ("source_code", "text"), ("source_text", "text"), ("source_start", "integer"),
        ("source_end", "integer"), ("target_code", "text"), ("target_text", "text"), ("target_start", "integer"),
        ("target_end", "integer"), ("cameo", "text"), ("root", "text"), ("quad", "integer"), ("goldstein", "double precision"),
        ("plover_event", "text"), ("plover_mode", "text"), ("plover_context", "text"), ("negated", "boolean"),
        ("modality", "text"), ("date", "text"), ("event_day", "timestamptz"), ("quote", "integer"), ("location_text", "text"),
        ("location_start", "integer"), ("location_end", "integer"), ("location_country", "text"), ("published", "timestamptz"),
        ("ingested", "timestamptz"), ("source_url", "text"), ("external_id", "text"), ("mentions", "integer"),
        ("sources", "integer"), ("articles", "integer"), ("tone", "double precision"),
    ]

    static let eventColumnList = eventColumns.map(\.name).joined(separator: ", ")

    /// Microseconds since 2000-01-01 UTC, as postgres-nio binds a Date.
    static func microseconds(_ d: Date) -> Int64 {
        Int64(d.timeIntervalSince(Date(timeIntervalSince1970: 946_684_800)) * 1_000_000)
    }

    /// An event's values in `eventColumns` order (the same values SQLite stores).
    static func visit<S: EventValueSink>(_ s: StoredEvent, _ sink: inout S) {
        let e = s.event
        sink.text(s.origin.rawValue); sink.text(s.documentID); sink.int(s.sentenceSpan == nil ? nil : e.sentence)
        sink.int(s.sentenceSpan?.start); sink.int(s.sentenceSpan?.end); sink.text(s.sentenceText)
        sink.int(e.trigger?.start); sink.int(e.trigger?.end); sink.text(e.triggerText)
        sink.text(e.source?.code); sink.text(e.source?.text); sink.int(e.source?.span?.start); sink.int(e.source?.span?.end)
        sink.text(e.target?.code); sink.text(e.target?.text); sink.int(e.target?.span?.start); sink.int(e.target?.span?.end)
        sink.text(e.cameo); sink.text(e.root); sink.int(e.quad); sink.double(e.goldstein)
        sink.text(e.plover?.event); sink.text(e.plover?.mode); sink.text(e.plover.map { $0.context.joined(separator: ",") })
        sink.bool(e.negated); sink.text(e.modality.rawValue); sink.text(e.date)
        sink.time(s.eventDay); sink.int(e.quote); sink.text(e.location?.text); sink.int(e.location?.span.start)
        sink.int(e.location?.span.end); sink.text(e.location?.country); sink.time(s.published)
        sink.time(s.ingested); sink.text(s.sourceURL); sink.text(s.externalID)
        sink.int(s.mentions); sink.int(s.sources); sink.int(s.articles); sink.double(s.tone)
    }

    /// Inserts events by multi-row INSERTs with typed parameters (at most 1,000 rows, 41,000 parameters, each).
    static func insertEvents(_ events: [StoredEvent], _ conn: PostgresConnection, logger: Logger) async throws {
        for start in stride(from: 0, to: events.count, by: 1000) {
            let chunk = events[start..<min(events.count, start + 1000)]
            var sink = BindSink(binds: PostgresBindings(capacity: chunk.count * eventColumns.count))
            var sql = "INSERT INTO event (\(eventColumnList)) VALUES "
            var n = 0
            for (row, e) in chunk.enumerated() {
                visit(e, &sink)
                if row > 0 { sql += ", " }
                sql += "("
                for (i, c) in eventColumns.enumerated() {
                    n += 1
                    sql += (i > 0 ? ", $" : "$") + String(n) + "::" + c.type
                }
                sql += ")"
            }
            try await conn.query(PostgresQuery(unsafeSQL: sql, binds: sink.binds), logger: logger)
        }
    }

    public func insertEvents(_ events: [StoredEvent]) async throws {
        guard !events.isEmpty else { return }
        _ = try await transaction("insert events") { conn in
            try await Self.insertEvents(events, conn, logger: logger)
            return 0
        }
    }

    public func replaceEvents(documentID: String, with events: [StoredEvent]) async throws {
        _ = try await transaction("replace events") { conn in
            try await conn.query("DELETE FROM event WHERE document_id = \(documentID)", logger: logger)
            try await Self.insertEvents(events, conn, logger: logger)
            return 0
        }
    }

    /// Imports stream through COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT DO NOTHING moves
    /// the new rows (in input order) into `event`: duplicates of stored events and repeats within the batch are skipped.
    public func importEvents(_ events: [StoredEvent]) async throws -> ImportCounts {
        guard !events.isEmpty else { return ImportCounts() }
        return try await transaction("import events") { conn in
            let stageColumns = Self.eventColumns.map { "\($0.name) \($0.type == "timestamptz" ? "bigint" : $0.type)" }
            try await conn.query(PostgresQuery(unsafeSQL: """
                CREATE TEMP TABLE event_stage (ord integer, \(stageColumns.joined(separator: ", "))) ON COMMIT DROP
                """), logger: logger)
            try await conn.copyFrom(table: "event_stage", columns: ["ord"] + Self.eventColumns.map(\.name), logger: logger) { writer in
                var sink = CopySink(buffer: ByteBuffer())
                sink.buffer.reserveCapacity(1 << 20)
                for (i, e) in events.enumerated() {
                    sink.int(i)
                    Self.visit(e, &sink)
                    sink.endLine()
                    if sink.buffer.readableBytes > (1 << 20) {
                        try await writer.write(sink.buffer)
                        sink.buffer.clear()
                    }
                }
                if sink.buffer.readableBytes > 0 { try await writer.write(sink.buffer) }
            }
            let select = Self.eventColumns.map {
                $0.type == "timestamptz" ? "timestamptz '2000-01-01 00:00:00+00' + \($0.name) * interval '1 microsecond'" : $0.name
            }.joined(separator: ", ")
            var stored = 0
            for try await n in try await conn.query(PostgresQuery(unsafeSQL: """
                WITH moved AS (
                  INSERT INTO event (\(Self.eventColumnList)) SELECT \(select) FROM event_stage ORDER BY ord
                  ON CONFLICT (origin, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING 1)
                SELECT count(*)::int FROM moved
                """), logger: logger).decode(Int.self) { stored = n }
            return ImportCounts(stored: stored, duplicates: events.count - stored)
        }
    }

    /// The SELECT list that decodes into `storedEvent`.
    static let eventSelect = "id, " + eventColumnList

    static func storedEvent(_ r: PostgresRandomAccessRow) throws -> StoredEvent {
        var i = 0
        func next<T: PostgresDecodable>(_ t: T.Type) throws -> T {
            defer { i += 1 }
            return try r[i].decode(T.self)
        }
        func span(_ a: Int?, _ b: Int?) -> Span? {
            guard let a, let b else { return nil }
            return Span(a, b)
        }
        let id = try next(Int64.self)
        let origin = try next(String.self), documentID = try next(String?.self)
        let sentence = try next(Int?.self), sentenceSpan = span(try next(Int?.self), try next(Int?.self))
        let sentenceText = try next(String?.self)
        let trigger = span(try next(Int?.self), try next(Int?.self)), triggerText = try next(String?.self)
        let sourceCode = try next(String?.self), sourceText = try next(String?.self)
        let sourceSpan = span(try next(Int?.self), try next(Int?.self))
        let targetCode = try next(String?.self), targetText = try next(String?.self)
        let targetSpan = span(try next(Int?.self), try next(Int?.self))
        let cameo = try next(String.self)
        _ = try next(String.self) // root: derived from cameo
        let quad = try next(Int.self), goldstein = try next(Double.self)
        let ploverEvent = try next(String?.self), ploverMode = try next(String?.self), ploverContext = try next(String?.self)
        let negated = try next(Bool.self), modality = try next(String.self), date = try next(String?.self)
        let eventDay = try next(Date?.self), quote = try next(Int?.self)
        let locationText = try next(String?.self), locationSpan = span(try next(Int?.self), try next(Int?.self))
        let locationCountry = try next(String?.self)
        let published = try next(Date?.self), ingested = try next(Date.self)
        let sourceURL = try next(String?.self), externalID = try next(String?.self)
        let mentions = try next(Int.self), sources = try next(Int.self), articles = try next(Int.self), tone = try next(Double?.self)

        let plover = ploverEvent.map { ev in
            PloverCode(event: ev, mode: ploverMode,
                       context: (ploverContext ?? "").isEmpty ? [] : ploverContext!.split(separator: ",").map(String.init))
        }
        let location = locationText.flatMap { t in locationSpan.map { EventLocation(text: t, span: $0, country: locationCountry) } }
        let event = Event(sentence: sentence ?? 0, trigger: trigger, triggerText: triggerText,
                          source: sourceCode.map { EventActor(code: $0, text: sourceText ?? "", span: sourceSpan) },
                          target: targetCode.map { EventActor(code: $0, text: targetText ?? "", span: targetSpan) },
                          cameo: cameo, goldstein: goldstein, quad: quad, plover: plover, negated: negated,
                          modality: Modality(rawValue: modality) ?? .asserted, date: date, quote: quote, location: location)
        return StoredEvent(id: id, event: event, origin: EventOrigin(rawValue: origin) ?? .coded, documentID: documentID,
                           sentenceSpan: sentenceSpan, sentenceText: sentenceText, published: published, ingested: ingested,
                           eventDay: eventDay, sourceURL: sourceURL, externalID: externalID, mentions: mentions,
                           sources: sources, articles: articles, tone: tone)
    }

    /// A query under construction: SQL text with `$n` placeholders and their bound values.
    struct SQL {
        var text = ""
        var binds = PostgresBindings()

        mutating func bind<T: PostgresNonThrowingEncodable>(_ v: T) -> String {
            binds.append(v)
            return "$\(binds.count)"
        }

        /// A code-prefix match that can use a B-tree over a "C"-collated column: code >= prefix AND code < prefix+U+10FFFF.
        mutating func prefix(_ column: String, _ p: String) -> String {
            "(\(column) >= \(bind(p)) AND \(column) < \(bind(p + "\u{10FFFF}")))"
        }

        var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
    }

    static func whereClause(_ q: EventQuery, _ sql: inout SQL) -> String {
        var conds: [String] = []
        if let pair = q.dyadPair {
            let ab = sql.prefix("source_code", pair.a) + " AND " + sql.prefix("target_code", pair.b)
            if q.directed {
                conds.append("(\(ab))")
            } else {
                let ba = sql.prefix("source_code", pair.b) + " AND " + sql.prefix("target_code", pair.a)
                conds.append("((\(ab)) OR (\(ba)))")
            }
        }
        if let actor = q.actor {
            conds.append("(" + sql.prefix("source_code", actor) + " OR " + sql.prefix("target_code", actor) + ")")
        }
        if let code = q.code { conds.append(sql.prefix("cameo", code)) }
        if let since = q.since { conds.append("event_day >= \(sql.bind(since))") }
        if let until = q.until { conds.append("event_day <= \(sql.bind(until))") }
        if let asOf = q.asOf { conds.append("published <= \(sql.bind(asOf))") }
        if let knownAt = q.knownAt { conds.append("ingested <= \(sql.bind(knownAt))") }
        if let doc = q.documentID { conds.append("document_id = \(sql.bind(doc))") }
        if let origin = q.origin { conds.append("origin = \(sql.bind(origin.rawValue))") }
        if let after = q.after {
            if let day = after.day {
                let d = sql.bind(day)
                conds.append("event_day >= \(d) AND (event_day > \(d) OR id > \(sql.bind(after.id)))")
            } else {
                conds.append("((event_day IS NULL AND id > \(sql.bind(after.id))) OR event_day IS NOT NULL)")
            }
        }
        return conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")
    }

    /// Events in SQLite's order: event day (unknown days first), then insertion order.
    static func eventsSQL(_ q: EventQuery, select: String = eventSelect) -> SQL {
        var sql = SQL()
        let whereSQL = whereClause(q, &sql)
        sql.text = "SELECT \(select) FROM event" + whereSQL + " ORDER BY event_day NULLS FIRST, id"
        if let limit = q.limit { sql.text += " LIMIT \(sql.bind(max(0, limit)))" }
        if let offset = q.offset { sql.text += " OFFSET \(sql.bind(max(0, offset)))" }
        return sql
    }

    public func events(_ q: EventQuery) async throws -> [StoredEvent] {
        try await rows("events query", Self.eventsSQL(q).query).map(Self.storedEvent)
    }

    /// The digest columns, in the order `eventDigests` decodes them.
    static let digestSelect = "id, event_day, source_code, target_code, cameo, negated, quad, goldstein, mentions"

    public func eventDigests(_ q: EventQuery) async throws -> [EventDigest] {
        try await rows("event digests", Self.eventsSQL(q, select: Self.digestSelect).query).map { r in
            EventDigest(id: try r[0].decode(Int64.self), eventDay: try r[1].decode(Date?.self),
                        sourceCode: try r[2].decode(String?.self), targetCode: try r[3].decode(String?.self),
                        cameo: try r[4].decode(String.self), negated: try r[5].decode(Bool.self), quad: try r[6].decode(Int.self),
                        goldstein: try r[7].decode(Double.self), mentions: try r[8].decode(Int.self))
        }
    }

    public func eventCount(_ q: EventQuery) async throws -> Int {
        var sql = SQL()
        let whereSQL = Self.whereClause(q, &sql)
        sql.text = "SELECT count(*)::bigint FROM event" + whereSQL
        return try await rows("event count", sql.query).first.map { try $0[0].decode(Int.self) } ?? 0
    }

    /// Counted in one GROUP BY over the side's rows (the two dyad-keyed indexes find them), without reading events.
    public func counterparts(of side: String, excluding: String, asOf: Date?, knownAt: Date?) async throws -> [CounterpartFigures] {
        var sql = SQL()
        let sourceSide = sql.prefix("source_code", side), targetSide = sql.prefix("target_code", side)
        var conds = ["(\(sourceSide) OR \(targetSide))", "source_code <> ''", "target_code <> ''", "NOT negated",
                     "NOT " + sql.prefix("source_code", excluding), "NOT " + sql.prefix("target_code", excluding)]
        if let asOf { conds.append("published <= \(sql.bind(asOf))") }
        if let knownAt { conds.append("ingested <= \(sql.bind(knownAt))") }
        let otherIsSide = sql.prefix("other", side)
        sql.text = """
            SELECT other, count(*)::bigint, sum(goldstein), count(*) FILTER (WHERE quad = 1)::bigint,
                   count(*) FILTER (WHERE quad = 2)::bigint, count(*) FILTER (WHERE quad = 3)::bigint,
                   count(*) FILTER (WHERE quad = 4)::bigint
            FROM (SELECT CASE WHEN \(sourceSide) THEN target_code ELSE source_code END AS other, goldstein, quad
                  FROM event WHERE \(conds.joined(separator: " AND "))) AS sides
            WHERE NOT \(otherIsSide)
            GROUP BY other ORDER BY other
            """
        return try await rows("counterparts", sql.query).map { r in
            CounterpartFigures(code: try r[0].decode(String.self), events: try r[1].decode(Int.self),
                               goldsteinSum: try r[2].decode(Double.self),
                               quad: [0, try r[3].decode(Int.self), try r[4].decode(Int.self), try r[5].decode(Int.self), try r[6].decode(Int.self)])
        }
    }

    public func eventsQueryPlan(_ q: EventQuery) async throws -> [String] {
        try await plan(Self.eventsSQL(q))
    }

    /// EXPLAIN (ANALYZE, BUFFERS) of a read: the plan with actual rows and times.
    func plan(_ sql: SQL) async throws -> [String] {
        var s = sql
        s.text = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + s.text
        return try await rows("explain", s.query).map { try $0[0].decode(String.self) }
    }
}
