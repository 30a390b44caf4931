import Foundation

/// A document read from an input, before it is stored: metadata as found, text exactly as given.
public struct IngestedItem: Sendable, Hashable {
    public var id: String?
    public var url: String?
    public var outlet: String?
    public var title: String?
    public var author: String?
    public var section: String?
    public var keywords: [String]
    public var published: Date?
    public var text: String
    /// Where it came from, for messages: file and line or item.
    public var file: String
    public var line: Int?
    public var item: Int?
    /// Something odd but not fatal (an unreadable date field, say).
    public var warnings: [String]

    public init(id: String? = nil, url: String? = nil, outlet: String? = nil, title: String? = nil, author: String? = nil,
                section: String? = nil, keywords: [String] = [], published: Date? = nil, text: String,
                file: String, line: Int? = nil, item: Int? = nil, warnings: [String] = []) {
        self.id = id
        self.url = url
        self.outlet = outlet
        self.title = title
        self.author = author
        self.section = section
        self.keywords = keywords
        self.published = published
        self.text = text
        self.file = file
        self.line = line
        self.item = item
        self.warnings = warnings
    }
}

/// One result of reading an input: a document, or an error naming its place.
public enum ReadResult: Sendable {
    case item(IngestedItem)
    case failure(IngestError)
}

extension IngestedItem {
    /// The outlet a URL's host names ("www.voanews.com" → "voanews.com").
    static func outlet(fromURL url: String?) -> String? {
        guard let url, let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
