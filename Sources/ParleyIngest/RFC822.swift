import Foundation
import ParleyModel

/// RSS dates: "Tue, 10 Jun 2003 04:00:00 GMT", "10 Jun 2003 04:00 +0200", "Wed, 12 Nov 2025 21:48:07 EST".
enum RFC822 {
    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7,
    ]

    static func parse(_ s: String) -> Date? {
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        var i = 0
        if i < parts.count, Int(parts[i]) == nil { i += 1 }  // weekday
        guard i + 2 < parts.count, let day = Int(parts[i]), let month = Dateline.months[parts[i + 1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))],
              var year = Int(parts[i + 2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var c = DateComponents()
        c.year = year; c.month = month; c.day = day
        var offset = 0
        if i + 3 < parts.count {
            let t = parts[i + 3].split(separator: ":").compactMap { Int($0) }
            guard t.count >= 2 else { return nil }
            c.hour = t[0]; c.minute = t[1]; c.second = t.count > 2 ? t[2] : 0
            if i + 4 < parts.count {
                let z = parts[i + 4]
                if let h = zones[z.lowercased()] { offset = h * 3600 }
                else if z.utf8.count == 5, let v = Int(z.dropFirst()), z.first == "+" || z.first == "-" {
                    offset = (z.first == "-" ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
                }
            }
        }
        guard let d = Timestamp.utcCalendar.date(from: c) else { return nil }
        return d.addingTimeInterval(Double(-offset))
    }
}
