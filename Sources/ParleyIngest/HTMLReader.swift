import CLibXML2
import Foundation
import ParleyModel

/// Reads an HTML article with libxml2's HTML parser: title, publication time, author, section, keywords,
/// canonical URL, outlet, and the article body without navigation, scripts and boilerplate.
public enum HTMLReader {
    /// Elements whose content is never article text.
    static let boilerplate: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
        "select", "option", "template", "object", "embed", "canvas", "figcaption", "menu", "dialog", "head",
    ]
    /// Elements that make a paragraph of their own.
    static let blocks: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "address",
        "figure", "caption", "summary",
    ]
    /// Class or id fragments that mark page furniture rather than the story.
    static let furnitureMarks = ["nav", "menu", "footer", "header", "sidebar", "share", "social", "related",
                                 "comment", "cookie", "advert", "promo", "newsletter", "breadcrumb", "subscribe"]

    public struct Page: Sendable {
        public var title: String?
        public var published: Date?
        public var author: String?
        public var section: String?
        public var keywords: [String] = []
        public var url: String?
        public var outlet: String?
        public var body: String
    }

    /// Parses HTML bytes. Throws a reason string when nothing readable is there.
    public static func read(_ bytes: [UInt8]) throws(ReadFailure) -> Page {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        guard bytes.count < Int(Int32.max) else { throw ReadFailure("file too large for the HTML parser") }
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    htmlReadMemory($0, Int32(buf.count), nil, "UTF-8", options)
                }
            } ?? nil
        }
        guard let doc else { throw ReadFailure("not parseable as HTML") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw ReadFailure("HTML has no root element") }
        return extract(root)
    }

    static func extract(_ root: xmlNodePtr) -> Page {
        let all = LibXML.elements(root)
        var meta: [String: String] = [:]
        var title: String?
        var timeValue: String?
        var jsonLD: [Any] = []
        var canonical: String?
        var article: xmlNodePtr?
        var main: xmlNodePtr?
        var body: xmlNodePtr?
        var h1: String?
        for el in all {
            switch LibXML.name(el) {
            case "meta":
                let key = (LibXML.attribute(el, "property") ?? LibXML.attribute(el, "name") ?? LibXML.attribute(el, "itemprop"))?.lowercased()
                if let key, let content = LibXML.attribute(el, "content"), meta[key] == nil { meta[key] = content }
            case "title":
                if title == nil { title = LibXML.squeeze(LibXML.text(el)) }
            case "time":
                if timeValue == nil { timeValue = LibXML.attribute(el, "datetime") ?? LibXML.squeeze(LibXML.text(el)) }
            case "script":
                if LibXML.attribute(el, "type")?.lowercased().contains("ld+json") == true,
                   let data = LibXML.text(el).data(using: .utf8),
                   let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                    jsonLD.append(json)
                }
            case "link":
                if LibXML.attribute(el, "rel")?.lowercased() == "canonical" { canonical = LibXML.attribute(el, "href") }
            case "article":
                if article == nil { article = el }
            case "main":
                if main == nil { main = el }
            case "body":
                if body == nil { body = el }
            case "h1":
                if h1 == nil { h1 = LibXML.squeeze(LibXML.text(el)) }
            default: break
            }
        }
        let ld = jsonLD.flatMap(articleObjects)
        func ldString(_ key: String) -> String? {
            for o in ld { if let s = o[key] as? String, !s.isEmpty { return s } }
            return nil
        }
        func ldAuthor() -> String? {
            for o in ld {
                if let a = o["author"] as? [String: Any], let n = a["name"] as? String { return n }
                if let a = o["author"] as? [[String: Any]] {
                    let names = a.compactMap { $0["name"] as? String }
                    if !names.isEmpty { return names.joined(separator: ", ") }
                }
                if let a = o["author"] as? String { return a }
            }
            return nil
        }

        var page = Page(body: "")
        page.title = [meta["og:title"], ldString("headline"), h1, title].compactMap { $0 }.first { !$0.isEmpty }
        let dateCandidates = [meta["article:published_time"], ldString("datePublished"), meta["og:published_time"],
                              meta["pubdate"], meta["publishdate"], meta["date"], meta["dc.date.issued"], meta["dc.date"],
                              meta["datepublished"], timeValue, ldString("dateCreated"), meta["article:modified_time"]]
        page.published = dateCandidates.compactMap { $0 }.lazy.compactMap { parseTime($0) }.first
        page.author = [meta["author"], ldAuthor(), meta["article:author"], meta["dc.creator"]].compactMap { $0 }.first { !$0.isEmpty }
        page.section = meta["article:section"] ?? ldString("articleSection")
        let kw = meta["keywords"] ?? meta["news_keywords"] ?? ldString("keywords") ?? ""
        page.keywords = kw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        page.url = canonical ?? meta["og:url"] ?? ldString("url")
        page.outlet = meta["og:site_name"] ?? IngestedItem.outlet(fromURL: page.url)

        let container = article ?? main ?? body ?? root
        page.body = bodyText(container)
        if page.body.isEmpty, container != root { page.body = bodyText(root) }
        return page
    }

    /// JSON-LD objects that describe an article (including inside @graph).
    static func articleObjects(_ json: Any) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var stack: [Any] = [json]
        var seen = 0
        while let j = stack.popLast(), seen < 10_000 {
            seen += 1
            if let a = j as? [Any] { stack.append(contentsOf: a); continue }
            guard let o = j as? [String: Any] else { continue }
            if let g = o["@graph"] { stack.append(g) }
            let type = (o["@type"] as? String) ?? ((o["@type"] as? [String])?.joined(separator: " ") ?? "")
            if type.contains("Article") || type.contains("Posting") || o["datePublished"] != nil { out.append(o) }
        }
        return out
    }

    static func parseTime(_ s: String) -> Date? {
        Timestamp.parse(s) ?? RFC822.parse(s)
    }

    /// The visible text of a container: block elements become paragraphs separated by newlines; boilerplate is dropped.
    static func bodyText(_ container: xmlNodePtr) -> String {
        var paragraphs: [String] = []
        var current = ""
        func flush() {
            let p = LibXML.squeeze(current)
            if !p.isEmpty { paragraphs.append(p) }
            current = ""
        }
        // Iterative walk with explicit exit markers for block elements.
        enum Step { case enter(xmlNodePtr), exit(Bool) }
        var stack: [Step] = [.enter(container)]
        while let step = stack.popLast() {
            switch step {
            case .exit(let isBlock):
                if isBlock { flush() }
            case .enter(let n):
                switch n.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = n.pointee.content { current += String(cString: content) }
                case XML_ELEMENT_NODE:
                    let name = LibXML.name(n)
                    if boilerplate.contains(name) { continue }
                    if n != container, isFurniture(n) { continue }
                    if name == "br" { current += "\n"; continue }
                    let isBlock = blocks.contains(name) || name == "div" || name == "section" || name == "article"
                    if isBlock { flush() }
                    stack.append(.exit(isBlock))
                    var kids: [xmlNodePtr] = []
                    var c = n.pointee.children
                    while let k = c { kids.append(k); c = k.pointee.next }
                    for k in kids.reversed() { stack.append(.enter(k)) }
                default:
                    continue
                }
            }
        }
        flush()
        return paragraphs.joined(separator: "\n")
    }

    static func isFurniture(_ n: xmlNodePtr) -> Bool {
        if let role = LibXML.attribute(n, "role")?.lowercased(), ["navigation", "banner", "contentinfo", "complementary"].contains(role) {
            return true
        }
        if LibXML.attribute(n, "aria-hidden") == "true" || LibXML.attribute(n, "hidden") != nil { return true }
        let marks = ((LibXML.attribute(n, "class") ?? "") + " " + (LibXML.attribute(n, "id") ?? "")).lowercased()
        guard !marks.isEmpty else { return false }
        // Whole words only: "article-body" must not match "body"-free furniture tests by accident.
        let words = marks.split(whereSeparator: { !$0.isLetter })
        return words.contains { w in furnitureMarks.contains(String(w)) }
    }
}

/// Why an input could not be read (a message for the user; no article text).
public struct ReadFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
