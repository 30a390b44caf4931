import Foundation
import ParleyModel

/// PLOVER JSON records (one a line), with the field names of the PLOVER manual's "Data Fields" chapter.
public enum PloverWriter {
    /// The PLOVER category of a CAMEO code, per the manual's CAMEO-to-PLOVER translation table: roots 01 and 02
    /// are dropped (nil), 08 splits into CONCEDE (081–083) and RETREAT (084–087), 19 and 20 are ASSAULT.
    public static func category(cameo: String) -> (event: String, mode: String?)? {
        let root = cameo.prefix(2)
        switch root {
        case "03": return ("AGREE", nil)
        case "04": return ("CONSULT", nil)
        case "05": return ("SUPPORT", nil)
        case "06": return ("COOPERATE", nil)
        case "07": return ("AID", nil)
        case "08":
            let base = cameo.prefix(3)
            return (["084", "085", "086", "087"].contains(base) ? "RETREAT" : "CONCEDE", nil)
        case "09", "11": return ("ACCUSE", nil)
        case "10": return ("REQUEST", nil)
        case "12": return ("REJECT", nil)
        case "13": return ("THREATEN", nil)
        case "14": return ("PROTEST", nil)
        case "15": return ("MOBILIZE", nil)
        case "16": return ("SANCTION", nil)
        case "17": return ("COERCE", nil)
        case "18", "19": return ("ASSAULT", nil)
        case "20": return ("ASSAULT", "unconventional")
        default: return nil
        }
    }

    struct Entity: Encodable {
        var code: String?
        var sector: String?
        var entity_text: String?
    }

    struct Location: Encodable {
        var extracted_place: String
        var country_code: String?
    }

    struct CiteInfo: Encodable {
        var url: String?
        var corpus: String?
        var citation: String?
    }

    struct TextInfo: Encodable {
        var sequence: Int
        var start: Int?
        var end: Int?
    }

    struct Record: Encodable {
        var id: String
        var date: String
        var time: String?
        var actor: [Entity]
        var recipient: [Entity]
        var event: [String]
        var mode: [String]?
        var context: [String]?
        var quad_code: Int
        var event_scale: Double
        var event_loc: Location?
        var event_text: [String]?
        var text_info: TextInfo?
        var cite_info: CiteInfo
        var coder: String
        var coded_date: String
        var comment: String?
    }

    static func entity(_ a: EventActor?) -> [Entity] {
        guard let a else { return [] }
        let (country, _) = GDELTWriter.split(a.code)
        let code = country ?? (a.code.count >= 3 ? String(a.code.prefix(3)) : a.code)
        let rest = String(a.code.dropFirst(code.count))
        return [Entity(code: code, sector: rest.isEmpty ? nil : rest, entity_text: a.text.isEmpty ? nil : a.text)]
    }

    /// The record, or nil when the event has no PLOVER category (CAMEO 01 and 02 are dropped by PLOVER).
    public static func record(_ s: StoredEvent) throws -> String? {
        let e = s.event
        var event: String
        var modes: [String] = []
        var context: [String] = []
        if let p = e.plover {
            event = p.event
            if let m = p.mode { modes.append(m) }
            context = p.context
        } else if let c = category(cameo: e.cameo) {
            event = c.event
            if let m = c.mode { modes.append(m) }
        } else {
            return nil
        }
        event = event.uppercased()
        let day = s.eventDay.map(Timestamp.day) ?? e.date ?? ""
        let id: String
        switch s.origin {
        case .gdelt: id = "GDELT-\(s.externalID ?? String(s.id ?? 0))"
        case .coded: id = "PARLEY-\(s.id.map(String.init) ?? "0")"
        }
        var comment: [String] = []
        if s.origin == .gdelt { comment.append("imported from GDELT; CAMEO \(e.cameo)") } else { comment.append("CAMEO \(e.cameo)") }
        if e.negated { comment.append("negated") }
        if e.modality != .asserted { comment.append("modality \(e.modality.rawValue)") }
        let record = Record(
            id: id, date: day, time: nil, actor: entity(e.source), recipient: entity(e.target), event: [event],
            mode: modes.isEmpty ? nil : modes, context: context.isEmpty ? nil : context, quad_code: e.quad,
            event_scale: e.goldstein,
            event_loc: e.location.map { Location(extracted_place: $0.text, country_code: $0.country) },
            event_text: e.triggerText.map { [$0] },
            text_info: s.sentenceSpan.map { TextInfo(sequence: e.sentence, start: $0.start, end: $0.end) },
            cite_info: CiteInfo(url: s.sourceURL, corpus: s.origin == .gdelt ? "GDELT" : nil, citation: s.documentID),
            coder: s.origin == .gdelt ? "GDELT" : "parley", coded_date: Timestamp.day(s.ingested),
            comment: comment.joined(separator: "; "))
        return try JSONText.encode(record)
    }
}

/// One JSON object a line with every stored field.
public enum JSONLWriter {
    struct Actor: Encodable {
        var code: String
        var text: String
        var start: Int?
        var end: Int?
    }

    struct Record: Encodable {
        var id: Int64?
        var origin: String
        var externalID: String?
        var documentID: String?
        var sentence: Int
        var sentenceStart: Int?
        var sentenceEnd: Int?
        var sentenceText: String?
        var trigger: String?
        var source: Actor?
        var target: Actor?
        var cameo: String
        var root: String
        var quad: Int
        var goldstein: Double
        var ploverEvent: String?
        var ploverMode: String?
        var ploverContext: [String]?
        var negated: Bool
        var modality: String
        var date: String?
        var eventDay: String?
        var location: String?
        var locationCountry: String?
        var published: String?
        var ingested: String
        var sourceURL: String?
        var mentions: Int
        var sources: Int
        var articles: Int
        var tone: Double?
    }

    static func actor(_ a: EventActor?) -> Actor? {
        a.map { Actor(code: $0.code, text: $0.text, start: $0.span?.start, end: $0.span?.end) }
    }

    public static func record(_ s: StoredEvent) throws -> String {
        if let fast = JSONLineWriter.line(object(s), keys: .bytes) { return fast }
        return try encodedRecord(s)
    }

    /// The record as a JSON object of the `Record` layout (nil fields left out, as `JSONEncoder` leaves them out).
    static func object(_ s: StoredEvent) -> [String: Any] {
        let e = s.event
        var o: [String: Any] = [
            "origin": s.origin.rawValue, "sentence": e.sentence, "cameo": e.cameo, "root": e.root, "quad": e.quad,
            "goldstein": e.goldstein, "negated": e.negated, "modality": e.modality.rawValue, "ingested": Timestamp.format(s.ingested),
            "mentions": s.mentions, "sources": s.sources, "articles": s.articles,
        ]
        func put(_ key: String, _ value: Any?) { if let value { o[key] = value } }
        func actor(_ a: EventActor?) -> [String: Any]? {
            guard let a else { return nil }
            var x: [String: Any] = ["code": a.code, "text": a.text]
            if let sp = a.span { x["start"] = sp.start; x["end"] = sp.end }
            return x
        }
        put("id", s.id.map { Int($0) }); put("externalID", s.externalID); put("documentID", s.documentID)
        put("sentenceStart", s.sentenceSpan?.start); put("sentenceEnd", s.sentenceSpan?.end); put("sentenceText", s.sentenceText)
        put("trigger", e.triggerText); put("source", actor(e.source)); put("target", actor(e.target))
        put("ploverEvent", e.plover?.event); put("ploverMode", e.plover?.mode); put("ploverContext", e.plover?.context)
        put("date", e.date); put("eventDay", s.eventDay.map(Timestamp.day)); put("location", e.location?.text)
        put("locationCountry", e.location?.country); put("published", s.published.map(Timestamp.format))
        put("sourceURL", s.sourceURL); put("tone", s.tone)
        return o
    }

    /// The same line by `JSONEncoder` over `Record` (the definition the fast path is tested against).
    static func encodedRecord(_ s: StoredEvent) throws -> String {
        let e = s.event
        let r = Record(
            id: s.id, origin: s.origin.rawValue, externalID: s.externalID, documentID: s.documentID, sentence: e.sentence,
            sentenceStart: s.sentenceSpan?.start, sentenceEnd: s.sentenceSpan?.end, sentenceText: s.sentenceText,
            trigger: e.triggerText, source: actor(e.source), target: actor(e.target), cameo: e.cameo, root: e.root,
            quad: e.quad, goldstein: e.goldstein, ploverEvent: e.plover?.event, ploverMode: e.plover?.mode,
            ploverContext: e.plover.map(\.context), negated: e.negated, modality: e.modality.rawValue, date: e.date,
            eventDay: s.eventDay.map(Timestamp.day), location: e.location?.text, locationCountry: e.location?.country,
            published: s.published.map(Timestamp.format), ingested: Timestamp.format(s.ingested), sourceURL: s.sourceURL,
            mentions: s.mentions, sources: s.sources, articles: s.articles, tone: s.tone)
        return try JSONText.encode(r)
    }
}

/// CSV (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled) with a header line.
public enum CSVWriter {
    public static let columns = [
        "id", "origin", "external_id", "event_day", "date", "source_code", "source_text", "target_code", "target_text",
        "cameo", "root", "quad", "goldstein", "plover_event", "plover_mode", "plover_context", "negated", "modality",
        "mentions", "sources", "articles", "tone", "location", "location_country", "published", "ingested", "document_id",
        "sentence", "source_url", "sentence_text",
    ]

    public static var header: String { columns.joined(separator: ",") }

    public static func row(_ s: StoredEvent) -> String {
        let e = s.event
        let plover = e.plover ?? PloverWriter.category(cameo: e.cameo).map { PloverCode(event: $0.event, mode: $0.mode) }
        let fields: [String?] = [
            s.id.map(String.init), s.origin.rawValue, s.externalID, s.eventDay.map(Timestamp.day), e.date,
            e.source?.code, e.source?.text, e.target?.code, e.target?.text, e.cameo, e.root, String(e.quad), "\(e.goldstein)",
            plover?.event, plover?.mode, plover.map { $0.context.joined(separator: ";") }, e.negated ? "true" : "false",
            e.modality.rawValue, String(s.mentions), String(s.sources), String(s.articles), s.tone.map { "\($0)" },
            e.location?.text, e.location?.country, s.published.map(Timestamp.format), Timestamp.format(s.ingested),
            s.documentID, s.sentenceSpan == nil ? nil : String(e.sentence), s.sourceURL, s.sentenceText,
        ]
        return fields.map { quote($0 ?? "") }.joined(separator: ",")
    }

    static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
