import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyInterop
import ParleyModel
import ParleyPostgres
import ParleyStore

struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract: "Store scale benchmark: generate synthetic GDELT data, then time store queries.",
        discussion: """
        parley bench-store generate --rows 1000000 --out events.csv   (then: parley import gdelt events.csv --db x.sqlite)
        parley bench-store query --db x.sqlite
        parley bench-store query --db postgres://user@127.0.0.1:5432/parley   (the same queries on PostgreSQL)
        """,
        subcommands: [Generate.self, Query.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write synthetic GDELT 2.0 rows with Zipf-skewed actors and codes.")

        @Option(help: "Number of rows.")
        var rows = 1_000_000

        @Option(help: "Output file.")
        var out: String

        @Option(help: "Random seed.")
        var seed: UInt64 = 42

        func run() async throws {
            var g = SyntheticGDELT()
            g.seed = seed
            let t = Date()
            try g.write(rows: rows, to: out)
            Console.error("wrote \(rows) rows to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(t))) s")
        }
    }

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time dyad-series, events and briefing queries (SQLite or PostgreSQL).")

        @Option(help: "Database to query: a SQLite file or postgres://user@host:port/db.")
        var db: String

        @Option(help: "Runs per query (after one warm-up run).")
        var runs = 20

        @Flag(help: "Print the plan (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE) of the main queries.")
        var plans = false

        @Option(help: "Runs per briefing (after one warm-up run); 0 skips the briefing.")
        var briefingRuns = 3

        func run() async throws {
            let store = try await StoreOptions.open(db)
            let total = try await store.eventCount(EventQuery())
            print("events: \(total)")
            var rows: [(String, Double, Double, Int)] = []
            func time(_ name: String, runs: Int = runs, _ body: () async throws -> Int) async throws {
                var n = try await body()
                var samples: [Double] = []
                for _ in 0..<max(1, runs) {
                    let t = DispatchTime.now().uptimeNanoseconds
                    n = try await body()
                    samples.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
                }
                samples.sort()
                rows.append((name, samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 95 / 100)], n))
            }
            let year = (Timestamp.parse("2025-06-01")!, Timestamp.parse("2026-05-31")!)
            for (a, b) in [("USA", "CHN"), ("USA", "RUS"), ("IRN", "ISR"), ("NGA", "GHA")] {
                try await time("dyad series \(a)-\(b), all days (daily table)") { try await store.dyadDays(a, b, directed: false, since: nil, until: nil).count }
                try await time("dyad series \(a)-\(b), one year (daily table)") { try await store.dyadDays(a, b, directed: false, since: year.0, until: year.1).count }
            }
            // The same aggregation straight over the event table (GROUP BY day, quad), for comparison.
            for (a, b) in [("USA", "CHN"), ("NGA", "GHA")] {
                try await time("dyad series \(a)-\(b), all days (event table)") { try await store.dyadDaysFromEvents(a, b, directed: false, since: nil, until: nil).count }
            }
            for (a, b) in [("USA", "CHN"), ("IRN", "ISR")] {
                var q = EventQuery(dyad: a, b)
                q.limit = 100
                try await time("events \(a)-\(b), first 100") { try await store.events(q).count }
                q.since = year.0
                q.until = year.1
                q.code = "19"
                try await time("events \(a)-\(b), code 19, one year, first 100") { try await store.events(q).count }
                let c = EventQuery(dyad: a, b)
                try await time("event count \(a)-\(b)") { try await store.eventCount(c) }
                // What the server's series and a briefing read: the whole dyad, as digests and as events.
                try await time("event digests \(a)-\(b), whole dyad", runs: max(1, runs / 4)) { try await store.eventDigests(c).count }
                try await time("events \(a)-\(b), whole dyad", runs: max(1, runs / 4)) { try await store.events(c).count }
                try await time("counterparts of \(a) without \(b)", runs: max(1, runs / 4)) {
                    try await store.counterparts(of: a, excluding: b, asOf: nil, knownAt: nil).count
                }
            }
            var actor = EventQuery()
            actor.actor = "IRN"
            actor.since = Timestamp.parse("2026-03-01")
            actor.until = Timestamp.parse("2026-03-07")
            actor.limit = 100
            try await time("events actor IRN, one week, first 100") { try await store.events(actor).count }
            var week = EventQuery()
            week.since = Timestamp.parse("2026-03-01")
            week.until = Timestamp.parse("2026-03-01")
            week.limit = 1000
            try await time("events one day, first 1000") { try await store.events(week).count }

            if briefingRuns > 0 {
                // The whole briefing (documents, dyad events, both sides' third-party events, rendering model).
                let asOf = Timestamp.parse("2026-06-01")!
                for (a, b) in [("IRN", "ISR"), ("NGA", "GHA")] {
                    try await time("briefing \(a)-\(b), as of 2026-06-01 (citations)", runs: briefingRuns) {
                        try await BriefingBuilder(store: store).brief(a, b, asOf: asOf).sources.count
                    }
                }
            }

            print("| query | median ms | p95 ms | rows |")
            print("|---|---:|---:|---:|")
            for (name, median, p95, n) in rows {
                print("| \(name) | \(String(format: "%.2f", median)) | \(String(format: "%.2f", p95)) | \(n) |")
            }
            if plans {
                print("\nplan, dyad series (daily table):")
                for l in try await store.dyadDaysPlan("USA", "CHN", directed: false) { print("  \(l)") }
                print("plan, dyad series (event table):")
                if let pg = store as? PostgresStore {
                    for l in try await pg.dyadDaysFromEventsPlan("USA", "CHN") { print("  \(l)") }
                } else if let lite = store as? SQLiteStore {
                    for l in try lite.dyadDaysFromEventsPlan("USA", "CHN") { print("  \(l)") }
                }
                var q = EventQuery(dyad: "USA", "CHN")
                q.limit = 100
                print("plan, events USA-CHN first 100:")
                for l in try await store.eventsQueryPlan(q) { print("  \(l)") }
                q.since = year.0
                q.until = year.1
                q.code = "19"
                print("plan, events USA-CHN code 19 one year first 100:")
                for l in try await store.eventsQueryPlan(q) { print("  \(l)") }
                print("plan, events actor IRN one week:")
                for l in try await store.eventsQueryPlan(actor) { print("  \(l)") }
            }
        }
    }
}
