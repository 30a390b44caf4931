import Foundation
import ParleyModel
import ParleyStore

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
        var batch = ImportBatch(origin: .gdelt, ingested: ingested, capacity: 1)
        if let error = parse(line, into: &batch) { return .failure(error) }
        return .success(batch.storedEvent(at: 0))
    }

    /// Parses a row straight into a batch (no String per field); returns the reason when the row is rejected,
    /// in which case the batch is unchanged.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, into batch: inout ImportBatch) -> RowError? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 124) { bounds in
            parse(line, bounds: bounds, into: &batch)
        }
    }

    /// `bounds[2k]..<bounds[2k+1]` is field k.
    private func parse(_ line: UnsafeBufferPointer<UInt8>, bounds: UnsafeMutableBufferPointer<Int>,
                       into batch: inout ImportBatch) -> RowError? {
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        guard let base = line.baseAddress, end > 0 else { return RowError("1 columns; GDELT event rows have 57 or 58 (1.0) or 61 (2.0)") }
        var n = 0
        var fieldStart = 0
        while true {
            // memchr finds the next tab far faster than a byte loop.
            let stop: Int
            if fieldStart < end, let tab = memchr(base + fieldStart, 0x09, end - fieldStart) {
                stop = UnsafeRawPointer(tab).assumingMemoryBound(to: UInt8.self) - base
            } else {
                stop = end
            }
            if n == 62 { return RowError("more than 61 tab-separated columns") }
            bounds[2 * n] = fieldStart
            bounds[2 * n + 1] = stop
            n += 1
            if stop == end { break }
            fieldStart = stop + 1
        }
        guard let layout = GDELTLayout(rawValue: n) else {
            return RowError("\(n) columns; GDELT event rows have 57 or 58 (1.0) or 61 (2.0)")
        }
        func field(_ c: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + bounds[2 * c], count: bounds[2 * c + 1] - bounds[2 * c])
        }
        func int(_ c: Int, _ name: String) -> Result<Int, RowError> {
            let f = field(c)
            guard !f.isEmpty, f.count <= 18 else { return .failure(RowError("\(name) '\(printable(f))' is not an integer")) }
            var v = 0
            var negative = false
            for k in 0..<f.count {
                let b = f[k]
                if k == 0 && b == 0x2D && f.count > 1 { negative = true; continue }
                guard b >= 0x30 && b <= 0x39 else { return .failure(RowError("\(name) '\(printable(f))' is not an integer")) }
                v = v * 10 + Int(b - 0x30)
            }
            return .success(negative ? -v : v)
        }
        func count(_ c: Int, _ name: String) -> Result<Int, RowError> {
            switch int(c, name) {
            case .success(let v) where v >= 0: return .success(v)
            case .success(let v): return .failure(RowError("\(name) \(v) is negative"))
            case .failure(let e): return .failure(e)
            }
        }

        var row = ImportBatch.Row()
        // GLOBALEVENTID
        let idField = field(GDELTColumn.globalEventID)
        guard !idField.isEmpty, idField.count <= 19, idField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return RowError("GLOBALEVENTID '\(printable(idField))' is not a number")
        }
        // SQLDATE
        let dateField = field(GDELTColumn.sqlDate)
        guard let day = Self.civilDay(dateField) else {
            return RowError("SQLDATE '\(printable(dateField))' is not a YYYYMMDD date")
        }
        // EventCode: 2 to 4 digits.
        let codeField = field(GDELTColumn.eventCode)
        guard (2...4).contains(codeField.count), codeField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return RowError("EventCode '\(printable(codeField))' is not a CAMEO code")
        }
        let root = Int(codeField[0] - 0x30) * 10 + Int(codeField[1] - 0x30)
        guard (1...20).contains(root) else {
            return RowError("EventCode '\(printable(codeField))' has no CAMEO root 01-20")
        }
        switch int(GDELTColumn.quadClass, "QuadClass") {
        case .success(let q) where (1...4).contains(q): row.quad = q
        case .success(let q): return RowError("QuadClass \(q) is not 1-4")
        case .failure(let e): return e
        }
        guard let goldstein = Self.double(field(GDELTColumn.goldstein)), (-10...10).contains(goldstein) else {
            return RowError("GoldsteinScale '\(printable(field(GDELTColumn.goldstein)))' is not a number in -10...10")
        }
        row.goldstein = goldstein
        switch count(GDELTColumn.numMentions, "NumMentions") {
        case .success(let v): row.mentions = v
        case .failure(let e): return e
        }
        switch count(GDELTColumn.numSources, "NumSources") {
        case .success(let v): row.sources = v
        case .failure(let e): return e
        }
        switch count(GDELTColumn.numArticles, "NumArticles") {
        case .success(let v): row.articles = v
        case .failure(let e): return e
        }
        let toneField = field(GDELTColumn.avgTone)
        if !toneField.isEmpty {
            guard let t = Self.double(toneField) else { return RowError("AvgTone '\(printable(toneField))' is not a number") }
            row.tone = t
        }
        let addedField = field(layout.dateAdded)
        if addedField.count == 14, let d = Self.civilDay(UnsafeBufferPointer(rebasing: addedField[0..<8])),
           let h = Self.digits(addedField, 8, 2), let mi = Self.digits(addedField, 10, 2), let s = Self.digits(addedField, 12, 2),
           h < 24, mi < 60, s < 61 {
            row.published = Double(d * 86400 + h * 3600 + mi * 60 + s)
        } else if addedField.count == 8, let d = Self.civilDay(addedField) {
            row.published = Double(d * 86400)
        } else {
            return RowError("DATEADDED '\(printable(addedField))' is not YYYYMMDD or YYYYMMDDHHMMSS")
        }
        row.eventDay = Double(day * 86400)

        // The row is valid: copy its text fields into the arena.
        row.externalID = batch.text(idField)
        let a1 = field(GDELTColumn.actor1Code)
        if !a1.isEmpty {
            row.sourceCode = batch.text(a1)
            row.sourceText = batch.text(field(GDELTColumn.actor1Name))
        }
        let a2 = field(GDELTColumn.actor2Code)
        if !a2.isEmpty {
            row.targetCode = batch.text(a2)
            row.targetText = batch.text(field(GDELTColumn.actor2Name))
        }
        row.cameo = batch.text(codeField)
        // "YYYY-MM-DD" from YYYYMMDD.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { iso in
            for k in 0..<4 { iso[k] = dateField[k] }
            iso[4] = 0x2D; iso[5] = dateField[4]; iso[6] = dateField[5]
            iso[7] = 0x2D; iso[8] = dateField[6]; iso[9] = dateField[7]
            row.date = batch.text(UnsafeBufferPointer(iso))
        }
        let g = layout.actionGeo
        let place = field(g + 1)
        if !place.isEmpty {
            row.locationText = batch.text(place)
            row.locationCountry = batch.textOrNull(field(g + 2))
        }
        if let u = layout.sourceURL { row.sourceURL = batch.textOrNull(field(u)) }
        batch.append(row)
        return nil
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

    /// YYYYMMDD as days since 1970-01-01.
    static func civilDay(_ f: UnsafeBufferPointer<UInt8>) -> Int? {
        guard f.count == 8, let y = digits(f, 0, 4), let m = digits(f, 4, 2), let d = digits(f, 6, 2),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return daysFromCivil(y, m, d)
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
