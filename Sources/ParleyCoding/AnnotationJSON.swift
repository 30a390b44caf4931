import Foundation
import ParleyModel

/// The JSON objects of `parley annotate` (the public contract in annotate-schema.md): spans in Unicode scalar
/// offsets, nulls written out, fields added never renamed.
public enum AnnotationJSON {
    public enum Layer: String, CaseIterable, Sendable {
        case sentences, tokens, dates, quotes, actors, events
    }

    public static let defaultLayers: [Layer] = [.sentences, .dates, .quotes, .actors, .events]

    public static func object(_ doc: Document, layers: [Layer]) -> [String: Any] {
        let offsets = ScalarOffsets(doc.text)
        func span(_ s: Span) -> [Int] { offsets.span(s) }
        func orNull(_ v: Any?) -> Any { v ?? NSNull() }
        var o: [String: Any] = ["id": doc.id, "published": orNull(doc.published.map(Timestamp.format))]
        for layer in layers {
            switch layer {
            case .sentences:
                o["sentences"] = doc.sentences.map { s -> [String: Any] in
                    ["span": span(s.span), "tokens": [s.tokens.lowerBound, s.tokens.upperBound]]
                }
            case .tokens:
                o["tokens"] = doc.tokens.map { t -> [String: Any] in
                    ["span": span(t.span), "text": t.form, "pos": orNull(t.pos?.description), "xpos": orNull(t.xpos),
                     "lemma": orNull(t.lemma), "head": orNull(t.head), "dep": orNull(t.dep)]
                }
            case .dates:
                o["dates"] = doc.dates.map { d -> [String: Any] in
                    ["span": span(d.span), "text": d.text, "value": d.value, "type": d.type.rawValue]
                }
            case .quotes:
                o["quotes"] = doc.quotes.map { q -> [String: Any] in
                    var speaker: Any = NSNull()
                    if let s = q.speaker {
                        var sp: [String: Any] = ["span": span(s), "text": q.speakerText ?? doc.text(s), "actor": orNull(q.speakerActor)]
                        if let a = q.speakerAntecedent { sp["antecedent"] = span(a) }
                        speaker = sp
                    }
                    return ["content": ["span": span(q.content)], "cue": orNull(q.cue.map { ["span": span($0), "text": doc.text($0)] }),
                            "speaker": speaker, "direct": q.direct]
                }
            case .actors:
                o["actors"] = doc.actors.map { a -> [String: Any] in
                    ["span": span(a.span), "text": a.text, "code": a.code, "country": orNull(a.country), "sector": orNull(a.sector),
                     "person": orNull(a.person)]
                }
            case .events:
                o["events"] = doc.events.map { eventObject($0, span: span) }
            }
        }
        return o
    }

    public static func eventObject(_ e: Event, span: (Span) -> [Int]) -> [String: Any] {
        func orNull(_ v: Any?) -> Any { v ?? NSNull() }
        func actor(_ a: EventActor?) -> Any {
            guard let a else { return NSNull() }
            return ["code": a.code, "text": a.text, "span": orNull(a.span.map(span))]
        }
        return [
            "sentence": e.sentence,
            "trigger": orNull(e.trigger.map { ["span": span($0), "text": e.triggerText ?? ""] as [String: Any] }),
            "source": actor(e.source), "target": actor(e.target),
            "cameo": e.cameo, "root": e.root, "quad": e.quad, "goldstein": e.goldstein,
            "plover": orNull(e.plover.map { ["event": $0.event, "mode": orNull($0.mode), "context": $0.context] as [String: Any] }),
            "negated": e.negated, "modality": e.modality.rawValue, "date": orNull(e.date), "quote": orNull(e.quote),
            "location": orNull(e.location.map { ["text": $0.text, "span": span($0.span), "country": orNull($0.country)] as [String: Any] }),
        ]
    }

    /// One line of JSON.
    public static func line(_ object: [String: Any]) throws -> String {
        if let fast = JSONLineWriter.line(object, keys: .foundationCaseInsensitive) { return fast }
        return try foundationLine(object)
    }

    /// The same line by `JSONSerialization` (the definition `JSONLineWriter` must agree with).
    static func foundationLine(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
