import Foundation
import ParleyModel
import ParleyStore
import PostgresNIO

extension PostgresStore {
    static let documentSelect = "id, url, outlet, title, author, section, keywords, published, ingested, text, content_hash"

    static func storedDocument(_ r: PostgresRandomAccessRow) throws -> StoredDocument {
        StoredDocument(id: try r[0].decode(String.self), url: try r[1].decode(String?.self), outlet: try r[2].decode(String?.self),
                       title: try r[3].decode(String?.self), author: try r[4].decode(String?.self),
                       section: try r[5].decode(String?.self), keywords: try r[6].decode([String].self),
                       published: try r[7].decode(Date?.self), ingested: try r[8].decode(Date.self),
                       text: try r[9].decode(String.self), contentHash: try r[10].decode(String.self))
    }

    public func insert(_ documents: [StoredDocument]) async throws -> [InsertOutcome] {
        try await insert(documents.map { ($0, nil) })
    }

    public func insert(_ batch: [(StoredDocument, DocumentCoding?)]) async throws -> [InsertOutcome] {
        guard !batch.isEmpty else { return [] }
        return try await transaction("insert documents") { conn in
            var outcomes: [InsertOutcome] = []
            for (doc, coding) in batch {
                let outcome = try await Self.insert(doc, conn, logger: logger)
                if case .stored(let id) = outcome, var coding {
                    coding.reassign(to: id)
                    try await Self.writeCoding(coding, conn, logger: logger)
                }
                outcomes.append(outcome)
            }
            return outcomes
        }
    }

    /// Stores one document unless its text is stored. Concurrent writers are safe: the unique content hash decides,
    /// and `ON CONFLICT DO NOTHING` waits for the other transaction and then reports its row as the original.
    static func insert(_ doc: StoredDocument, _ conn: PostgresConnection, logger: Logger) async throws -> InsertOutcome {
        func existing() async throws -> String? {
            var found: String?
            for try await id in try await conn.query("SELECT id FROM document WHERE content_hash = \(doc.contentHash)",
                                                     logger: logger).decode(String.self) { found = id }
            return found
        }
        if let id = try await existing() { return .duplicate(of: id) }
        var id = doc.id
        // The same id with another text: keep both, the newcomer under an id its hash disambiguates.
        var taken = false
        for try await _ in try await conn.query("SELECT 1 FROM document WHERE id = \(id)", logger: logger).decode(Int32.self) {
            taken = true
        }
        if taken { id = "\(doc.id)~\(doc.contentHash.prefix(8))" }
        var inserted = false
        for try await _ in try await conn.query("""
            INSERT INTO document (id, url, outlet, title, author, section, keywords, published, ingested, text, content_hash)
            VALUES (\(id), \(doc.url), \(doc.outlet), \(doc.title), \(doc.author), \(doc.section), \(doc.keywords),
                    \(doc.published), \(doc.ingested), \(doc.text), \(doc.contentHash))
            ON CONFLICT (content_hash) DO NOTHING RETURNING 1
            """, logger: logger).decode(Int32.self) { inserted = true }
        if inserted { return .stored(id: id) }
        if let original = try await existing() { return .duplicate(of: original) }
        throw StoreError(.query, "document insert neither stored nor found its text")
    }

    public func existingHashes(_ hashes: [String]) async throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        var found = Set<String>()
        for start in stride(from: 0, to: hashes.count, by: 5000) {
            let part = Array(hashes[start..<min(hashes.count, start + 5000)])
            for r in try await rows("hash lookup", "SELECT content_hash FROM document WHERE content_hash = ANY(\(part))") {
                found.insert(try r[0].decode(String.self))
            }
        }
        return found
    }

    public func document(id: String) async throws -> StoredDocument? {
        try await rows("document read", PostgresQuery(unsafeSQL: "SELECT \(Self.documentSelect) FROM document WHERE id = $1",
                                                      binds: { var b = PostgresBindings(); b.append(id); return b }()))
            .first.map(Self.storedDocument)
    }

    public func documents(_ query: DocumentQuery) async throws -> [StoredDocument] {
        var sql = SQL()
        var conds: [String] = []
        if let since = query.since { conds.append("published >= \(sql.bind(since))") }
        if let until = query.until { conds.append("published <= \(sql.bind(until))") }
        if let outlet = query.outlet { conds.append("lower(outlet) = lower(\(sql.bind(outlet)))") }
        if let knownAt = query.knownAt { conds.append("ingested <= \(sql.bind(knownAt))") }
        sql.text = "SELECT \(Self.documentSelect) FROM document" + (conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND "))
            + " ORDER BY published ASC NULLS LAST, id"
        if let limit = query.limit { sql.text += " LIMIT \(sql.bind(max(0, limit)))" }
        return try await rows("documents query", sql.query).map(Self.storedDocument)
    }

    public func documentCount() async throws -> Int {
        try await rows("document count", "SELECT count(*)::bigint FROM document").first.map { try $0[0].decode(Int.self) } ?? 0
    }

    public func documentIDs() async throws -> [String] {
        try await rows("document ids", "SELECT id FROM document ORDER BY published ASC NULLS LAST, id").map { try $0[0].decode(String.self) }
    }

    public func documents(mentioning a: String, and b: String, asOf: Date?, knownAt: Date?) async throws -> [StoredDocument] {
        var sql = SQL()
        let ca = sql.prefix("code", a), cb = sql.prefix("code", b)
        sql.text = """
            SELECT \(Self.documentSelect) FROM document d WHERE d.id IN (SELECT document_id FROM mention WHERE \(ca))
            AND d.id IN (SELECT document_id FROM mention WHERE \(cb))
            """
        if let asOf { sql.text += " AND d.published <= \(sql.bind(asOf))" }
        if let knownAt { sql.text += " AND d.ingested <= \(sql.bind(knownAt))" }
        sql.text += " ORDER BY d.published NULLS FIRST, d.id"
        return try await rows("documents mentioning", sql.query).map(Self.storedDocument)
    }

    // MARK: coding

    public func replaceCoding(_ coding: DocumentCoding) async throws {
        _ = try await transaction("replace coding") { conn in
            try await Self.writeCoding(coding, conn, logger: logger)
            return 0
        }
    }

    static func writeCoding(_ coding: DocumentCoding, _ conn: PostgresConnection, logger: Logger) async throws {
        let id = coding.documentID
        try await conn.query("DELETE FROM event WHERE document_id = \(id)", logger: logger)
        try await conn.query("DELETE FROM quote WHERE document_id = \(id)", logger: logger)
        try await conn.query("DELETE FROM mention WHERE document_id = \(id)", logger: logger)
        try await conn.query("DELETE FROM office WHERE document_id = \(id)", logger: logger)
        try await insertEvents(coding.events, conn, logger: logger)
        for s in coding.quotes {
            let x = s.quote
            try await conn.query("""
                INSERT INTO quote (document_id, idx, content_start, content_end, content, cue_start, cue_end, cue, speaker_start,
                  speaker_end, speaker_text, antecedent_start, antecedent_end, speaker_actor, direct, sentence, sentence_text,
                  published, ingested)
                VALUES (\(s.documentID), \(s.index), \(x.content.start), \(x.content.end), \(s.content), \(x.cue?.start)::integer,
                  \(x.cue?.end)::integer, \(s.cue)::text, \(x.speaker?.start)::integer, \(x.speaker?.end)::integer,
                  \(x.speakerText)::text, \(x.speakerAntecedent?.start)::integer, \(x.speakerAntecedent?.end)::integer,
                  \(x.speakerActor)::text, \(x.direct), \(s.sentence)::integer, \(s.sentenceText)::text,
                  \(s.published)::timestamptz, \(s.ingested))
                """, logger: logger)
        }
        for a in coding.mentions {
            try await conn.query("""
                INSERT INTO mention (document_id, start, "end", text, code, country, sector, person)
                VALUES (\(id), \(a.span.start), \(a.span.end), \(a.text), \(a.code), \(a.country)::text, \(a.sector)::text, \(a.person)::text)
                """, logger: logger)
        }
        for f in coding.offices {
            try await conn.query("""
                INSERT INTO office (person, code, document_id, evidence_start, evidence_end, date)
                VALUES (\(f.person), \(f.code), \(f.documentID), \(f.evidence.start), \(f.evidence.end), \(f.date)::timestamptz)
                """, logger: logger)
        }
    }

    public func quotes(documentID: String? = nil, speakerActor: String? = nil, asOf: Date? = nil) async throws -> [StoredQuote] {
        var sql = SQL()
        var conds: [String] = []
        if let documentID { conds.append("document_id = \(sql.bind(documentID))") }
        if let speakerActor { conds.append(sql.prefix("speaker_actor", speakerActor)) }
        if let asOf { conds.append("published <= \(sql.bind(asOf))") }
        sql.text = """
            SELECT document_id, idx, content_start, content_end, content, cue_start, cue_end, cue, speaker_start, speaker_end,
              speaker_text, antecedent_start, antecedent_end, speaker_actor, direct, sentence, sentence_text, published, ingested
            FROM quote
            """ + (conds.isEmpty ? "" : " WHERE " + conds.joined(separator: " AND ")) + " ORDER BY published NULLS FIRST, document_id, idx"
        return try await rows("quotes query", sql.query).map { r in
            func span(_ i: Int) throws -> Span? {
                guard let s = try r[i].decode(Int?.self), let e = try r[i + 1].decode(Int?.self) else { return nil }
                return Span(s, e)
            }
            let quote = Quote(content: Span(try r[2].decode(Int.self), try r[3].decode(Int.self)), cue: try span(5),
                              speaker: try span(8), speakerText: try r[10].decode(String?.self),
                              speakerAntecedent: try span(11), speakerActor: try r[13].decode(String?.self),
                              direct: try r[14].decode(Bool.self))
            return StoredQuote(documentID: try r[0].decode(String.self), index: try r[1].decode(Int.self), quote: quote,
                               content: try r[4].decode(String.self), cue: try r[7].decode(String?.self),
                               sentence: try r[15].decode(Int?.self), sentenceText: try r[16].decode(String?.self),
                               published: try r[17].decode(Date?.self), ingested: try r[18].decode(Date.self))
        }
    }

    public func mentions(documentID: String) async throws -> [ActorMention] {
        var sql = SQL()
        sql.text = """
            SELECT start, "end", text, code, country, sector, person FROM mention WHERE document_id = \(sql.bind(documentID))
            ORDER BY start
            """
        return try await rows("mentions query", sql.query).map { r in
            ActorMention(span: Span(try r[0].decode(Int.self), try r[1].decode(Int.self)), text: try r[2].decode(String.self),
                         code: try r[3].decode(String.self), country: try r[4].decode(String?.self),
                         sector: try r[5].decode(String?.self), person: try r[6].decode(String?.self))
        }
    }

    public func offices(knownAt: Date? = nil) async throws -> [OfficeFact] {
        var sql = SQL()
        sql.text = "SELECT o.person, o.code, o.document_id, o.evidence_start, o.evidence_end, o.date FROM office o JOIN document d ON d.id = o.document_id"
        if let knownAt { sql.text += " WHERE d.ingested <= \(sql.bind(knownAt))" }
        sql.text += " ORDER BY o.date NULLS FIRST, o.person"
        return try await rows("offices query", sql.query).map { r in
            OfficeFact(person: try r[0].decode(String.self), code: try r[1].decode(String.self),
                       documentID: try r[2].decode(String.self),
                       evidence: Span(try r[3].decode(Int.self), try r[4].decode(Int.self)), date: try r[5].decode(Date?.self))
        }
    }
}
