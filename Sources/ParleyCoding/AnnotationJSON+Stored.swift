import Foundation
import ParleyModel

extension AnnotationJSON {
    /// A stored event as `parley events --format jsonl` prints it and the API serves it: the annotate schema's event
    /// plus `document`, `published`, the sentence `text`, `origin`, `url` and `mentions`. Spans are given in the
    /// document's Unicode scalars through `offsets`; imported events have no text (nil offsets), so no spans.
    public static func storedEventObject(_ e: StoredEvent, offsets: ScalarOffsets?) -> [String: Any] {
        var o = eventObject(e.event) { s in offsets?.span(s) ?? [s.start, s.end] }
        o["document"] = e.documentID ?? NSNull()
        o["published"] = e.published.map(Timestamp.format) ?? NSNull()
        o["text"] = e.sentenceText ?? NSNull()
        o["origin"] = e.origin.rawValue
        o["url"] = e.sourceURL ?? NSNull()
        o["mentions"] = e.mentions
        if offsets == nil {
            for k in ["trigger", "location"] where !(o[k] is NSNull) { o[k] = NSNull() }
        }
        return o
    }
}
