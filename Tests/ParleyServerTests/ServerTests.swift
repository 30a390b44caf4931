import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyAnalysis
import ParleyIngest
import ParleyModel
import ParleyServer
import ParleyStore
import Testing

/// Small articles about Iran and the United States, one carrying a script in its title and text.
enum Fixture {
    static let script = "<script>document.title='pwned';var d=document.createElement('div');d.id='xss-ran';document.body.appendChild(d)</script>"

    static let lines: [String] = [
        #"{"id": "d1", "title": "Talks in Muscat", "outlet": "example.org", "published": "2025-10-04T10:00:00Z", "text": "Iranian Foreign Minister Abbas Araghchi met U.S. envoy Steve Witkoff in Muscat on Saturday. Iran and the United States agreed to hold a second round of talks."}"#,
        #"{"id": "d2", "title": "Sanctions", "outlet": "example.com", "published": "2025-10-20T10:00:00Z", "text": "The United States imposed new sanctions on Iran on Monday. Iran condemned the United States for the sanctions, the foreign ministry said."}"#,
        #"{"id": "xss", "title": "Warning \#(script)", "outlet": "example.net", "published": "2025-11-10T10:00:00Z", "text": "Iran accused the United States of lying \#(script) on Monday. Tehran warned Washington against new strikes."}"#,
    ]

    static let posted = #"{"id": "p1", "title": "Threat", "published": "2025-11-20T09:00:00Z", "text": "Iran threatened the United States with retaliation on Thursday."}"#

    static let now = Timestamp.parse("2025-11-25T00:00:00Z")!
    static let asOf = "2025-12-31"

    static func store() async throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        var config = Ingestor.Configuration()
        config.now = now
        let reader = InputReader()
        var items: [IngestedItem] = []
        for (i, line) in lines.enumerated() {
            guard case .item(let item) = reader.jsonLine(Array(line.utf8), number: i + 1, name: "fixture") else {
                Issue.record("fixture line \(i + 1) unreadable")
                continue
            }
            items.append(item)
        }
        _ = try await Ingestor(store: store, configuration: config).ingest(items: items)
        return store
    }

    static func configuration(token: String? = "s3cret", maxBody: Int = 8 << 20) -> ServerConfiguration {
        var c = ServerConfiguration(host: "127.0.0.1", port: 0, token: token, maxBodyBytes: maxBody)
        c.now = now
        return c
    }
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    let o = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
    return try #require(o as? [String: Any])
}

@Suite struct ServerRouteTests {
    @Test func healthAndOpenAPI() async throws {
        let app = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { r throws in
                #expect(r.status == .ok)
                #expect(try json(r.body)["documents"] as? Int == 3)
            }
            try await client.execute(uri: "/openapi.json", method: .get) { r throws in
                #expect(r.status == .ok)
                let doc = try json(r.body)
                #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
                let paths = try #require(doc["paths"] as? [String: Any])
                for p in ["/api/documents", "/api/events", "/api/dyads/{dyad}/series", "/api/dyads/{dyad}/brief", "/api/claims",
                          "/api/statements", "/api/actors", "/healthz", "/metrics"] {
                    #expect(paths[p] != nil, "OpenAPI document lacks \(p)")
                }
            }
        }
    }

    @Test func documentsListAndFilters() async throws {
        let app = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/documents", method: .get) { r throws in
                let docs = try #require(try json(r.body)["documents"] as? [[String: Any]])
                #expect(Set(docs.compactMap { $0["id"] as? String }) == ["d1", "d2", "xss"])
                #expect(docs.allSatisfy { $0["text"] == nil })
            }
            try await client.execute(uri: "/api/documents?outlet=example.com", method: .get) { r throws in
                let docs = try #require(try json(r.body)["documents"] as? [[String: Any]])
                #expect(docs.compactMap { $0["id"] as? String } == ["d2"])
            }
            try await client.execute(uri: "/api/documents?since=2025-10-10&until=2025-10-31", method: .get) { r throws in
                let docs = try #require(try json(r.body)["documents"] as? [[String: Any]])
                #expect(docs.compactMap { $0["id"] as? String } == ["d2"])
            }
            try await client.execute(uri: "/api/documents?limit=1", method: .get) { r throws in
                #expect(try #require(try json(r.body)["documents"] as? [[String: Any]]).count == 1)
            }
            try await client.execute(uri: "/api/documents?since=yesterday", method: .get) { r throws in
                #expect(r.status == .badRequest)
                #expect((try json(r.body)["error"] as? String)?.contains("since") == true)
            }
            try await client.execute(uri: "/api/documents/d1", method: .get) { r throws in
                let d = try json(r.body)
                #expect((d["text"] as? String)?.hasPrefix("Iranian Foreign Minister") == true)
            }
            try await client.execute(uri: "/api/documents/nope", method: .get) { r throws in #expect(r.status == .notFound) }
        }
    }

    @Test func eventsFiltersAndPagination() async throws {
        let store = try await Fixture.store()
        let q = EventQuery(dyad: "IRN", "USA")
        let all = try await store.events(q)
        try #require(all.count >= 3, "the fixture should code at least three Iran–US events (got \(all.count))")
        let app = buildApplication(store: store, configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/events?dyad=IRN-USA", method: .get) { r throws in
                let page = try json(r.body)
                #expect(page["total"] as? Int == all.count)
                let events = try #require(page["events"] as? [[String: Any]])
                #expect(events.count == all.count)
                #expect(events.allSatisfy { ($0["evidence"] as? String)?.hasPrefix("/documents/") == true })
            }
            // Pages of 2 cover every event once, in order, by offset and by cursor.
            var seen: [Int] = []
            var cursor: String? = nil
            repeat {
                let uri = "/api/events?dyad=IRN-USA&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                cursor = try await client.execute(uri: uri, method: .get) { r throws in
                    let page = try json(r.body)
                    #expect(page["total"] as? Int == all.count)
                    seen += (page["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                    return page["next_cursor"] as? String
                }
            } while cursor != nil && seen.count <= all.count
            #expect(seen == all.compactMap { $0.id.map(Int.init) })
            // By offset, and by a cursor of the earlier offset form ("o:1").
            for uri in ["/api/events?dyad=IRN-USA&limit=1&offset=1", "/api/events?dyad=IRN-USA&limit=1&cursor=bzox"] {
                try await client.execute(uri: uri, method: .get) { r throws in
                    let page = try json(r.body)
                    #expect((page["events"] as? [[String: Any]])?.first?["id"] as? Int == all[1].id.map(Int.init), "\(uri)")
                    #expect(page["offset"] as? Int == 1 && page["next_offset"] as? Int == (all.count > 2 ? 2 : nil), "\(uri)")
                }
            }
            // Directed, actor and code prefix filters agree with the store.
            for (uri, query) in [
                ("/api/events?dyad=USA-IRN&directed=true", EventQuery(dyad: "USA", "IRN", directed: true)),
                ("/api/events?actor=usa", { var q = EventQuery(); q.actor = "USA"; return q }()),
                ("/api/events?dyad=IRN-USA&code=1", { var q = EventQuery(dyad: "IRN", "USA"); q.code = "1"; return q }()),
                ("/api/events?dyad=IRN-USA&as_of=2025-10-31", { var q = EventQuery(dyad: "IRN", "USA"); q.asOf = Timestamp.parse("2025-10-31T23:59:59.999Z"); return q }()),
                ("/api/events?since=2025-11-01", { var q = EventQuery(); q.since = Timestamp.parse("2025-11-01"); return q }()),
            ] {
                let expected = try await store.events(query).compactMap { $0.id.map(Int.init) }
                try await client.execute(uri: uri, method: .get) { r throws in
                    #expect(r.status == .ok)
                    let page = try json(r.body)
                    #expect((page["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == expected, "\(uri)")
                    #expect(page["total"] as? Int == expected.count, "\(uri)")
                }
            }
            for bad in ["/api/events?dyad=IRN", "/api/events?limit=0", "/api/events?code=ab", "/api/events?as_of=soon", "/api/events?cursor=%%%",
                        "/api/events?cursor=azoxOmFiYzoy", "/api/events?cursor=azotMTotOjI"] {
                try await client.execute(uri: bad, method: .get) { r throws in #expect(r.status == .badRequest, "\(bad)") }
            }
        }
    }

    @Test func seriesBriefClaimsStatementsActors() async throws {
        let store = try await Fixture.store()
        let app = buildApplication(store: store, configuration: Fixture.configuration())
        let asOf = Timestamp.parse(Fixture.asOf)!.addingTimeInterval(86_399.999)
        let expectedBrief = try BriefingRenderer.json(try await BriefingBuilder(store: store).brief("IRN", "USA", asOf: asOf))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/dyads/IRN-USA/series?by=month&as_of=\(Fixture.asOf)", method: .get) { r throws in
                let s = try json(r.body)
                let points = try #require(s["points"] as? [[String: Any]])
                #expect(points.compactMap { $0["period"] as? String } == ["2025-10", "2025-11"])
                let total = points.compactMap { $0["events"] as? Int }.reduce(0, +)
                #expect(total > 0)
                for p in points {
                    let quad = p["quad"] as? [Int] ?? []
                    #expect(quad.reduce(0, +) == p["events"] as? Int)
                    #expect((p["verbal"] as? Int ?? -1) + (p["material"] as? Int ?? -1) == p["events"] as? Int)
                }
            }
            try await client.execute(uri: "/api/dyads/IRN-USA/series?by=year", method: .get) { r throws in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/api/dyads/IRN-USA/series?by=month&as_of=2025-10-31", method: .get) { r throws in
                let points = try #require(try json(r.body)["points"] as? [[String: Any]])
                #expect(points.compactMap { $0["period"] as? String } == ["2025-10"])
            }
            try await client.execute(uri: "/api/dyads/IRN-USA/brief?as_of=\(Fixture.asOf)", method: .get) { r throws in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body) == expectedBrief)
            }
            try await client.execute(uri: "/api/claims?dyad=IRN-USA&as_of=\(Fixture.asOf)", method: .get) { r throws in
                let o = try json(r.body)
                #expect(o["claims"] is [Any] && o["sources"] is [Any])
            }
            try await client.execute(uri: "/api/statements?dyad=IRN-USA&as_of=\(Fixture.asOf)", method: .get) { r throws in
                let o = try json(r.body)
                #expect(o["statements"] is [Any] && o["a"] as? String == "IRN")
            }
            try await client.execute(uri: "/api/claims", method: .get) { r throws in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/api/actors", method: .get) { r throws in
                let actors = try #require(try json(r.body)["actors"] as? [[String: Any]])
                let all = try await store.events(EventQuery())
                for a in actors {
                    let code = try #require(a["code"] as? String)
                    let n = all.filter { $0.event.source?.code == code }.count + all.filter { $0.event.target?.code == code }.count
                    #expect(a["events"] as? Int == n, "\(code)")
                }
                #expect(actors.contains { ($0["code"] as? String)?.hasPrefix("IRN") == true })
            }
        }
    }

    @Test func writesNeedTheToken() async throws {
        let app = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/documents", method: .post, body: ByteBuffer(string: Fixture.posted)) { r throws in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer wrong"],
                                     body: ByteBuffer(string: Fixture.posted)) { r throws in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/api/events?dyad=IRN-USA&since=2025-11-20", method: .get) { r throws in
                #expect(try json(r.body)["total"] as? Int == 0)
            }
        }
        let closed = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration(token: nil))
        try await closed.test(.router) { client in
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer anything"],
                                     body: ByteBuffer(string: Fixture.posted)) { r throws in
                #expect(r.status == .forbidden)
                #expect((try json(r.body)["error"] as? String)?.contains("token") == true)
            }
        }
    }

    @Test(arguments: [
        ("{\"id\": 1, \"title\": \"x\"}", "missing field 'text'"),
        ("{\"text\": \"A fine line.\"}\n{\"text\": 5}", "line 2: field 'text' is not a string"),
        ("{\"text\": \"ok\"}\nnot json", "line 2: malformed JSON"),
        ("[{\"text\": \"ok\"}, 3]", "item 2: not a JSON object"),
        ("[{\"text\": \"ok\"}, {\"text\": \"\"}]", "item 2: empty text"),
        ("   ", "empty body"),
        ("[1, 2", "malformed JSON array"),
    ])
    func badBodiesAreNamed(body: String, message: String) async throws {
        let store = try await Fixture.store()
        let app = buildApplication(store: store, configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                     body: ByteBuffer(string: body)) { r throws in
                #expect(r.status == .badRequest)
                let error = try json(r.body)["error"] as? String ?? ""
                #expect(error.contains(message), "\(error)")
            }
        }
        #expect(try await store.documentCount() == 3, "a bad body stores nothing")
    }

    @Test func oversizedBodyIs413() async throws {
        let app = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration(maxBody: 1024))
        let big = "{\"text\": \"" + String(repeating: "Iran and the United States talked. ", count: 100) + "\"}"
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                     body: ByteBuffer(string: big)) { r throws in
                #expect(r.status == .contentTooLarge)
            }
            try await client.execute(uri: "/healthz", method: .get) { r throws in #expect(r.status == .ok) }
        }
    }

    @Test func postedDocumentAppearsInTheSameResponseAndInEvents() async throws {
        let store = try await Fixture.store()
        let metrics = ServerMetrics()
        let app = buildApplication(store: store, configuration: Fixture.configuration(), metrics: metrics)
        try await app.test(.router) { client in
            let ids: [Int] = try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                                      body: ByteBuffer(string: Fixture.posted)) { r throws in
                #expect(r.status == .created)
                let o = try json(r.body)
                #expect(o["stored"] as? [String] == ["p1"])
                let doc = try #require((o["documents"] as? [[String: Any]])?.first)
                #expect(doc["status"] as? String == "stored")
                let events = try #require(doc["events"] as? [[String: Any]])
                #expect(!events.isEmpty, "the posted document's coded events are in the response")
                #expect(events.allSatisfy { $0["document"] as? String == "p1" })
                return events.compactMap { $0["id"] as? Int }
            }
            try await client.execute(uri: "/api/events?dyad=IRN-USA&limit=1000", method: .get) { r throws in
                let listed = Set((try json(r.body)["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int })
                #expect(Set(ids).isSubset(of: listed))
            }
            // The same text again is a duplicate, not a second copy.
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                     body: ByteBuffer(string: Fixture.posted)) { r throws in
                #expect(r.status == .ok)
                #expect(try json(r.body)["duplicates"] as? Int == 1)
            }
            // JSONL and arrays.
            let jsonl = #"{"text": "Iran praised the United States on Friday.", "published": "2025-11-21"}"# + "\n"
                + #"{"text": "The United States criticized Iran on Saturday.", "published": "2025-11-22"}"#
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                     body: ByteBuffer(string: jsonl)) { r throws in
                #expect(r.status == .created)
                #expect((try json(r.body)["stored"] as? [String])?.count == 2)
            }
            try await client.execute(uri: "/api/documents", method: .post, headers: [.authorization: "Bearer s3cret"],
                                     body: ByteBuffer(string: #"[{"text": "Iran met the United States in Geneva.", "id": "arr1"}]"#)) { r throws in
                #expect(try json(r.body)["stored"] as? [String] == ["arr1"])
            }
            try await client.execute(uri: "/metrics", method: .get) { r throws in
                let text = String(buffer: r.body)
                #expect(text.contains("parley_ingest_documents_total{outcome=\"stored\"} 4"))
                #expect(text.contains("parley_http_requests_total{route=\"/api/documents\",method=\"POST\",status=\"201\"}"))
                #expect(text.contains("parley_http_request_duration_seconds_bucket{route=\"/api/events\",method=\"GET\",le=\"+Inf\"}"))
            }
        }
        #expect(try await store.documentCount() == 7)
    }

    @Test func dashboardPagesEscapeStoredText() async throws {
        let app = buildApplication(store: try await Fixture.store(), configuration: Fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r throws in
                let page = String(buffer: r.body)
                #expect(r.status == .ok)
                #expect(page.contains("href=\"/dyad/IRN-USA\""))
            }
            try await client.execute(uri: "/dyad/IRN-USA?as_of=\(Fixture.asOf)", method: .get) { r throws in
                let page = String(buffer: r.body)
                #expect(r.status == .ok)
                #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(page.contains("<svg id=\"dyad-chart\""))
                #expect(page.contains("class=\"event-row"))
                #expect(page.contains("id=\"state\"") && page.contains("id=\"prospects\"") && page.contains("id=\"briefing\""))
                #expect(!page.contains("<script>document"), "stored script must not appear as markup")
                #expect(page.contains("&lt;script&gt;document.title"))
                #expect(page.contains("value=\"\(Fixture.asOf)\""))
                #expect(page.contains("/documents/"))
            }
            // As of before the November article, the page leaves it out.
            try await client.execute(uri: "/dyad/IRN-USA?as_of=2025-10-31", method: .get) { r throws in
                let page = String(buffer: r.body)
                #expect(!page.contains("&lt;script&gt;"))
            }
            try await client.execute(uri: "/documents/xss", method: .get) { r throws in
                let page = String(buffer: r.body)
                #expect(!page.contains("<script>document"))
                #expect(page.contains("&lt;script&gt;document.title"))
            }
            try await client.execute(uri: "/dyad/IRN-USA?as_of=whenever", method: .get) { r throws in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/assets/parley.js", method: .get) { r throws in #expect(r.status == .ok) }
        }
    }

    @Test func evidenceViewHighlightsTheSentence() async throws {
        let store = try await Fixture.store()
        let app = buildApplication(store: store, configuration: Fixture.configuration())
        let doc = try #require(try await store.document(id: "d2"))
        let sentence = "Iran condemned the United States for the sanctions, the foreign ministry said."
        let start = try #require(doc.text.utf8.firstRange(of: sentence.utf8).map { doc.text.utf8.distance(from: doc.text.utf8.startIndex, to: $0.lowerBound) })
        let end = start + sentence.utf8.count
        try await app.test(.router) { client in
            try await client.execute(uri: "/documents/d2?s=\(start)-\(end)", method: .get) { r throws in
                let page = String(buffer: r.body)
                #expect(page.contains("<mark id=\"cited\">\(sentence)</mark>"))
            }
            for bad in ["\(end)-\(start)", "0-99999", "x"] {
                try await client.execute(uri: "/documents/d2?s=\(bad)", method: .get) { r throws in #expect(r.status == .badRequest, "\(bad)") }
            }
        }
    }
}
