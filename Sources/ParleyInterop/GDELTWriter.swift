import Foundation
import ParleyModel

/// Writes stored events as GDELT 2.0 event rows (61 tab-separated columns).
///
/// What Parley knows is written: GLOBALEVENTID (the GDELT id of an imported event, else Parley's row id), the dates,
/// actor codes and names (country and role codes derived from the CAMEO actor code), the CAMEO codes, QuadClass,
/// Goldstein, counts, tone, the event location's name and country, DATEADDED and SOURCEURL. What it does not know
/// (known-group, ethnic and religion codes, geo types, ADM codes, coordinates, feature ids) is left blank.
public enum GDELTWriter {
    public static let columnCount = 61

    /// CAMEO role (sector) codes: a leading one means the actor has no country.
    static let roles: Set<String> = [
        "GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "CVL", "EDU", "HLH", "REF", "IGO",
        "NGO", "ELI", "LAB", "AGR", "CRM", "DEV", "ENV", "HRI", "IMG", "INS", "MOD", "RAD", "SET", "UAF", "REL", "ATH",
        "BAH", "BUD", "CHR", "CON", "HIN", "ITH", "JAN", "JEW", "MOS", "MUS", "SHI", "SIK", "SUN", "TAO", "ZRO", "NGM",
        "MNC", "IGO", "SEP", "PRO", "RES", "OPP",
    ]

    /// Country code and up to three role codes of a CAMEO actor code ("IRNGOVMIL" → IRN, [GOV, MIL]).
    static func split(_ code: String) -> (country: String?, types: [String]) {
        let bytes = Array(code.utf8)
        var chunks: [String] = []
        var i = 0
        while i + 3 <= bytes.count {
            chunks.append(String(decoding: bytes[i..<(i + 3)], as: UTF8.self))
            i += 3
        }
        guard let first = chunks.first else { return (nil, []) }
        if roles.contains(first) { return (nil, Array(chunks.filter { roles.contains($0) }.prefix(3))) }
        return (first, Array(chunks.dropFirst().filter { roles.contains($0) }.prefix(3)))
    }

    /// The GLOBALEVENTID for an event: its GDELT id when it has a numeric one, else its row id.
    static func globalID(_ e: StoredEvent) -> String {
        if let x = e.externalID, !x.isEmpty, x.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return x }
        return e.id.map(String.init) ?? "0"
    }

    public static func row(_ s: StoredEvent) -> String {
        var f = [String](repeating: "", count: columnCount)
        let e = s.event
        f[0] = globalID(s)
        if let day = s.eventDay ?? e.date.flatMap(Timestamp.parse) {
            let c = Timestamp.utcCalendar.dateComponents([.year, .month, .day], from: day)
            let doy = Timestamp.utcCalendar.ordinality(of: .day, in: .year, for: day) ?? 1
            f[1] = String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
            f[2] = String(format: "%04d%02d", c.year!, c.month!)
            f[3] = String(format: "%04d", c.year!)
            f[4] = String(format: "%.4f", Double(c.year!) + Double(doy - 1) / 365)
        }
        for (actor, base) in [(e.source, 5), (e.target, 15)] {
            guard let actor else { continue }
            f[base] = clean(actor.code)
            f[base + 1] = clean(actor.text)
            let (country, types) = split(actor.code)
            f[base + 2] = country ?? ""
            for (k, t) in types.enumerated() { f[base + 7 + k] = t }
        }
        f[25] = s.origin == .coded ? (e.sentence == 0 ? "1" : "0") : "0"
        // GDELT's event and base codes have three digits or more: a root alone ("18") is its unspecified code ("180").
        let cameo = e.cameo.count == 2 ? e.cameo + "0" : e.cameo
        f[26] = cameo
        f[27] = String(cameo.prefix(3))
        f[28] = String(cameo.prefix(2))
        f[29] = String(e.quad)
        f[30] = "\(e.goldstein)"
        f[31] = String(s.mentions)
        f[32] = String(s.sources)
        f[33] = String(s.articles)
        f[34] = s.tone.map { "\($0)" } ?? ""
        if let loc = e.location {
            // ActionGeo block: 52 Type, 53 FullName, 54 CountryCode, ...
            f[52] = clean(loc.text)
            f[53] = loc.country.map(clean) ?? ""
        }
        if let added = s.published ?? Optional(s.ingested) {
            let c = Timestamp.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: added)
            f[59] = String(format: "%04d%02d%02d%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        }
        f[60] = s.sourceURL.map(clean) ?? ""
        return f.joined(separator: "\t")
    }

    /// Tabs and line breaks cannot appear inside a field: they become spaces.
    static func clean(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return String(decoding: s.utf8.map { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
    }
}
