import Foundation
import GRDB
import GRDBSQLite

/// Adds the events above a bulk-import watermark to the rollups by hash aggregation: one scan of those rows in rowid
/// order, groups counted in memory, then merged into `dyad_day` and `dyad_country_day` in key order. It replaces a
/// `GROUP BY` per rollup, whose cost was SQLite's sorter (record comparisons over text keys, twice over the rows).
///
/// The result equals the `GROUP BY` (`addRollupSQL`): the same rows (`id > since AND eventDay IS NOT NULL AND negated = 0`, read at
/// the end, so rows written meanwhile by other connections count with their final values), the same keys (NULL codes
/// as '', the country rollup on the first three characters), and sums taken in rowid order. Memory is bounded: a
/// rollup whose groups reach `groupCap` is merged into its table and cleared (upserts add, so partial merges sum up;
/// a group merged in parts can then differ from the `GROUP BY` in the last bits of its Goldstein sum, as any
/// incremental upkeep of a floating-point sum does).
struct RollupAggregator {
    /// Groups of one rollup: an open-addressing table on (source code id, target code id, day, quad) with the sums
    /// beside the keys (a slot is empty while its event count is 0).
    struct Groups {
        private(set) var pairs: [UInt64]      // source << 32 | target
        private(set) var days: [UInt64]       // bit pattern of the day (seconds since 1970, REAL in the table)
        private(set) var quads: [Int32]
        private(set) var events: [Int]
        private(set) var goldstein: [Double]
        private(set) var mentions: [Int]
        private(set) var count = 0
        let capacity: Int
        private let mask: Int

        /// Room for `capacity` groups at a load factor of at most one half.
        init(capacity: Int) {
            self.capacity = capacity
            var size = 16
            while size < 2 * capacity { size <<= 1 }
            mask = size - 1
            pairs = [UInt64](repeating: 0, count: size)
            days = [UInt64](repeating: 0, count: size)
            quads = [Int32](repeating: 0, count: size)
            events = [Int](repeating: 0, count: size)
            goldstein = [Double](repeating: 0, count: size)
            mentions = [Int](repeating: 0, count: size)
        }

        var isFull: Bool { count >= capacity }

        @inline(__always)
        mutating func add(source: Int32, target: Int32, day: UInt64, quad: Int32, goldstein g: Double, mentions m: Int) {
            let pair = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target))
            var h = (pair ^ (day &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(UInt32(bitPattern: quad)) << 7) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            var j = Int(truncatingIfNeeded: h) & mask
            while events[j] != 0 {
                if pairs[j] == pair && days[j] == day && quads[j] == quad { break }
                j = (j + 1) & mask
            }
            if events[j] == 0 {
                pairs[j] = pair; days[j] = day; quads[j] = quad
                count += 1
            }
            events[j] += 1
            goldstein[j] += g
            mentions[j] += m
        }

        /// The occupied slots.
        var slots: [Int] { events.indices.filter { events[$0] != 0 } }

        func source(_ slot: Int) -> Int32 { Int32(truncatingIfNeeded: pairs[slot] >> 32) }
        func target(_ slot: Int) -> Int32 { Int32(truncatingIfNeeded: pairs[slot] & 0xFFFF_FFFF) }
        func day(_ slot: Int) -> Double { Double(bitPattern: days[slot]) }
        func quad(_ slot: Int) -> Int32 { quads[slot] }
        func sums(_ slot: Int) -> (events: Int, goldstein: Double, mentions: Int) { (events[slot], goldstein[slot], mentions[slot]) }

        mutating func removeAll() {
            for j in events.indices { events[j] = 0; goldstein[j] = 0; mentions[j] = 0 }
            count = 0
        }
    }

    /// Interned actor codes: the UTF-8 bytes of each distinct code once, looked up by an FNV-1a hash; each code also
    /// knows the id of its first three characters (its key in the country rollup).
    struct Codes {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        private var hashes: [UInt64] = []
        /// Per code id, the id of the code's first three characters (itself when it has no more).
        private(set) var country: [Int32] = []
        private var slots = [Int32](repeating: -1, count: 1024)

        var count: Int { starts.count - 1 }

        func code(_ i: Int) -> ArraySlice<UInt8> { bytes[starts[i]..<starts[i + 1]] }

        static func hash(_ p: UnsafePointer<UInt8>?, _ n: Int) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in 0..<n { h = (h ^ UInt64(p![k])) &* 0x100_0000_01b3 }
            return h
        }

        @inline(__always) func home(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) & (slots.count - 1) }

        mutating func id(_ p: UnsafePointer<UInt8>?, _ n: Int) -> Int32 {
            let h = Self.hash(p, n)
            var j = home(h)
            while slots[j] >= 0 {
                let i = Int(slots[j])
                if hashes[i] == h && starts[i + 1] - starts[i] == n
                    && (n == 0 || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[i], p!, n) == 0 }) {
                    return Int32(i)
                }
                j = (j + 1) & (slots.count - 1)
            }
            let i = count
            if n > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: p!, count: n)) }
            starts.append(bytes.count)
            hashes.append(h)
            country.append(Int32(i))
            slots[j] = Int32(i)
            if count * 2 > slots.count {
                // Grow and re-insert every code by its kept hash.
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for c in 0..<count {
                    var k = home(hashes[c])
                    while slots[k] >= 0 { k = (k + 1) & (slots.count - 1) }
                    slots[k] = Int32(c)
                }
            }
            let prefix = RollupAggregator.prefixBytes(p, n, characters: 3)
            if prefix < n { country[i] = id(p, prefix) }
            return Int32(i)
        }
    }

    /// Groups held per rollup before they are merged into its table (about 44 MB of tables for each).
    static let groupCap = 1 << 19

    /// Aggregates the rows above `since` into both rollups.
    static func addEvents(above since: Int64, _ db: Database, groupCap: Int = RollupAggregator.groupCap) throws {
        var codes = Codes()
        var full = Groups(capacity: groupCap), country = Groups(capacity: groupCap)
        let select = try db.makeStatement(sql: """
            SELECT sourceCode, targetCode, eventDay, quad, goldstein, mentions FROM event
            WHERE id > ? AND eventDay IS NOT NULL AND negated = 0 ORDER BY id
            """)
        let stmt = select.sqliteStatement
        sqlite3_bind_int64(stmt, 1, since)
        defer { sqlite3_reset(stmt) }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let sp = sqlite3_column_text(stmt, 0), sn = Int(sqlite3_column_bytes(stmt, 0))
            let tp = sqlite3_column_text(stmt, 1), tn = Int(sqlite3_column_bytes(stmt, 1))
            let day = sqlite3_column_double(stmt, 2).bitPattern
            let quad = Int32(truncatingIfNeeded: sqlite3_column_int64(stmt, 3))
            let goldstein = sqlite3_column_double(stmt, 4)
            let mentions = Int(sqlite3_column_int64(stmt, 5))
            let s = codes.id(sp, sn), t = codes.id(tp, tn)
            let cs = codes.country[Int(s)], ct = codes.country[Int(t)]
            full.add(source: s, target: t, day: day, quad: quad, goldstein: goldstein, mentions: mentions)
            country.add(source: cs, target: ct, day: day, quad: quad, goldstein: goldstein, mentions: mentions)
            if full.isFull { try merge(&full, codes, into: "dyad_day", db) }
            if country.isFull { try merge(&country, codes, into: "dyad_country_day", db) }
        }
        try merge(&full, codes, into: "dyad_day", db)
        try merge(&country, codes, into: "dyad_country_day", db)
    }

    /// The byte length of the first `characters` characters of UTF-8 text (SQLite's `substr(x, 1, n)` on text).
    @inline(__always)
    static func prefixBytes(_ p: UnsafePointer<UInt8>?, _ n: Int, characters: Int) -> Int {
        var seen = 0
        for k in 0..<n where p![k] & 0xC0 != 0x80 {
            if seen == characters { return k }
            seen += 1
        }
        return n
    }

    /// Upserts the groups into a rollup table in its key order (source, target, day, quad) and clears them.
    static func merge(_ groups: inout Groups, _ codes: Codes, into table: String, _ db: Database) throws {
        if groups.count == 0 { return }
        // Codes ranked in byte order (SQLite's BINARY collation), so groups sort on integers.
        var rank = [Int32](repeating: 0, count: codes.count)
        for (r, c) in (0..<codes.count).sorted(by: { codes.code($0).lexicographicallyPrecedes(codes.code($1)) }).enumerated() {
            rank[c] = Int32(r)
        }
        let g = groups
        // Sort keys: (source rank, target rank), then the day in an order-preserving unsigned form, then the quad.
        @inline(__always) func ordered(_ d: UInt64) -> UInt64 { d >> 63 == 0 ? d | (1 << 63) : ~d }
        var keys: [(UInt64, UInt64, Int32, Int32)] = []
        keys.reserveCapacity(g.count)
        for slot in g.slots {
            let pair = UInt64(UInt32(bitPattern: rank[Int(g.source(slot))])) << 32 | UInt64(UInt32(bitPattern: rank[Int(g.target(slot))]))
            keys.append((pair, ordered(g.day(slot).bitPattern), g.quad(slot), Int32(slot)))
        }
        keys.sort { $0 < $1 }
        let order = keys.map { Int($0.3) }
        let sql = """
            INSERT INTO \(table) (sourceCode, targetCode, day, quad, events, goldsteinSum, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET events = events + excluded.events, goldsteinSum = goldsteinSum + excluded.goldsteinSum,
                                      mentions = mentions + excluded.mentions
            """
        let statement = try db.makeStatement(sql: sql)
        let stmt = statement.sqliteStatement
        let empty: StaticString = ""
        let emptyPointer = UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
        try codes.bytes.withUnsafeBufferPointer { arena in
            let base = arena.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyPointer
            func text(_ i: Int32, _ code: Int32) {
                let start = codes.starts[Int(code)], n = codes.starts[Int(code) + 1] - start
                sqlite3_bind_text(stmt, i, n == 0 ? emptyPointer : base + start, Int32(n), nil)
            }
            defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
            for slot in order {
                let sums = g.sums(slot)
                text(1, g.source(slot))
                text(2, g.target(slot))
                sqlite3_bind_double(stmt, 3, g.day(slot))
                sqlite3_bind_int64(stmt, 4, Int64(g.quad(slot)))
                sqlite3_bind_int64(stmt, 5, Int64(sums.events))
                sqlite3_bind_double(stmt, 6, sums.goldstein)
                sqlite3_bind_int64(stmt, 7, Int64(sums.mentions))
                let rc = sqlite3_step(stmt)
                guard rc == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                sqlite3_reset(stmt)
            }
        }
        groups.removeAll()
    }
}
