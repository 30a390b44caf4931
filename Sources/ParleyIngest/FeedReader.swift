import CLibXML2
import Foundation
import ParleyModel

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds with libxml2's XML parser: one document per item or entry.
/// Entities are never substituted and no DTD or network resource is loaded, so entity-expansion bombs stay inert.
public enum FeedReader {
    public struct Entry: Sendable {
        public var index: Int
        public var title: String?
        public var link: String?
        public var published: Date?
        public var author: String?
        public var categories: [String]
        public var text: String
        public var rawDate: String?
    }

    public struct Feed: Sendable {
        public var title: String?
        public var entries: [Entry]
    }

    public static func read(_ bytes: [UInt8]) throws(ReadFailure) -> Feed {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_RECOVER.rawValue)
        guard bytes.count < Int(Int32.max) else { throw ReadFailure("file too large for the XML parser") }
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), nil, nil, options)
                }
            } ?? nil
        }
        guard let doc else { throw ReadFailure("not well-formed XML") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw ReadFailure("XML has no root element") }
        let rootName = LibXML.name(root)
        switch rootName {
        case "rss", "rdf", "rdf:rdf":
            let channel = LibXML.children(root).first { LibXML.name($0) == "channel" }
            var items = channel.map { LibXML.children($0).filter { LibXML.name($0) == "item" } } ?? []
            items += LibXML.children(root).filter { LibXML.name($0) == "item" }  // RSS 1.0 puts items beside the channel
            let title = channel.flatMap { ch in LibXML.children(ch).first { LibXML.name($0) == "title" } }.map { LibXML.squeeze(LibXML.text($0)) }
            return Feed(title: title, entries: items.enumerated().map { rssItem($1, index: $0 + 1) })
        case "feed":
            let entries = LibXML.children(root).filter { LibXML.name($0) == "entry" }
            let title = LibXML.children(root).first { LibXML.name($0) == "title" }.map { LibXML.squeeze(LibXML.text($0)) }
            return Feed(title: title, entries: entries.enumerated().map { atomEntry($1, index: $0 + 1) })
        default:
            throw ReadFailure("XML root <\(rootName)> is neither an RSS nor an Atom feed")
        }
    }

    static func rssItem(_ item: xmlNodePtr, index: Int) -> Entry {
        var e = Entry(index: index, categories: [], text: "")
        var description = "", content = ""
        for c in LibXML.children(item) {
            let value = LibXML.text(c)
            switch LibXML.name(c) {
            case "title": e.title = LibXML.squeeze(value)
            case "link": e.link = LibXML.squeeze(value)
            case "guid": if e.link == nil, LibXML.attribute(c, "ispermalink") != "false" { e.link = LibXML.squeeze(value) }
            case "pubdate", "date", "published", "updated":
                if e.published == nil {
                    e.rawDate = LibXML.squeeze(value)
                    e.published = Timestamp.parse(e.rawDate!) ?? RFC822.parse(e.rawDate!)
                }
            case "author", "creator": e.author = LibXML.squeeze(value)
            case "category", "subject": e.categories.append(LibXML.squeeze(value))
            case "description": description = value
            case "encoded": content = value
            default: break
            }
        }
        e.text = htmlToText(content.isEmpty ? description : content)
        return e
    }

    static func atomEntry(_ entry: xmlNodePtr, index: Int) -> Entry {
        var e = Entry(index: index, categories: [], text: "")
        var summary = "", content = ""
        var updated: String?
        for c in LibXML.children(entry) {
            switch LibXML.name(c) {
            case "title": e.title = LibXML.squeeze(htmlToText(LibXML.text(c)))
            case "link":
                let rel = LibXML.attribute(c, "rel") ?? "alternate"
                if rel == "alternate" || e.link == nil { e.link = LibXML.attribute(c, "href") }
            case "published":
                e.rawDate = LibXML.squeeze(LibXML.text(c))
                e.published = Timestamp.parse(e.rawDate!)
            case "updated": updated = LibXML.squeeze(LibXML.text(c))
            case "author":
                if let n = LibXML.children(c).first(where: { LibXML.name($0) == "name" }) { e.author = LibXML.squeeze(LibXML.text(n)) }
            case "category": if let t = LibXML.attribute(c, "term") { e.categories.append(t) }
            case "summary": summary = textOf(c)
            case "content": content = textOf(c)
            default: break
            }
        }
        if e.published == nil, let updated {
            e.rawDate = updated
            e.published = Timestamp.parse(updated)
        }
        e.text = content.isEmpty ? summary : content
        return e
    }

    /// Atom text constructs: type="html" is escaped HTML, type="xhtml" is inline markup, else plain text.
    static func textOf(_ node: xmlNodePtr) -> String {
        let type = LibXML.attribute(node, "type")?.lowercased() ?? "text"
        switch type {
        case "html", "text/html": return htmlToText(LibXML.text(node))
        case "xhtml": return HTMLReader.bodyText(node)
        default: return LibXML.text(node).trimmingSpaces()
        }
    }

    /// Text of an HTML fragment (RSS descriptions carry escaped HTML).
    static func htmlToText(_ html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else { return html.trimmingSpaces() }
        let wrapped = Array(("<html><body>" + html + "</body></html>").utf8)
        guard let page = try? HTMLReader.read(wrapped) else { return html.trimmingSpaces() }
        return page.body
    }
}
