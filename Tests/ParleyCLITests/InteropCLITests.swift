import Foundation
import Testing

@Suite struct InteropCLITests {
    func row(_ id: String, _ a1: String, _ a2: String, _ code: String, quad: String, day: String) -> String {
        var f = [String](repeating: "", count: 61)
        f[0] = id; f[1] = day; f[5] = a1; f[6] = a1; f[15] = a2; f[16] = a2
        f[26] = code; f[29] = quad; f[30] = "-2.0"; f[31] = "3"; f[32] = "1"; f[33] = "3"; f[34] = "-1.5"
        f[59] = day + "101500"; f[60] = "https://example.org/\(id)"
        return f.joined(separator: "\t")
    }

    @Test func importExportRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("in.CSV").path
        let text = [row("1", "IRNGOV", "USA", "111", quad: "3", day: "20251109"), "broken row",
                    row("2", "USA", "IRN", "042", quad: "1", day: "20251110"), row("3", "FRA", "DEU", "010", quad: "1", day: "20251111")]
        try Data(text.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: input))
        let db = dir.appendingPathComponent("a.sqlite").path
        let first = try parley(["import", "gdelt", input, "--db", db, "--json"])
        #expect(first.status == 1)  // one bad row
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(summary["stored"] as? Int == 3 && summary["failed"] as? Int == 1)
        let errors = try #require(summary["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 2 && errors.first?["file"] as? String == input)
        let again = try parley(["import", "gdelt", input, "--db", db, "--json"])
        #expect(again.stdout.contains("\"duplicates\":3"))

        let dyad = try parley(["export", "--db", db, "--format", "gdelt", "--dyad", "IRN-USA"])
        #expect(dyad.status == 0)
        let lines = dyad.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 61 })
        let out = dir.appendingPathComponent("out.CSV").path
        let all = try parley(["export", "--db", db, "--format", "gdelt"])
        try Data(all.stdout.utf8).write(to: URL(fileURLWithPath: out))
        let db2 = dir.appendingPathComponent("b.sqlite").path
        #expect(try parley(["import", "gdelt", out, "--db", db2, "--json"]).stdout.contains("\"stored\":3"))
        #expect(try parley(["export", "--db", db2, "--format", "gdelt"]).stdout == all.stdout)

        let plover = try parley(["export", "--db", db, "--format", "plover", "--actor", "IRN"])
        #expect(plover.stdout.split(separator: "\n").count == 2)
        #expect(plover.stdout.contains("\"event\":[\"ACCUSE\"]") && plover.stdout.contains("\"event\":[\"CONSULT\"]"))
        let csv = try parley(["export", "--db", db, "--format", "csv", "--code", "01"])
        #expect(csv.stdout.split(separator: "\n").count == 2)
        #expect(csv.stdout.hasPrefix("id,origin,external_id"))
        let jsonl = try parley(["export", "--db", db, "--format", "jsonl", "--since", "2025-11-10", "--until", "2025-11-10"])
        #expect(jsonl.stdout.split(separator: "\n").count == 1 && jsonl.stdout.contains("\"cameo\":\"042\""))
    }
}
