import Foundation

/// TIMEX3 date values as periods: "2025-11-09", "2025-11", "2025", "2025-W45", "2025-Q4", "2025-SU", "198" (decade).
public enum TimexValue {
    /// The first instant of the period a value names (UTC), or nil for references (PAST_REF …) and durations.
    public static func start(_ value: String) -> Date? {
        let b = Array(value.utf8)
        func num(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= b.count else { return nil }
            var v = 0
            for i in from..<(from + n) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        let cal = Timestamp.utcCalendar
        func date(_ y: Int, _ m: Int, _ d: Int) -> Date? { cal.date(from: DateComponents(year: y, month: m, day: d)) }
        if b.count == 3, let decade = num(0, 3) { return date(decade * 10, 1, 1) }
        if b.count == 2, let century = num(0, 2) { return date(century * 100, 1, 1) }
        guard let year = num(0, 4) else { return nil }
        if b.count == 4 { return date(year, 1, 1) }
        guard b.count >= 7, b[4] == 0x2D else { return nil }
        if b[5] == 0x57, let week = num(6, 2) {  // ISO week
            var c = DateComponents()
            c.yearForWeekOfYear = year
            c.weekOfYear = week
            c.weekday = 2
            var iso = Calendar(identifier: .iso8601)
            iso.timeZone = TimeZone(identifier: "UTC")!
            return iso.date(from: c)
        }
        if b[5] == 0x51, let q = num(6, 1), (1...4).contains(q) { return date(year, (q - 1) * 3 + 1, 1) }
        if b[5] == 0x48, let h = num(6, 1), (1...2).contains(h) { return date(year, h == 1 ? 1 : 7, 1) }
        let seasons: [String: Int] = ["SP": 3, "SU": 6, "FA": 9, "WI": 12]
        if let m = seasons[String(decoding: b[5..<7], as: UTF8.self)] { return date(year, m, 1) }
        guard let month = num(5, 2), (1...12).contains(month) else { return nil }
        if b.count == 7 { return date(year, month, 1) }
        guard b.count >= 10, b[7] == 0x2D, let day = num(8, 2), (1...31).contains(day) else { return nil }
        return date(year, month, day)
    }
}
