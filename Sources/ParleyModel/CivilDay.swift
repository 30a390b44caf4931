import Foundation

/// A proleptic Gregorian calendar day with the arithmetic the date tagger and time printing need (UTC, no time zone).
/// Day serials count from 1970-01-01 (H. Hinnant's days-from-civil algorithm).
public struct CivilDay: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(serial z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public init(_ date: Date) {
        self.init(serial: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public var serial: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weekday: Int {
        let s = serial
        let w = ((s % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return w + 1
    }

    public func adding(days: Int) -> CivilDay { CivilDay(serial: serial + days) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// ISO 8601 week-numbering year and week.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let jan1 = CivilDay(year: thursday.year, month: 1, day: 1)
        return (thursday.year, (thursday.serial - jan1.serial) / 7 + 1)
    }

    public var quarter: Int { (month - 1) / 3 + 1 }
}

extension CivilDay {
    /// Zero-padded decimal formatting without Foundation's `String(format:)`.
    @inline(__always)
    public static func pad(_ v: Int, _ width: Int) -> String {
        var s = String(abs(v))
        while s.count < width { s = "0" + s }
        return v < 0 ? "-" + s : s
    }

    public var iso: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }
    public var isoWeekString: String { let w = isoWeek; return Self.pad(w.year, 4) + "-W" + Self.pad(w.week, 2) }
}
