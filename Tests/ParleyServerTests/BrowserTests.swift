import Foundation
import ParleyTestSupport
import Testing

/// Headless Chromium, if installed (Debian's `chromium-headless-shell`).
func headlessChromium() -> String? {
    var candidates = ["/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chrome-headless-shell",
                      "/usr/bin/chromium-headless-shell", "/usr/bin/chrome-headless-shell"]
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        candidates += ["\(dir)/chromium-headless-shell", "\(dir)/chrome-headless-shell"]
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a process to completion, with a time limit.
func run(_ executable: String, _ args: [String], timeout: TimeInterval = 60) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    let o = OutputCollector(), e = OutputCollector()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { o.append(out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    group.enter()
    DispatchQueue.global().async { e.append(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if p.isRunning { p.terminate() }
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, o.text, e.text)
}

/// Collects a child's standard output while it runs.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}

@Suite struct BrowserTests {
    /// `parley serve` on a loopback port over a small store; the dyad page loaded in headless Chromium has the chart
    /// and the event rows in its DOM, and the script stored in an article did not run.
    @Test func dyadPageInHeadlessChromium() async throws {
        guard let chromium = headlessChromium() else {
            print("SKIPPED dyadPageInHeadlessChromium: chromium-headless-shell not found (apt-get install chromium-headless-shell)")
            return
        }
        let parley = try #require(parleyExecutable(), "the parley executable is not built")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("db.sqlite").path
        let input = dir.appendingPathComponent("docs.jsonl")
        try Fixture.lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let ingest = try run(parley.path, ["ingest", "--db", db, input.path])
        try #require(ingest.status == 0, "ingest failed: \(ingest.err)")

        let server = Process()
        server.executableURL = parley
        server.arguments = ["serve", "--db", db, "--host", "127.0.0.1", "--port", "0"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        let collected = OutputCollector()
        out.fileHandleForReading.readabilityHandler = { h in collected.append(h.availableData) }
        try server.run()
        defer {
            if server.isRunning { server.interrupt() }
            server.waitUntilExit()
            out.fileHandleForReading.readabilityHandler = nil
        }
        // "Parley serving … on http://127.0.0.1:PORT/ …"
        var base: String?
        for _ in 0..<200 where base == nil {
            try await Task.sleep(nanoseconds: 50_000_000)
            let text = collected.text
            if let r = text.range(of: "http://127.0.0.1:"), let end = text[r.upperBound...].firstIndex(of: "/") {
                base = String(text[r.lowerBound..<end])
            }
        }
        let root = try #require(base, "the server did not report its address: \(collected.text)")

        let profile = dir.appendingPathComponent("profile").path
        let page = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                                      "--virtual-time-budget=3000", "--dump-dom", "\(root)/dyad/IRN-USA?as_of=\(Fixture.asOf)"], timeout: 90)
        try #require(page.status == 0, "chromium failed: \(page.err.suffix(800))")
        let dom = page.out
        #expect(dom.contains("id=\"dyad-chart\""), "chart SVG missing from the rendered DOM")
        #expect(dom.contains("<rect class=\"q"), "chart bars missing")
        #expect(dom.contains("class=\"event-row"), "event rows missing")
        #expect(dom.contains("id=\"briefing\""))
        #expect(!dom.contains("id=\"xss-ran\""), "the stored script ran")
        #expect(!dom.contains("<title>pwned</title>"), "the stored script ran")
        #expect(dom.contains("&lt;script&gt;document.title"), "the stored script is shown as text")

        // SIGTERM stops it cleanly.
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
    }
}
