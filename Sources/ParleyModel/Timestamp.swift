import Foundation

/// Parsing and printing of the times Parley reads and writes (ISO 8601 and its common variants).
public enum Timestamp {
    /// Parses "2025-11-12T21:48:07Z", "2025-03-14 20:30:26Z", "2025-11-12T21:48:07+03:30",
    /// "2025-11-12T21:48:07.123Z", "2025-11-12T21:48" and "2025-11-12" (UTC midnight). Nil when not a time.
    public static func parse(_ string: String) -> Date? {
        var s = Array(string.utf8)
        while let last = s.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { s.removeLast() }
        while let first = s.first, first == 0x20 || first == 0x09 { s.removeFirst() }
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = s[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard let year = num(0, 4), s.count >= 10, s[4] == 0x2D, let month = num(5, 2), s[7] == 0x2D,
              let day = num(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        var i = 10
        if i < s.count, s[i] == 0x54 || s[i] == 0x74 || s[i] == 0x20 {
            guard let h = num(i + 1, 2), i + 3 < s.count, s[i + 3] == 0x3A, let m = num(i + 4, 2) else { return nil }
            hour = h; minute = m
            i += 6
            if i < s.count, s[i] == 0x3A {
                guard let sec = num(i + 1, 2) else { return nil }
                second = sec
                i += 3
                if i < s.count, s[i] == 0x2E || s[i] == 0x2C {
                    i += 1
                    var scale = 0.1
                    while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 {
                        fraction += Double(s[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            while i < s.count, s[i] == 0x20 { i += 1 }
            if i < s.count {
                if s[i] == 0x5A || s[i] == 0x7A { i += 1 }
                else if s[i] == 0x2B || s[i] == 0x2D {
                    let sign = s[i] == 0x2D ? -1 : 1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var j = i + 3
                    if j < s.count, s[j] == 0x3A { j += 1 }
                    let om = num(j, 2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                    i = j + (num(j, 2) == nil ? 0 : 2)
                } else { return nil }
            }
            guard i == s.count, hour < 24, minute < 60, second < 61 else { return nil }
        } else if i != s.count {
            return nil
        }
        var comps = DateComponents()
        comps.calendar = utcCalendar
        comps.timeZone = TimeZone(identifier: "UTC")
        comps.year = year; comps.month = month; comps.day = day
        comps.hour = hour; comps.minute = minute; comps.second = second
        guard let date = utcCalendar.date(from: comps) else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }

    /// "2025-11-12T21:48:07Z".
    public static func format(_ date: Date) -> String {
        guard let (y, m, d, secs) = civil(date) else { return calendarFormat(date) }
        var out = [UInt8](repeating: 0, count: 20)
        digits(y, 4, &out, 0); out[4] = 0x2D; digits(m, 2, &out, 5); out[7] = 0x2D; digits(d, 2, &out, 8)
        out[10] = 0x54; digits(secs / 3600, 2, &out, 11); out[13] = 0x3A; digits(secs / 60 % 60, 2, &out, 14)
        out[16] = 0x3A; digits(secs % 60, 2, &out, 17); out[19] = 0x5A
        return String(decoding: out, as: UTF8.self)
    }

    /// "2025-11-12".
    public static func day(_ date: Date) -> String {
        guard let (y, m, d, _) = civil(date) else { return calendarDay(date) }
        var out = [UInt8](repeating: 0, count: 10)
        digits(y, 4, &out, 0); out[4] = 0x2D; digits(m, 2, &out, 5); out[7] = 0x2D; digits(d, 2, &out, 8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Year, month, day and seconds into the day (UTC) by arithmetic on the proleptic Gregorian calendar (`CivilDay`),
    /// for years 1600–9999; nil outside them, where Foundation's calendar (which is Julian before
    /// October 1582) decides. Printing through `Calendar` and `String(format:)` cost microseconds per time.
    static func civil(_ date: Date) -> (Int, Int, Int, Int)? {
        let t = date.timeIntervalSince1970
        guard t >= -11_676_096_000, t < 253_402_300_800 else { return nil }   // 1600-01-01 ..< 10000-01-01
        let total = Int(t.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secs = total - days * 86_400
        let c = CivilDay(serial: days)
        return (c.year, c.month, c.day, secs)
    }

    /// `format` and `day` by Foundation's calendar (outside `civil`'s years, and the definition tests compare with).
    static func calendarFormat(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    static func calendarDay(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @inline(__always) static func digits(_ v: Int, _ width: Int, _ out: inout [UInt8], _ at: Int) {
        var v = v
        for k in stride(from: width - 1, through: 0, by: -1) {
            out[at + k] = 0x30 + UInt8(v % 10)
            v /= 10
        }
    }

    public static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
