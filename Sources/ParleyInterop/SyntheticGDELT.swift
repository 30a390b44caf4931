import Foundation
import ParleyModel

/// Synthetic GDELT 2.0 event rows with GDELT-like skew: actors and event codes drawn from Zipf distributions
/// (a few countries and codes dominate, a long tail of rare ones), so dyads are skewed too.
public struct SyntheticGDELT {

    /// Cumulative Zipf weights 1/rank^s over n ranks.
    struct Zipf {
        let cdf: [Double]
        init(n: Int, s: Double) {
            var acc = 0.0
            var c: [Double] = []
            c.reserveCapacity(n)
            for r in 1...n { acc += 1 / pow(Double(r), s); c.append(acc) }
            cdf = c.map { $0 / acc }
        }
        func sample(_ u: Double) -> Int {
            var lo = 0, hi = cdf.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    static let countries: [String] = [
        "USA", "CHN", "RUS", "GBR", "IND", "ISR", "IRN", "FRA", "DEU", "JPN", "UKR", "PAK", "TUR", "AUS", "CAN", "SYR",
        "KOR", "PRK", "AFG", "EGY", "SAU", "IRQ", "NGA", "ZAF", "BRA", "MEX", "ITA", "ESP", "PSE", "LBN", "YEM", "QAT",
        "ARE", "IDN", "PHL", "MYS", "THA", "VNM", "BGD", "LKA", "NPL", "KEN", "ETH", "SDN", "SOM", "LBY", "TUN", "DZA",
        "MAR", "JOR", "POL", "SWE", "NOR", "NLD", "BEL", "CHE", "AUT", "GRC", "HUN", "ROU", "SRB", "BLR", "KAZ", "UZB",
        "GEO", "ARM", "AZE", "VEN", "COL", "ARG", "CHL", "PER", "CUB", "NZL", "IRL", "PRT", "DNK", "FIN", "CZE", "UGA",
        "TZA", "RWA", "COD", "CMR", "GHA", "SEN", "MLI", "NER", "TCD", "ZWE", "MOZ", "AGO", "MMR", "KHM", "LAO", "MNG",
        "TWN", "SGP", "EUR", "IGOUNO",
    ]
    static let roles = ["", "GOV", "MIL", "BUS", "CVL", "OPP", "MED", "COP", "JUD", "LEG"]
    /// CAMEO codes, most frequent first (roughly GDELT's order), with Goldstein scores.
    static let codes: [(String, Double)] = [
        ("010", 0.0), ("042", 1.9), ("043", 2.8), ("020", 3.0), ("040", 1.0), ("051", 3.4), ("190", -10.0), ("036", 4.0),
        ("046", 7.0), ("173", -5.0), ("111", -2.0), ("112", -2.0), ("057", 8.0), ("061", 6.4), ("030", 4.0), ("013", 0.4),
        ("012", -0.4), ("071", 7.4), ("080", 5.0), ("084", 7.0), ("100", -5.0), ("120", -4.0), ("130", -4.4), ("141", -6.5),
        ("145", -7.5), ("150", -7.2), ("160", -4.0), ("163", -8.0), ("172", -5.0), ("180", -9.0), ("182", -9.5), ("183", -10.0),
        ("193", -10.0), ("195", -10.0), ("0231", 3.4), ("0311", 5.2), ("0841", 7.0), ("1011", -5.0), ("1122", -2.0),
        ("1383", -7.0), ("1711", -9.2), ("1823", -9.0), ("200", -10.0), ("090", -2.0), ("128", -4.0), ("0874", 10.0),
    ]

    static func quad(_ code: String) -> Int {
        let root = Int(code.prefix(2))!
        switch root {
        case 1...5: return 1
        case 6...8: return 2
        case 9...13: return 3
        default: return 4
        }
    }

    public var seed: UInt64 = 42
    /// First day of the synthetic period and its length in days.
    public var firstDay = 20_089  // 2025-01-01 in days since 1970
    public var days = 730

    public init() {}

    /// Writes `rows` GDELT 2.0 rows to `path`, in DATEADDED order as GDELT publishes them.
    public func write(rows: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw InteropError("cannot create \(path)")
        }
        defer { try? h.close() }
        var rng = SplitMix64(seed: seed)
        let actors: [String] = Self.countries.flatMap { c in Self.roles.map { c + $0 } }
        // Rank actors by country rank then role rank, so "USA" and "USAGOV" are the most frequent.
        let actorZipf = Zipf(n: actors.count, s: 1.05)
        let codeZipf = Zipf(n: Self.codes.count, s: 1.0)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        let actorBytes: [[UInt8]] = actors.map { [UInt8]($0.utf8) }
        let urlPrefix: [UInt8] = [UInt8]("https://news.example/".utf8)
        let igo: [UInt8] = [0x49, 0x47, 0x4F]
        let codeBytes: [([UInt8], [UInt8], UInt8)] = Self.codes.map { ([UInt8]($0.0.utf8), [UInt8]("\($0.1)".utf8), UInt8(0x30 + Self.quad($0.0))) }
        func num(_ v: Int, width: Int = 0) {
            var digits: [UInt8] = []
            var x = v
            repeat { digits.append(UInt8(0x30 + x % 10)); x /= 10 } while x > 0
            while digits.count < width { digits.append(0x30) }
            buffer.append(contentsOf: digits.reversed())
        }
        func tab(_ n: Int = 1) { for _ in 0..<n { buffer.append(0x09) } }
        for i in 0..<rows {
            let day = firstDay + min(days - 1, i * days / max(rows, 1))
            let eventDay = day - Int(rng.next() % 4)  // most events are reported within days
            let (y, m, d) = Self.civil(eventDay)
            let (ay, am, ad) = Self.civil(day)
            let secs = Int(rng.next() % 86_400)
            let a1 = actorBytes[actorZipf.sample(rng.unit())]
            var a2 = actorBytes[actorZipf.sample(rng.unit())]
            if rng.next() % 10 == 0 { a2 = [] }
            let (code, goldstein, quad) = codeBytes[codeZipf.sample(rng.unit())]
            let mentions = 1 + Int(rng.next() % 10)
            let tone = Int(rng.next() % 2000) - 1000
            num(1_000_000_000 + i); tab()
            num(y, width: 4); num(m, width: 2); num(d, width: 2); tab()
            num(y, width: 4); num(m, width: 2); tab()
            num(y, width: 4); tab()
            let frac = (eventDay - Self.daysFrom(y, 1, 1)) * 10_000 / 365
            num(y); buffer.append(0x2E); num(min(frac, 9999), width: 4); tab()
            for a in [a1, a2] {
                // Code, name, country; 7 blank group/ethnic/religion/type columns but Type1 (the role).
                buffer.append(contentsOf: a); tab()
                buffer.append(contentsOf: a); tab()
                buffer.append(contentsOf: a.prefix(3)); tab(5)
                if a.count > 3 { buffer.append(contentsOf: a.dropFirst(3)) }
                tab(3)
            }
            buffer.append(rng.next() % 2 == 0 ? 0x31 : 0x30); tab()
            buffer.append(contentsOf: code); tab()
            buffer.append(contentsOf: code.prefix(3)); tab()
            buffer.append(contentsOf: code.prefix(2)); tab()
            buffer.append(quad); tab()
            buffer.append(contentsOf: goldstein); tab()
            num(mentions); tab()
            num(1 + mentions / 3); tab()
            num(mentions); tab()
            if tone < 0 { buffer.append(0x2D) }
            num(abs(tone) / 100); buffer.append(0x2E); num(abs(tone) % 100, width: 2); tab()
            tab(16)  // Actor1Geo, Actor2Geo
            buffer.append(0x31); tab()
            if !a1.starts(with: igo) { buffer.append(contentsOf: a1.prefix(3)) }
            tab()
            buffer.append(contentsOf: a1.prefix(2)); tab(6)
            num(ay, width: 4); num(am, width: 2); num(ad, width: 2)
            num(secs / 3600, width: 2); num(secs / 60 % 60, width: 2); num(secs % 60, width: 2); tab()
            buffer.append(contentsOf: urlPrefix); num(i)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 {
                h.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        h.write(Data(buffer))
    }

    static func daysFrom(_ y: Int, _ m: Int, _ d: Int) -> Int { GDELTRowParser.daysFromCivil(y, m, d) }

    /// Civil date of days since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
