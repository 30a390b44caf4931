import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyModel
import ParleyStore

struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Where A and B stand as of a moment, and why: a briefing with every item cited.",
        discussion: "Uses only documents published at or before --as-of (default: now), and with --known-at only what had been ingested by then."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "First actor (country or actor code prefix), e.g. IRN.") var a: String
    @Argument(help: "Second actor, e.g. USA.") var b: String
    @Option(name: .customLong("as-of"), help: "The moment (ISO 8601); a bare date means the end of that day.") var asOf: String?
    @Option(name: .customLong("known-at"), help: "Only what Parley had ingested by this time.") var knownAt: String?
    @Option(help: "Output: md, html or json.") var format = "md"

    func run() async throws {
        guard ["md", "html", "json"].contains(format) else { throw ValidationError("--format: '\(format)' is not md, html or json") }
        let t = try asOf.map { try parseTimeOption($0, name: "--as-of").endOfDayIfDate($0) } ?? Date()
        let k = try knownAt.map { try parseTimeOption($0, name: "--known-at").endOfDayIfDate($0) }
        let briefing = try await BriefingBuilder(store: try await store.open()).brief(a, b, asOf: t, knownAt: k)
        switch format {
        case "json": print(try BriefingRenderer.json(briefing))
        case "html": print(BriefingRenderer.html(briefing))
        default: print(BriefingRenderer.markdown(briefing))
        }
    }
}

struct DyadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyad",
        abstract: "The event series of a dyad per day, week or month (events merged across articles)."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "First actor, e.g. IRN.") var a: String
    @Argument(help: "Second actor, e.g. USA.") var b: String
    @Option(name: .customLong("as-of"), help: "Only documents published by then (ISO 8601).") var asOf: String?
    @Option(help: "Bucket: day, week or month.") var by = "month"
    @Option(help: "Output: table, csv or jsonl.") var format = "table"

    func run() async throws {
        guard let g = Granularity(rawValue: by) else { throw ValidationError("--by: '\(by)' is not day, week or month") }
        guard ["table", "csv", "jsonl"].contains(format) else { throw ValidationError("--format: '\(format)' is not table, csv or jsonl") }
        let store = try await store.open()
        var q = EventQuery(dyad: a.uppercased(), b.uppercased())
        if let asOf { q.asOf = try parseTimeOption(asOf, name: "--as-of").endOfDayIfDate(asOf) }
        let series = DyadSeries(a: a.uppercased(), b: b.uppercased(), granularity: g, digests: try await store.eventDigests(q))
        switch format {
        case "jsonl":
            for p in series.points {
                let o: [String: Any] = ["period": p.period, "events": p.all.events, "mentions": p.all.mentions,
                                        "quad": Array(p.all.quad.dropFirst()), "goldstein_sum": p.all.goldsteinSum,
                                        "goldstein_mean": p.all.goldsteinMean, "verbal_share": p.all.verbalShare,
                                        "conflict_share": p.all.conflictShare, "a_to_b": p.aToB.events, "b_to_a": p.bToA.events]
                let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        case "csv":
            print("period,events,mentions,q1,q2,q3,q4,goldstein_sum,goldstein_mean,verbal_share,conflict_share,a_to_b,b_to_a")
            for p in series.points {
                let f = p.all
                print("\(p.period),\(f.events),\(f.mentions),\(f.quad[1]),\(f.quad[2]),\(f.quad[3]),\(f.quad[4]),\(f.goldsteinSum),\(String(format: "%.3f", f.goldsteinMean)),\(String(format: "%.3f", f.verbalShare)),\(String(format: "%.3f", f.conflictShare)),\(p.aToB.events),\(p.bToA.events)")
            }
        default:
            let names = CountryNames.bundled
            print("\(names.name(series.a)) – \(names.name(series.b)), by \(g.rawValue): events (verbal coop / material coop / verbal conflict / material conflict), mean Goldstein")
            let maxAbs = max(1, series.points.map { abs($0.all.goldsteinMean) }.max() ?? 1)
            for p in series.points {
                let f = p.all
                let width = Int((abs(f.goldsteinMean) / maxAbs * 20).rounded())
                let bar = f.goldsteinMean < 0
                    ? String(repeating: " ", count: 20 - width) + String(repeating: "█", count: width) + "|" + String(repeating: " ", count: 20)
                    : String(repeating: " ", count: 20) + "|" + String(repeating: "█", count: width) + String(repeating: " ", count: 20 - width)
                print("\(p.period.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%4d", f.events)) (\(f.quad[1])/\(f.quad[2])/\(f.quad[3])/\(f.quad[4])) \(String(format: "%6.1f", f.goldsteinMean)) \(bar)")
            }
            print("\(series.points.count) periods; bars: mean Goldstein, conflict left, cooperation right")
        }
    }
}
