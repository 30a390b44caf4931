import Foundation
import ParleyModel

/// Finds the publication time a plain-text article states in its opening: "As of November 12, 2025, at 21:48:07",
/// "WASHINGTON, Nov. 12, 2025 —", "12 November 2025", "2025-11-12T21:48:07Z".
public enum Dateline {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    private struct Word {
        var text: String
        var isNumber: Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// The time stated in the first `limit` bytes of `text` (the opening lines), in UTC.
    public static func find(in text: String, limit: Int = 700) -> Date? {
        let head = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        // ISO 8601 first: a run of digits and separators.
        var words: [Word] = []
        var current: [UInt8] = []
        for b in head.utf8 {
            let isWordByte = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x3A || b == 0x2D || b >= 0x80
            if isWordByte { current.append(b) } else {
                if !current.isEmpty { words.append(Word(text: String(decoding: current, as: UTF8.self))) }
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(Word(text: String(decoding: current, as: UTF8.self))) }

        for (i, w) in words.enumerated() {
            if w.text.utf8.count >= 10, let d = Timestamp.parse(w.text) { return d }
            // Month D YYYY [at] [HH:MM[:SS]]
            if let m = months[w.text.lowercased()], i + 2 < words.count,
               words[i + 1].isNumber, let day = Int(words[i + 1].text), (1...31).contains(day),
               words[i + 2].isNumber, words[i + 2].text.utf8.count == 4, let year = Int(words[i + 2].text) {
                return make(year, m, day, time: timeAfter(words, i + 3))
            }
            // D Month YYYY
            if w.isNumber, let day = Int(w.text), (1...31).contains(day), i + 2 < words.count,
               let m = months[words[i + 1].text.lowercased()],
               words[i + 2].isNumber, words[i + 2].text.utf8.count == 4, let year = Int(words[i + 2].text) {
                return make(year, m, day, time: timeAfter(words, i + 3))
            }
        }
        return nil
    }

    private static func timeAfter(_ words: [Word], _ start: Int) -> (Int, Int, Int)? {
        var i = start
        if i < words.count, words[i].text.lowercased() == "at" { i += 1 }
        guard i < words.count else { return nil }
        let parts = words[i].text.split(separator: ":")
        guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
        let s = parts.count > 2 ? Int(parts[2]) ?? 0 : 0
        return (h, m, s)
    }

    private static func make(_ y: Int, _ m: Int, _ d: Int, time: (Int, Int, Int)?) -> Date? {
        var c = DateComponents()
        c.year = y; c.month = m; c.day = d
        c.hour = time?.0 ?? 0; c.minute = time?.1 ?? 0; c.second = time?.2 ?? 0
        return Timestamp.utcCalendar.date(from: c)
    }
}
