import ArgumentParser
import Foundation
import ParleyCoding
import ParleyModel
import ParleyStore

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Query stored events.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: EventFilterOptions
    @Option(help: "Output: table, jsonl or csv.") var format = "table"

    func run() async throws {
        guard ["table", "jsonl", "csv"].contains(format) else { throw ValidationError("--format: '\(format)' is not table, jsonl or csv") }
        let store = try await store.open()
        let events = try await store.events(filter.query())
        switch format {
        case "jsonl":
            var texts: [String: ScalarOffsets] = [:]
            for e in events {
                var offsets: ScalarOffsets?
                if let id = e.documentID {
                    if texts[id] == nil, let d = try await store.document(id: id) { texts[id] = ScalarOffsets(d.text) }
                    offsets = texts[id]
                }
                print(try AnnotationJSON.line(AnnotationJSON.storedEventObject(e, offsets: offsets)))
            }
        case "csv":
            print("date,source,target,cameo,quad,goldstein,plover,modality,negated,document,published,text")
            for e in events {
                let x = e.event
                let cols: [String] = [x.date ?? "", x.source?.code ?? "", x.target?.code ?? "", x.cameo, "\(x.quad)",
                                      String(x.goldstein), x.plover?.event ?? "", x.modality.rawValue, "\(x.negated)",
                                      e.documentID ?? e.sourceURL ?? "", e.published.map(Timestamp.format) ?? "", e.sentenceText ?? ""]
                print(cols.map(csvField).joined(separator: ","))
            }
        default:
            printEventTable(events)
        }
    }
}

func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

func printEventTable(_ events: [StoredEvent]) {
    func pad(_ s: String, _ n: Int) -> String {
        let c = s.count
        return c >= n ? String(s.prefix(n - 1)) + "…" : s + String(repeating: " ", count: n - c)
    }
    print(pad("date", 12) + pad("source", 12) + pad("target", 12) + pad("cameo", 6) + pad("quad", 5) + pad("gold", 6) + pad("mode", 9) + "sentence")
    for e in events {
        let x = e.event
        print(pad(x.date ?? "-", 12) + pad(x.source?.code ?? "-", 12) + pad(x.target?.code ?? "-", 12) + pad(x.cameo, 6)
              + pad("\(x.quad)", 5) + pad(String(format: "%.1f", x.goldstein), 6) + pad(x.negated ? "negated" : x.modality.rawValue, 9)
              + String((e.sentenceText ?? e.sourceURL ?? "").prefix(100)))
    }
    print("\(events.count) event\(events.count == 1 ? "" : "s")")
}
