import Foundation
import GRDB
import ParleyModel
import ParleyStore
import ParleyTestSupport
import Testing

/// The built `parley` executable, or an error saying where it was looked for.
func parleyBinary() throws -> URL {
    guard let found = parleyExecutable() else {
        throw CLIError("parley binary not found near \(CommandLine.arguments[0])")
    }
    return found
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

@discardableResult
func parley(_ args: [String], stdin: String? = nil) throws -> Run {
    let p = Process()
    p.executableURL = try parleyBinary()
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

@Suite(.serialized) struct CLITests {
    @Test func brokenJSONLLineIsNamedAndTheRestStored() throws {
        let t = try TempDir()
        let lines = (1...5).map { i in i == 3 ? "{\"id\": \"3\", \"text\": " : "{\"id\": \"\(i)\", \"text\": \"Story \(i).\"}" }
        try lines.joined(separator: "\n").write(toFile: t.path("five.jsonl"), atomically: true, encoding: .utf8)
        let r = try parley(["ingest", "--db", t.path("db.sqlite"), "--json", t.path("five.jsonl")])
        #expect(r.status != 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["stored"] as? Int == 4)
        #expect(json["failed"] as? Int == 1)
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 3)
        #expect((errors.first?["file"] as? String)?.hasSuffix("five.jsonl") == true)
        #expect(errors.first?["reason"] as? String == "malformed JSON")

        let plain = try parley(["ingest", "--db", t.path("db.sqlite"), t.path("five.jsonl")])
        #expect(plain.stdout.contains("stored 0, duplicates 4, failed 1"))
        #expect(plain.stderr.contains("five.jsonl:3: malformed JSON"))
    }

    @Test func stdinAndDocsListing() throws {
        let t = try TempDir()
        let r = try parley(["ingest", "--db", t.path("db.sqlite"), "--published", "2025-11-09T08:00:00Z", "-"],
                           stdin: "Iran rejects talks\nThere is no possibility of negotiations, the minister said.")
        #expect(r.status == 0)
        #expect(r.stdout.contains("stored 1"))
        let docs = try parley(["docs", "--db", t.path("db.sqlite"), "--json"])
        let line = try #require(try JSONSerialization.jsonObject(with: Data(docs.stdout.utf8)) as? [String: Any])
        #expect(line["title"] as? String == "Iran rejects talks")
        #expect(line["published"] as? String == "2025-11-09T08:00:00Z")
        for key in ["id", "ingested", "url", "outlet"] { #expect(line.keys.contains(key)) }
        let none = try parley(["docs", "--db", t.path("db.sqlite"), "--json", "--until", "2025-11-08"])
        #expect(none.stdout.isEmpty)
    }

    @Test func ingestCodesAndRecodeReplaces() async throws {
        let t = try TempDir()
        let text = """
            Iran rejects talks
            Iranian Foreign Minister Abbas Araghchi said on Sunday that Iran would not negotiate with the United States. \
            “We will not negotiate under pressure,” Araghchi told reporters in Tehran.
            """
        let r = try parley(["ingest", "--db", t.path("db.sqlite"), "--published", "2025-11-12T21:48:07Z", "-"], stdin: text)
        #expect(r.status == 0)
        let store = try SQLiteStore(path: t.path("db.sqlite"))
        let id = try #require(try await store.documentIDs().first)
        let mentions = try await store.mentions(documentID: id)
        #expect(mentions.contains { $0.code == "IRNGOV" && $0.person == "Abbas Araghchi" })
        let quotes = try await store.quotes(documentID: id, speakerActor: nil, asOf: nil)
        #expect(quotes.contains { $0.quote.direct && $0.content.contains("We will not negotiate") && $0.quote.speakerActor == "IRNGOV" })
        let offices = try await store.offices(knownAt: nil)
        #expect(offices.contains { $0.person == "Abbas Araghchi" && $0.code == "IRNGOV" })
        let before = try await store.eventCount(EventQuery())
        let re = try parley(["recode", "--db", t.path("db.sqlite"), "--json"])
        #expect(re.status == 0)
        #expect(try await store.eventCount(EventQuery()) == before)
        #expect(try await store.quotes(documentID: id, speakerActor: nil, asOf: nil).count == quotes.count)
    }

    @Test func annotateFollowsTheSchema() throws {
        // "é" and "“" are multi-byte: spans must count Unicode scalars, not bytes.
        let text = "Café talks: on November 9, 2025, Iran’s Foreign Minister Abbas Araghchi said “there is no possibility” of talks with the United States."
        let r = try parley(["annotate", "--input", "text", "--published", "2025-11-12T21:48:07Z", "--layers", "sentences,tokens,dates,quotes,actors,events", "-"], stdin: text)
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["published"] as? String == "2025-11-12T21:48:07Z")
        #expect(o["id"] is String)
        let scalars = Array(text.unicodeScalars)
        func cover(_ span: Any?) -> String {
            guard let s = span as? [Int], s.count == 2 else { return "<no span>" }
            return String(String.UnicodeScalarView(scalars[s[0]..<s[1]]))
        }
        let sentences = try #require(o["sentences"] as? [[String: Any]])
        #expect(sentences.count == 1)
        let tokens = try #require(o["tokens"] as? [[String: Any]])
        #expect(tokens.allSatisfy { t in (t["text"] as? String) == cover(t["span"]) })
        #expect(tokens.allSatisfy { t in t["pos"] is String && t["head"] is Int && t["dep"] is String && t["lemma"] is String })
        #expect(tokens.filter { ($0["head"] as? Int) == -1 }.count == 1)
        let dates = try #require(o["dates"] as? [[String: Any]])
        #expect(dates.contains { $0["value"] as? String == "2025-11-09" && cover($0["span"]) == "November 9, 2025" && $0["type"] as? String == "DATE" })
        let quotes = try #require(o["quotes"] as? [[String: Any]])
        let q = try #require(quotes.first { cover(($0["content"] as? [String: Any])?["span"]).contains("no possibility") })
        #expect(q["direct"] as? Bool == true)
        let actors = try #require(o["actors"] as? [[String: Any]])
        #expect(actors.contains { $0["code"] as? String == "IRNGOV" && $0["person"] as? String == "Abbas Araghchi" })
        #expect(actors.contains { $0["code"] as? String == "USA" && cover($0["span"]).hasSuffix("United States") })
        #expect(o["events"] is [Any])
        let bad = try parley(["annotate", "--layers", "sentences,bogus", "-"], stdin: "x")
        #expect(bad.status != 0 && bad.stderr.contains("bogus"))
    }

    @Test func badOptionsAreClearErrors() throws {
        let t = try TempDir()
        let r = try parley(["ingest", "--db", t.path("db.sqlite"), "--format", "pdf", "x"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--format"))
        let d = try parley(["docs", "--db", t.path("db.sqlite"), "--since", "yesterday"])
        #expect(d.status != 0 && d.stderr.contains("--since"))
    }

    /// A child process killed with SIGKILL in the middle of a large ingest leaves a consistent database,
    /// and running the same command again stores exactly what is missing.
    @Test func killedIngestResumesExactly() async throws {
        let t = try TempDir()
        let total = 15_000
        var body = ""
        body.reserveCapacity(total * 400)
        let filler = String(repeating: "Officials met in Geneva to discuss the nuclear file and the sanctions regime. ", count: 4)
        for i in 0..<total {
            body += "{\"id\": \"doc-\(i)\", \"text\": \"Story \(i). \(filler)\", \"published\": \"2025-01-01T00:00:00Z\"}\n"
        }
        let input = t.path("big.jsonl")
        try body.write(toFile: input, atomically: true, encoding: .utf8)
        let db = t.path("kill.sqlite")

        let p = Process()
        p.executableURL = try parleyBinary()
        // Storage alone (coding is tested elsewhere): a large input makes the kill land mid-run.
        p.arguments = ["ingest", "--no-code", "--db", db, input]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until some batches are committed, then kill it mid-run.
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            // A read-only connection: it takes no write lock (opening the store would migrate, and wait for the
            // writer), and in WAL mode it never waits for the ingest's transactions.
            if FileManager.default.fileExists(atPath: db), let n = committedDocuments(db), n > 0 {
                committed = n
                break
            }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)

        let store = try SQLiteStore(path: db)
        #expect(try store.integrityCheck() == "ok")
        let afterKill = try await store.documentCount()
        #expect(committed > 0)
        try #require(afterKill < total, "the ingest finished before it could be killed; the input must be larger")
        #expect(afterKill % 64 == 0, "only whole batches are committed")

        let r = try parley(["ingest", "--no-code", "--db", db, "--json", input])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["stored"] as? Int == total - afterKill)
        #expect(json["duplicates"] as? Int == afterKill)
        #expect(try await SQLiteStore(path: db).documentCount() == total)
    }
}

/// Documents committed in a SQLite store, read without writing (nil while it has no schema yet).
private func committedDocuments(_ path: String) -> Int? {
    var config = Configuration()
    config.readonly = true
    guard let q = try? DatabaseQueue(path: path, configuration: config) else { return nil }
    return try? q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") }
}
