import Foundation
import HTTPTypes
import Hummingbird
import ParleyAnalysis
import ParleyIngest
import ParleyModel
import ParleyStore

extension ParleyService {
    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            let docs = try await store.documentCount()
            return try Reply.json(["status": "ok", "documents": docs])
        }
        router.get("/metrics") { _, _ -> Response in
            Reply.text(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.json") { _, _ -> Response in
            guard let data = OpenAPIDocument.data else {
                throw APIError(.internalServerError, "the OpenAPI document is missing from this build")
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        router.get("/api/documents") { request, _ -> Response in
            var q = DocumentQuery()
            q.since = try time(request, "since")
            q.until = try time(request, "until", upper: true)
            q.knownAt = try time(request, "known_at", upper: true)
            q.outlet = request.uri.queryParameters.get("outlet").flatMap { $0.isEmpty ? nil : $0 }
            q.limit = try int(request, "limit", default: configuration.defaultPageSize, range: 1...configuration.maxPageSize)
            let docs = try await store.documents(q)
            return try Reply.json(["documents": docs.map { documentObject($0, text: false) }, "count": docs.count])
        }
        router.get("/api/documents/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            guard let d = try await store.document(id: id) else { throw APIError(.notFound, "no document with id '\(id)'") }
            var o = documentObject(d, text: true)
            var q = EventQuery()
            q.documentID = id
            var events: [[String: Any]] = []
            for e in try await store.events(q) { events.append(try await eventObject(e)) }
            o["events"] = events
            return try Reply.json(o)
        }
        router.post("/api/documents") { request, _ -> Response in
            try await ingest(request)
        }

        router.get("/api/events") { request, _ -> Response in
            var q = try eventQuery(request)
            let limit = try int(request, "limit", default: configuration.defaultPageSize, range: 1...configuration.maxPageSize)
            var offset = try int(request, "offset", default: 0, range: 0...Int(Int32.max))
            let total = try await store.eventCount(q)
            q.limit = limit
            q.offset = offset
            if let text = request.uri.queryParameters.get("cursor"), !text.isEmpty {
                guard let cursor = PageCursor(text) else { throw APIError(.badRequest, "cursor: '\(text)' is not a cursor this server issued") }
                // A cursor names the last event of the previous page: the page starts after it, without re-reading the
                // rows before it (an offset costs a read of every earlier row).
                offset = cursor.offset
                q.offset = cursor.after == nil ? offset : nil
                q.after = cursor.after
            }
            let events = try await store.events(q)
            var out: [[String: Any]] = []
            out.reserveCapacity(events.count)
            for e in events { out.append(try await eventObject(e)) }
            let next = offset + events.count < total && !events.isEmpty ? offset + events.count : nil
            let nextCursor = next.map { PageCursor(offset: $0, after: EventQuery.Position(events[events.count - 1])).text }
            return try Reply.json(["total": total, "limit": limit, "offset": offset, "count": out.count, "events": out,
                                   "next_offset": next ?? NSNull(), "next_cursor": nextCursor ?? NSNull()])
        }

        router.get("/api/dyads/:dyad/series") { request, context -> Response in
            let (a, b) = try dyad(try context.parameters.require("dyad"))
            let by = request.uri.queryParameters.get("by") ?? "month"
            guard let g = Granularity(rawValue: by) else { throw APIError(.badRequest, "by: '\(by)' is not day, week or month") }
            let series = try await self.series(a, b, by: g, asOf: try time(request, "as_of", upper: true), knownAt: try time(request, "known_at", upper: true))
            return try Reply.json(["a": a, "b": b, "by": g.rawValue, "points": series.points.map(pointObject)])
        }
        router.get("/api/dyads/:dyad/brief") { request, context -> Response in
            let (a, b) = try dyad(try context.parameters.require("dyad"))
            let briefing = try await brief(a, b, request)
            return Reply.text(try BriefingRenderer.json(briefing), contentType: "application/json; charset=utf-8")
        }
        router.get("/api/claims") { request, _ -> Response in
            let (a, b) = try requiredDyad(request)
            let briefing = try await brief(a, b, request)
            return try Reply.encoded(ClaimsReply(a: a, b: b, asOf: briefing.asOf, knownAt: briefing.knownAt, claims: briefing.claims,
                                                 sources: briefing.sources))
        }
        router.get("/api/statements") { request, _ -> Response in
            let (a, b) = try requiredDyad(request)
            let briefing = try await brief(a, b, request)
            return try Reply.encoded(StatementsReply(a: a, b: b, asOf: briefing.asOf, knownAt: briefing.knownAt,
                                                     statements: briefing.statements, sources: briefing.sources))
        }
        router.get("/api/actors") { request, _ -> Response in
            let activity = try await activityFigures(asOf: try time(request, "as_of", upper: true))
            let limit = try int(request, "limit", default: 1000, range: 1...100_000)
            let names = CountryNames.bundled
            let actors: [[String: Any]] = activity.actors.prefix(limit).map {
                ["code": $0.code, "name": names.name(String($0.code.prefix(3))), "events": $0.total,
                 "as_source": $0.asSource, "as_target": $0.asTarget]
            }
            return try Reply.json(["actors": actors, "total": activity.actors.count])
        }
        router.get("/api/dyads") { request, _ -> Response in
            let activity = try await activityFigures(asOf: try time(request, "as_of", upper: true))
            let limit = try int(request, "limit", default: 50, range: 1...10_000)
            let dyads: [[String: Any]] = activity.dyads.prefix(limit).map {
                ["dyad": "\($0.a)-\($0.b)", "events": $0.events, "goldstein_mean": $0.goldsteinMean,
                 "quad": Array($0.quad.dropFirst()), "last": $0.last.map(Timestamp.day) ?? NSNull()]
            }
            return try Reply.json(["dyads": dyads, "total": activity.dyads.count])
        }
    }

    func requiredDyad(_ request: Request) throws -> (String, String) {
        guard let d = request.uri.queryParameters.get("dyad"), !d.isEmpty else {
            throw APIError(.badRequest, "dyad: required, of the form A-B (e.g. IRN-USA)")
        }
        return try dyad(d)
    }

    /// The briefing for a dyad as of `as_of` (default now) and known by `known_at`.
    func brief(_ a: String, _ b: String, _ request: Request) async throws -> Briefing {
        let asOf = try time(request, "as_of", upper: true) ?? Self.now()
        let knownAt = try time(request, "known_at", upper: true)
        return try await briefing(a, b, asOf: asOf, knownAt: knownAt)
    }

    func series(_ a: String, _ b: String, by g: Granularity, asOf: Date?, knownAt: Date? = nil) async throws -> DyadSeries {
        var q = EventQuery(dyad: a, b)
        q.asOf = asOf
        q.knownAt = knownAt
        return DyadSeries(a: a, b: b, granularity: g, digests: try await store.eventDigests(q))
    }

    func pointObject(_ p: SeriesPoint) -> [String: Any] {
        func figures(_ f: EventFigures) -> [String: Any] {
            ["events": f.events, "mentions": f.mentions, "quad": Array(f.quad.dropFirst()), "goldstein_sum": f.goldsteinSum,
             "goldstein_mean": f.goldsteinMean, "verbal": f.verbal, "material": f.material,
             "cooperation": f.cooperation, "conflict": f.conflict]
        }
        var o = figures(p.all)
        o["period"] = p.period
        o["start"] = Timestamp.format(p.start)
        o["verbal_share"] = p.all.verbalShare
        o["conflict_share"] = p.all.conflictShare
        o["a_to_b"] = figures(p.aToB)
        o["b_to_a"] = figures(p.bToA)
        return o
    }

    func documentObject(_ d: StoredDocument, text: Bool) -> [String: Any] {
        var o: [String: Any] = [
            "id": d.id, "url": d.url ?? NSNull(), "outlet": d.outlet ?? NSNull(), "title": d.title ?? NSNull(),
            "author": d.author ?? NSNull(), "section": d.section ?? NSNull(), "keywords": d.keywords,
            "published": d.published.map(Timestamp.format) ?? NSNull(), "ingested": Timestamp.format(d.ingested),
            "content_hash": d.contentHash, "bytes": d.text.utf8.count,
        ]
        if text { o["text"] = d.text }
        return o
    }

    // MARK: Ingest

    func ingest(_ request: Request) async throws -> Response {
        try authorizeWrite(request)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maxBodyBytes {
            throw tooLarge()
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw tooLarge()
        }
        let items = try parseBody(Array(body.readableBytesView))
        var config = Ingestor.Configuration()
        config.now = configuration.now
        // A fresh ingestor per request: it learns offices from the store, and is never shared between requests.
        let summary = try await Ingestor(store: store, configuration: config).ingest(items: items)
        let storedIDs = Set(summary.storedIDs)
        var documents: [[String: Any]] = []
        var eventsCoded = 0
        for item in items {
            let id = Ingestor.document(from: item, ingested: Date()).id
            var o: [String: Any] = ["id": id, "status": storedIDs.contains(id) ? "stored" : "duplicate"]
            if let line = item.line { o[item.file == "item" ? "item" : "line"] = line }
            if storedIDs.contains(id) {
                var q = EventQuery()
                q.documentID = id
                var events: [[String: Any]] = []
                for e in try await store.events(q) { events.append(try await eventObject(e)) }
                eventsCoded += events.count
                o["events"] = events
            }
            if !item.warnings.isEmpty { o["warnings"] = item.warnings }
            documents.append(o)
        }
        metrics.ingested("requests", 1)
        metrics.ingested("documents_stored", summary.stored)
        metrics.ingested("documents_duplicate", summary.duplicates)
        metrics.ingested("events_coded", eventsCoded)
        activity.invalidate()
        briefings.invalidate()
        return try Reply.json(["stored": summary.storedIDs, "duplicates": summary.duplicates,
                               "errors": summary.errors.map(\.description), "documents": documents],
                              status: summary.stored > 0 ? .created : .ok)
    }

    func tooLarge() -> APIError {
        metrics.ingested("documents_rejected", 1)
        return APIError(.contentTooLarge, "request body exceeds the \(configuration.maxBodyBytes)-byte limit")
    }

    /// Writes need `Authorization: Bearer <token>`; a server started without a token refuses all writes (403).
    func authorizeWrite(_ request: Request) throws {
        guard let token = configuration.token, !token.isEmpty else {
            throw APIError(.forbidden, "writes are disabled: this server was started without a token (--token or PARLEY_TOKEN)")
        }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"parley\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "missing bearer token (Authorization: Bearer <token>)", headers: challenge)
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix,
              constantTimeEqual(Array(header.utf8.dropFirst(prefix.count)), Array(token.utf8)) else {
            throw APIError(.unauthorized, "wrong bearer token", headers: challenge)
        }
    }

    /// A JSON object, a JSON array of objects, or JSONL (one object a line) → items; every problem is named by its
    /// line or item, and a body with any problem is refused whole (400) so nothing is half-stored.
    func parseBody(_ bytes: [UInt8]) throws -> [IngestedItem] {
        let reader = InputReader()
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else {
            throw APIError(.badRequest, "empty body: send a JSON object, a JSON array of objects, or JSONL")
        }
        var results: [ReadResult] = []
        if bytes[first] == UInt8(ascii: "[") {
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
            } catch {
                throw APIError(.badRequest, "body: malformed JSON array")
            }
            guard let array = parsed as? [Any] else { throw APIError(.badRequest, "body: not a JSON array") }
            for (i, element) in array.enumerated() {
                guard element is [String: Any], let data = try? JSONSerialization.data(withJSONObject: element) else {
                    results.append(.failure(IngestError(file: "item", line: i + 1, reason: "not a JSON object")))
                    continue
                }
                if let r = reader.jsonLine(Array(data), number: i + 1, name: "item") { results.append(r) }
                else { results.append(.failure(IngestError(file: "item", line: i + 1, reason: "empty"))) }
            }
        } else {
            // One object (possibly pretty-printed over several lines), else JSONL.
            if let single = try? JSONSerialization.jsonObject(with: Data(bytes), options: []), single is [String: Any],
               let r = reader.jsonLine(Array(try JSONSerialization.data(withJSONObject: single)), number: 1, name: "body") {
                results = [r]
            } else {
                var number = 1
                var start = 0
                while start <= bytes.count {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    if let r = reader.jsonLine(Array(bytes[start..<end]), number: number, name: "line") { results.append(r) }
                    number += 1
                    start = end + 1
                }
            }
        }
        var items: [IngestedItem] = []
        var problems: [String] = []
        for r in results {
            switch r {
            case .item(let item): items.append(item)
            case .failure(let e):
                let place = e.file == "body" ? "body" : "\(e.file) \(e.line ?? 0)"
                problems.append("\(place): \(e.reason)")
            }
        }
        if !problems.isEmpty {
            metrics.ingested("documents_rejected", results.count)
            let shown = problems.prefix(20).joined(separator: "; ")
            throw APIError(.badRequest, problems.count > 20 ? "\(shown); and \(problems.count - 20) more" : shown)
        }
        guard !items.isEmpty else { throw APIError(.badRequest, "body holds no documents") }
        return items
    }
}

struct ClaimsReply: Encodable {
    var a: String
    var b: String
    var asOf: String
    var knownAt: String?
    var claims: [Briefing.Claim]
    var sources: [Citation]
}

struct StatementsReply: Encodable {
    var a: String
    var b: String
    var asOf: String
    var knownAt: String?
    var statements: [Briefing.Statement]
    var sources: [Citation]
}

/// A page cursor of `/api/events`: the offset of the page it starts and the position of the previous page's last
/// event (keyset paging). Opaque to clients: base64 of "k:OFFSET:DAY:ID" (DAY the Unix time, or "-" for no day);
/// the older "o:OFFSET" form is still read.
struct PageCursor: Equatable {
    var offset: Int
    var after: EventQuery.Position?

    init(offset: Int, after: EventQuery.Position?) {
        self.offset = offset
        self.after = after
    }

    init?(_ text: String) {
        var b = text
        while b.utf8.count % 4 != 0 { b += "=" }
        guard let d = Data(base64Encoded: b), let t = String(data: d, encoding: .utf8) else { return nil }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.first {
        case "o":
            guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { return nil }
            self.init(offset: n, after: nil)
        case "k":
            guard parts.count == 4, let n = Int(parts[1]), n >= 0, let id = Int64(parts[3]) else { return nil }
            let day: Date?
            if parts[2] == "-" { day = nil } else if let s = Double(parts[2]), s.isFinite { day = Date(timeIntervalSince1970: s) } else { return nil }
            self.init(offset: n, after: EventQuery.Position(day: day, id: id))
        default:
            return nil
        }
    }

    var text: String {
        let plain: String
        if let after { plain = "k:\(offset):\(after.day.map { "\($0.timeIntervalSince1970)" } ?? "-"):\(after.id)" } else { plain = "o:\(offset)" }
        return Data(plain.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}

func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var diff = UInt8(a.count == b.count ? 0 : 1)
    for i in 0..<max(a.count, b.count) {
        diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
    }
    return diff == 0
}

/// The hand-written OpenAPI document, read once from the module's resources.
enum OpenAPIDocument {
    static let data: Data? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "openapi", withExtension: "json") else { return nil }
        return try? Data(contentsOf: url)
    }()
}
