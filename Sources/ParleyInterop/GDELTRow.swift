import Foundation
import ParleyModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GDELT event table layouts Parley reads, by column count.
///
/// 2.0 (61 columns): 35 event columns, three 8-column geo blocks (with ADM2), DATEADDED YYYYMMDDHHMMSS, SOURCEURL.
/// 1.0 daily (58 columns): geo blocks of 7 (no ADM2), DATEADDED YYYYMMDD, SOURCEURL.
/// 1.0 backfile (57 columns): as 1.0 daily without SOURCEURL.
public enum GDELTLayout: Int, Sendable {
    case v1Backfile = 57
    case v1Daily = 58
    case v2 = 61

    var geoWidth: Int { self == .v2 ? 8 : 7 }
    /// 0-based column of DATEADDED.
    var dateAdded: Int { 35 + 3 * geoWidth }
    var sourceURL: Int? { self == .v1Backfile ? nil : dateAdded + 1 }
    /// 0-based first column of the ActionGeo block.
    var actionGeo: Int { 35 + 2 * geoWidth }
}

/// Column numbers (0-based) shared by every layout.
enum GDELTColumn {
    static let globalEventID = 0, sqlDate = 1
    static let actor1Code = 5, actor1Name = 6
    static let actor2Code = 15, actor2Name = 16
    static let isRootEvent = 25, eventCode = 26, eventBaseCode = 27, eventRootCode = 28
    static let quadClass = 29, goldstein = 30, numMentions = 31, numSources = 32, numArticles = 33, avgTone = 34
}

/// Parses one GDELT event row (tab-separated bytes, no line terminator) into a stored event.
public struct GDELTRowParser: Sendable {
    /// When the import ran: every event's `ingested`.
    public var ingested: Date

    public init(ingested: Date) {
        self.ingested = ingested
    }

    public struct RowError: Error, Sendable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// True for a header line ("GLOBALEVENTID\tSQLDATE..." in any case), which is skipped rather than reported.
    public static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = Array("globaleventid".utf8)
        guard line.count >= name.count else { return false }
        for i in 0..<name.count where line[i] | 0x20 != name[i] { return false }
        return true
    }

    public func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<StoredEvent, RowError> {
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        // Field boundaries: starts[i]..<ends[i].
        var starts = [Int](repeating: 0, count: 62)
        var ends = [Int](repeating: 0, count: 62)
        var n = 0
        var fieldStart = 0
        var i = 0
        while i <= end {
            if i == end || line[i] == 0x09 {
                if n == 62 { return .failure(RowError("more than 61 tab-separated columns")) }
                starts[n] = fieldStart
                ends[n] = i
                n += 1
                fieldStart = i + 1
            }
            i += 1
        }
        guard let layout = GDELTLayout(rawValue: n) else {
            return .failure(RowError("\(n) columns; GDELT event rows have 57 or 58 (1.0) or 61 (2.0)"))
        }
        func field(_ c: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: line[starts[c]..<ends[c]])
        }
        func string(_ c: Int) -> String? {
            starts[c] == ends[c] ? nil : String(decoding: field(c), as: UTF8.self)
        }
        func int(_ c: Int, _ name: String) -> Result<Int, RowError> {
            let f = field(c)
            guard !f.isEmpty, f.count <= 18 else { return .failure(RowError("\(name) '\(printable(f))' is not an integer")) }
            var v = 0
            var negative = false
            for (k, b) in f.enumerated() {
                if k == 0 && b == 0x2D && f.count > 1 { negative = true; continue }
                guard b >= 0x30 && b <= 0x39 else { return .failure(RowError("\(name) '\(printable(f))' is not an integer")) }
                v = v * 10 + Int(b - 0x30)
            }
            return .success(negative ? -v : v)
        }

        // GLOBALEVENTID
        let idField = field(GDELTColumn.globalEventID)
        guard !idField.isEmpty, idField.count <= 19, idField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(RowError("GLOBALEVENTID '\(printable(idField))' is not a number"))
        }
        // SQLDATE
        guard let day = Self.civilDay(field(GDELTColumn.sqlDate)) else {
            return .failure(RowError("SQLDATE '\(printable(field(GDELTColumn.sqlDate)))' is not a YYYYMMDD date"))
        }
        // EventCode: 2 to 4 digits.
        let codeField = field(GDELTColumn.eventCode)
        guard (2...4).contains(codeField.count), codeField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(RowError("EventCode '\(printable(codeField))' is not a CAMEO code"))
        }
        let cameo = String(decoding: codeField, as: UTF8.self)
        guard let root = Int(cameo.prefix(2)), (1...20).contains(root) else {
            return .failure(RowError("EventCode '\(cameo)' has no CAMEO root 01-20"))
        }
        let quad: Int
        switch int(GDELTColumn.quadClass, "QuadClass") {
        case .success(let q) where (1...4).contains(q): quad = q
        case .success(let q): return .failure(RowError("QuadClass \(q) is not 1-4"))
        case .failure(let e): return .failure(e)
        }
        guard let goldstein = Self.double(field(GDELTColumn.goldstein)), (-10...10).contains(goldstein) else {
            return .failure(RowError("GoldsteinScale '\(printable(field(GDELTColumn.goldstein)))' is not a number in -10...10"))
        }
        var counts = [0, 0, 0]
        for (k, (c, name)) in [(GDELTColumn.numMentions, "NumMentions"), (GDELTColumn.numSources, "NumSources"),
                               (GDELTColumn.numArticles, "NumArticles")].enumerated() {
            switch int(c, name) {
            case .success(let v) where v >= 0: counts[k] = v
            case .success(let v): return .failure(RowError("\(name) \(v) is negative"))
            case .failure(let e): return .failure(e)
            }
        }
        var tone: Double? = nil
        let toneField = field(GDELTColumn.avgTone)
        if !toneField.isEmpty {
            guard let t = Self.double(toneField) else { return .failure(RowError("AvgTone '\(printable(toneField))' is not a number")) }
            tone = t
        }
        let addedField = field(layout.dateAdded)
        let published: Date
        if addedField.count == 14, let d = Self.civilDay(UnsafeBufferPointer(rebasing: addedField[0..<8])),
           let h = Self.digits(addedField, 8, 2), let mi = Self.digits(addedField, 10, 2), let s = Self.digits(addedField, 12, 2),
           h < 24, mi < 60, s < 61 {
            published = Date(timeIntervalSince1970: Double(d.days * 86400 + h * 3600 + mi * 60 + s))
        } else if addedField.count == 8, let d = Self.civilDay(addedField) {
            published = Date(timeIntervalSince1970: Double(d.days * 86400))
        } else {
            return .failure(RowError("DATEADDED '\(printable(addedField))' is not YYYYMMDD or YYYYMMDDHHMMSS"))
        }

        func actor(_ codeColumn: Int, _ nameColumn: Int) -> EventActor? {
            guard let code = string(codeColumn) else { return nil }
            return EventActor(code: code, text: string(nameColumn) ?? "", span: nil)
        }
        let g = layout.actionGeo
        let location = string(g + 1).map { EventLocation(text: $0, span: Span(0, 0), country: string(g + 2)) }
        let event = Event(sentence: 0, source: actor(GDELTColumn.actor1Code, GDELTColumn.actor1Name),
                          target: actor(GDELTColumn.actor2Code, GDELTColumn.actor2Name), cameo: cameo, goldstein: goldstein,
                          quad: quad, date: day.iso, location: location)
        let stored = StoredEvent(event: event, origin: .gdelt, published: published, ingested: ingested,
                                 eventDay: Date(timeIntervalSince1970: Double(day.days * 86400)),
                                 sourceURL: layout.sourceURL.flatMap { string($0) },
                                 externalID: String(decoding: idField, as: UTF8.self),
                                 mentions: counts[0], sources: counts[1], articles: counts[2], tone: tone)
        return .success(stored)
    }

    struct Day {
        var days: Int
        var iso: String
    }

    static func digits(_ f: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        var v = 0
        for k in from..<(from + count) {
            let b = f[k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// YYYYMMDD as days since 1970-01-01 and "YYYY-MM-DD".
    static func civilDay(_ f: UnsafeBufferPointer<UInt8>) -> Day? {
        guard f.count == 8, let y = digits(f, 0, 4), let m = digits(f, 4, 2), let d = digits(f, 6, 2),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        var iso = [UInt8](repeating: 0x2D, count: 10)
        for k in 0..<4 { iso[k] = f[k] }
        iso[5] = f[4]; iso[6] = f[5]; iso[8] = f[6]; iso[9] = f[7]
        return Day(days: daysFromCivil(y, m, d), iso: String(decoding: iso, as: UTF8.self))
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// A decimal number, parsed by strtod (correctly rounded, so printed doubles read back exactly).
    static func double(_ f: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !f.isEmpty, f.count < 63 else { return nil }
        for b in f {
            guard (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x2B || b == 0x65 || b == 0x45 else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf -> Double? in
            for k in 0..<f.count { buf[k] = CChar(bitPattern: f[k]) }
            buf[f.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(buf.baseAddress!, &endPointer)
            guard let endPointer, endPointer - buf.baseAddress! == f.count, v.isFinite else { return nil }
            return v
        }
    }
}

/// A field for an error message: at most 40 bytes, control bytes shown as '?'.
func printable(_ f: UnsafeBufferPointer<UInt8>) -> String {
    let bytes = f.prefix(40).map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: "?") : $0 }
    return String(decoding: bytes, as: UTF8.self) + (f.count > 40 ? "…" : "")
}
