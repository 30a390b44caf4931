import Foundation
import GRDB
import ParleyModel

extension SQLiteStore {
    static func registerCodingMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-quotes-mentions-offices") { db in
            try db.create(table: "quote") { t in
                t.column("documentID", .text).notNull().references("document", onDelete: .cascade)
                t.column("idx", .integer).notNull()
                t.column("contentStart", .integer).notNull()
                t.column("contentEnd", .integer).notNull()
                t.column("content", .text).notNull()
                t.column("cueStart", .integer)
                t.column("cueEnd", .integer)
                t.column("cue", .text)
                t.column("speakerStart", .integer)
                t.column("speakerEnd", .integer)
                t.column("speakerText", .text)
                t.column("antecedentStart", .integer)
                t.column("antecedentEnd", .integer)
                t.column("speakerActor", .text)
                t.column("direct", .boolean).notNull()
                t.column("sentence", .integer)
                t.column("sentenceText", .text)
                t.column("published", .double)
                t.column("ingested", .double).notNull()
                t.primaryKey(["documentID", "idx"])
            }
            try db.create(index: "quote_actor", on: "quote", columns: ["speakerActor", "published"])
            try db.create(table: "mention") { t in
                t.column("documentID", .text).notNull().references("document", onDelete: .cascade)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("code", .text).notNull()
                t.column("country", .text)
                t.column("sector", .text)
                t.column("person", .text)
            }
            try db.create(index: "mention_document", on: "mention", columns: ["documentID"])
            try db.create(index: "mention_code", on: "mention", columns: ["code"])
            try db.create(table: "office") { t in
                t.column("person", .text).notNull()
                t.column("code", .text).notNull()
                t.column("documentID", .text).notNull().references("document", onDelete: .cascade)
                t.column("evidenceStart", .integer).notNull()
                t.column("evidenceEnd", .integer).notNull()
                t.column("date", .double)
            }
            try db.create(index: "office_person", on: "office", columns: ["person"])
        }
    }

    public func replaceCoding(_ coding: DocumentCoding) async throws {
        try await writer.write { db in try Self.writeCoding(coding, db) }
    }

    static func writeCoding(_ coding: DocumentCoding, _ db: Database) throws {
            let id = coding.documentID
            for table in ["event", "quote", "mention", "office"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE documentID = ?", arguments: [id])
            }
            let ev = try db.cachedStatement(sql: Self.insertEventSQL)
            for e in coding.events { try ev.execute(arguments: Self.arguments(e)) }
            let q = try db.cachedStatement(sql: """
                INSERT INTO quote (documentID, idx, contentStart, contentEnd, content, cueStart, cueEnd, cue, speakerStart, speakerEnd,
                speakerText, antecedentStart, antecedentEnd, speakerActor, direct, sentence, sentenceText, published, ingested)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in coding.quotes {
                let x = s.quote
                let values: [(any DatabaseValueConvertible)?] = [
                    s.documentID, s.index, x.content.start, x.content.end, s.content, x.cue?.start, x.cue?.end, s.cue,
                    x.speaker?.start, x.speaker?.end, x.speakerText, x.speakerAntecedent?.start, x.speakerAntecedent?.end,
                    x.speakerActor, x.direct, s.sentence, s.sentenceText, s.published?.timeIntervalSince1970,
                    s.ingested.timeIntervalSince1970,
                ]
                try q.execute(arguments: StatementArguments(values))
            }
            let m = try db.cachedStatement(sql: "INSERT INTO mention (documentID, start, end, text, code, country, sector, person) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for a in coding.mentions {
                try m.execute(arguments: [id, a.span.start, a.span.end, a.text, a.code, a.country, a.sector, a.person])
            }
            let o = try db.cachedStatement(sql: "INSERT INTO office (person, code, documentID, evidenceStart, evidenceEnd, date) VALUES (?, ?, ?, ?, ?, ?)")
            for f in coding.offices {
                try o.execute(arguments: [f.person, f.code, f.documentID, f.evidence.start, f.evidence.end, f.date?.timeIntervalSince1970])
            }
    }

    public func quotes(documentID: String? = nil, speakerActor: String? = nil, asOf: Date? = nil) async throws -> [StoredQuote] {
        try await writer.read { db in
            var conds: [String] = []
            var args: [any DatabaseValueConvertible] = []
            if let documentID { conds.append("documentID = ?"); args.append(documentID) }
            if let speakerActor { conds.append(Self.prefixCondition("speakerActor", speakerActor, &args)) }
            if let asOf { conds.append("published <= ?"); args.append(asOf.timeIntervalSince1970) }
            let sql = "SELECT * FROM quote" + (conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")) + " ORDER BY published, documentID, idx"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                func span(_ a: String, _ b: String) -> Span? {
                    guard let s: Int = row[a], let e: Int = row[b] else { return nil }
                    return Span(s, e)
                }
                let quote = Quote(content: Span(row["contentStart"], row["contentEnd"]), cue: span("cueStart", "cueEnd"),
                                  speaker: span("speakerStart", "speakerEnd"), speakerText: row["speakerText"],
                                  speakerAntecedent: span("antecedentStart", "antecedentEnd"), speakerActor: row["speakerActor"],
                                  direct: row["direct"])
                return StoredQuote(documentID: row["documentID"], index: row["idx"], quote: quote, content: row["content"],
                                   cue: row["cue"], sentence: row["sentence"], sentenceText: row["sentenceText"],
                                   published: (row["published"] as Double?).map { Date(timeIntervalSince1970: $0) },
                                   ingested: Date(timeIntervalSince1970: row["ingested"]))
            }
        }
    }

    public func mentions(documentID: String) async throws -> [ActorMention] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE documentID = ? ORDER BY start", arguments: [documentID]).map { r in
                ActorMention(span: Span(r["start"], r["end"]), text: r["text"], code: r["code"], country: r["country"],
                             sector: r["sector"], person: r["person"])
            }
        }
    }

    public func offices(knownAt: Date? = nil) async throws -> [OfficeFact] {
        try await writer.read { db in
            var sql = "SELECT o.* FROM office o JOIN document d ON d.id = o.documentID"
            var args: [any DatabaseValueConvertible] = []
            if let knownAt { sql += " WHERE d.ingested <= ?"; args.append(knownAt.timeIntervalSince1970) }
            sql += " ORDER BY o.date, o.person"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                OfficeFact(person: r["person"], code: r["code"], documentID: r["documentID"],
                           evidence: Span(r["evidenceStart"], r["evidenceEnd"]),
                           date: (r["date"] as Double?).map { Date(timeIntervalSince1970: $0) })
            }
        }
    }

    public func documents(mentioning a: String, and b: String, asOf: Date?, knownAt: Date?) async throws -> [StoredDocument] {
        try await writer.read { db in
            var args: [any DatabaseValueConvertible] = []
            let ca = Self.prefixCondition("code", a, &args)
            var args2: [any DatabaseValueConvertible] = []
            let cb = Self.prefixCondition("code", b, &args2)
            args += args2
            var sql = """
                SELECT d.* FROM document d WHERE d.id IN (SELECT documentID FROM mention WHERE \(ca))
                AND d.id IN (SELECT documentID FROM mention WHERE \(cb))
                """
            if let asOf { sql += " AND d.published <= ?"; args.append(asOf.timeIntervalSince1970) }
            if let knownAt { sql += " AND d.ingested <= ?"; args.append(knownAt.timeIntervalSince1970) }
            sql += " ORDER BY d.published, d.id"
            return try DocumentRow.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(\.model)
        }
    }

    /// Ids of all stored documents, in publication order.
    public func documentIDs() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM document ORDER BY published IS NULL, published, id")
        }
    }
}
