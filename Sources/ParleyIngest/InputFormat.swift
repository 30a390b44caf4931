/// The formats `parley ingest` reads.
public enum InputFormat: String, CaseIterable, Sendable {
    case auto, text, html, jsonl, rss

    /// The format a file's name suggests, or nil when the extension says nothing.
    public static func fromExtension(_ path: String) -> InputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "txt", "text", "md": return .text
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson", "json": return .jsonl
        case "rss", "atom", "xml", "rdf": return .rss
        default: return nil
        }
    }

    /// The format the first bytes suggest.
    public static func sniff(_ bytes: some Collection<UInt8>) -> InputFormat {
        var head = [UInt8]()
        head.reserveCapacity(512)
        var started = false
        for b in bytes.prefix(2048) {
            if !started {
                // skip BOM and whitespace
                if b == 0xEF || b == 0xBB || b == 0xBF || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue }
                started = true
            }
            head.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
            if head.count >= 512 { break }
        }
        if head.first == UInt8(ascii: "{") { return .jsonl }
        let s = String(decoding: head, as: UTF8.self)
        if s.hasPrefix("<") {
            if s.contains("<rss") || s.contains("<feed") || s.contains("<rdf:rdf") { return .rss }
            if s.hasPrefix("<?xml") && !s.contains("<html") { return .rss }
            return .html
        }
        return .text
    }
}
